/** Numbers at risk under a curve plot: one row per group, labelled with its name, a column per tick time. */
import { Table } from "@mantine/core";
import { ListTable } from "./ListTable";
import { colourOf } from "./curve-palette";

export function AtRiskTable({
  ticks,
  rows,
}: { ticks: number[]; rows: { name: string; atRisk: number[] }[] }) {
  return (
    <ListTable className="list at-risk">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>At risk (day)</Table.Th>
          {ticks.map((t) => (
            <Table.Th key={t} className="num">
              {t}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => (
          <Table.Tr key={r.name} data-group={r.name}>
            <Table.Th scope="row" style={{ color: colourOf(i) }}>
              {r.name}
            </Table.Th>
            {ticks.map((t, k) => (
              <Table.Td key={t} className="num">
                {r.atRisk[k] ?? "—"}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
