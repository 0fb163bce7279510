/**
 * The dashboard's expedited reports (21 CFR 312.32) not yet submitted: overdue first with the days past
 * due, then those due with the days left. The server decides who may read them and computes the clock.
 */
import { Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { OpenReports } from "../../outcomes/schemas";
import { ApiError, api } from "../api";
import { ErrorNote, ListTable, day } from "../components";

const days = (n: number | null) => `${n ?? 0} day${n === 1 ? "" : "s"}`;

export function ExpeditedReports() {
  const { data, error } = useQuery<OpenReports>({ queryKey: ["open-reports"], queryFn: api.openReports });
  if (error instanceof ApiError && error.code === "FORBIDDEN") return null;
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  if (data.items.length === 0) return null;
  return (
    <>
      <Title order={2}>Expedited reports to submit</Title>
      <ListTable className="list expedited" head={["Patient", "Event", "Grade", "Due", "State"]}>
        <Table.Tbody>
          {data.items.map((r) => (
            <Table.Tr key={r.id} className={r.report.state}>
              <Table.Td>
                <Link to={`/patients/${r.mrn}`}>{r.mrn}</Link>
              </Table.Td>
              <Table.Td>{r.term}</Table.Td>
              <Table.Td className="num">{r.grade}</Table.Td>
              <Table.Td>{day(r.reportDueAt)}</Table.Td>
              <Table.Td>
                {r.report.state === "overdue"
                  ? `overdue by ${days(r.report.days)}`
                  : `${days(r.report.days)} left`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
    </>
  );
}
