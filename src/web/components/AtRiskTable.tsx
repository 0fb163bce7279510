/** Numbers at risk under a curve plot: one row per group, labelled with its name, a column per tick time. */
import { colourOf } from "./curve-palette";

export function AtRiskTable({
  ticks,
  rows,
}: { ticks: number[]; rows: { name: string; atRisk: number[] }[] }) {
  return (
    <table className="list at-risk">
      <thead>
        <tr>
          <th>At risk (day)</th>
          {ticks.map((t) => (
            <th key={t} className="num">
              {t}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.name} data-group={r.name}>
            <th scope="row" style={{ color: colourOf(i) }}>
              {r.name}
            </th>
            {ticks.map((t, k) => (
              <td key={t} className="num">
                {r.atRisk[k] ?? "—"}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
