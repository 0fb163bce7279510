/** Adverse events of the population by CTCAE term and grade. */
import { Table, Title } from "@mantine/core";
import type { OutcomesReport } from "../../../outcomes/report-schemas";
import { ListTable } from "../../components";

export function AdverseEvents({ rows, csv }: { rows: OutcomesReport["adverseEvents"]; csv: string }) {
  return (
    <>
      <Title order={2}>Adverse events by grade (CTCAE v5)</Title>
      <ListTable className="list ae">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Term</Table.Th>
            {[1, 2, 3, 4, 5].map((g) => (
              <Table.Th key={g}>Grade {g}</Table.Th>
            ))}
            <Table.Th>Serious</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.term}>
              <Table.Td>{r.term}</Table.Td>
              {r.grades.map((n, g) => (
                <Table.Td key={`${r.term}-${g + 1}`} className="num">
                  {n}
                </Table.Td>
              ))}
              <Table.Td className="num">{r.serious}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <p>
        <a href={`/api/outcomes/report.csv?table=adverse-events&${csv}`}>Adverse events (CSV)</a>
      </p>
    </>
  );
}
