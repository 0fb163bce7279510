/** Adverse events of the population by CTCAE term and grade. */
import type { OutcomesReport } from "../../../outcomes/report-schemas";

export function AdverseEvents({ rows, csv }: { rows: OutcomesReport["adverseEvents"]; csv: string }) {
  return (
    <>
      <h2>Adverse events by grade (CTCAE v5)</h2>
      <table className="list ae">
        <thead>
          <tr>
            <th>Term</th>
            {[1, 2, 3, 4, 5].map((g) => (
              <th key={g}>Grade {g}</th>
            ))}
            <th>Serious</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.term}>
              <td>{r.term}</td>
              {r.grades.map((n, g) => (
                <td key={`${r.term}-${g + 1}`} className="num">
                  {n}
                </td>
              ))}
              <td className="num">{r.serious}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/api/outcomes/report.csv?table=adverse-events&${csv}`}>Adverse events (CSV)</a>
      </p>
    </>
  );
}
