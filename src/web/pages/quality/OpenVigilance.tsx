/** The adverse reactions and complaints not closed, with their report clocks; each opens its own record. */
import { Table } from "@mantine/core";
import { Link } from "react-router";
import type { ReportClock } from "../../../bank/quality/deviation-schemas.js";
import type { VigilanceCase } from "../../../bank/quality/vigilance-schemas.js";
import { ListTable, when } from "../../components";

const clock = (c: ReportClock | null) =>
  c === null ? "—" : c.submittedAt ? "submitted" : c.state === "overdue" ? `${c.dueDate} overdue` : c.dueDate;

export function OpenVigilance({ cases }: { cases: VigilanceCase[] }) {
  if (cases.length === 0) return <p>No adverse reaction or complaint is open.</p>;
  return (
    <ListTable
      aria-label="Open vigilance cases"
      head={["Learned", "Kind", "Product", "Centre", "State", "FDA report", "EU report"]}
    >
      <Table.Tbody>
        {cases.map((c) => (
          <Table.Tr key={c.id} data-vigilance={c.id}>
            <Table.Td className="mono">{when(c.learnedAt)}</Table.Td>
            <Table.Td>
              <Link to={`/quality/vigilance/${c.id}`}>
                {c.kind === "complaint" ? "complaint" : "adverse reaction"}
              </Link>
              {c.serious && " (serious)"}
            </Table.Td>
            <Table.Td className="mono">{c.din}</Table.Td>
            <Table.Td>{c.centre}</Table.Td>
            <Table.Td>{c.state}</Table.Td>
            <Table.Td>{clock(c.fda)}</Table.Td>
            <Table.Td>{clock(c.eu)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
