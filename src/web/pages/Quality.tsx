/**
 * The quality dashboard (issue 18): open holds, deviations not closed, open CAPAs (overdue marked), alarms
 * not closed (escalated ones marked) and the reports due on the deviation and vigilance clocks. The lab and
 * the quality manager record deviations and acknowledge alarms (signed); the quality manager assesses and
 * closes deviations (signed). Open recalls, alarms, deviations and vigilance cases link to their own pages.
 */
import { Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { type User, api } from "../api";
import { ErrorNote, ListTable } from "../components";
import { OpenAlarms } from "./quality/OpenAlarms";
import { OpenDeviations } from "./quality/OpenDeviations";
import { OpenVigilance } from "./quality/OpenVigilance";
import { RecordDeviation } from "./quality/RecordDeviation";

export function Quality({ user }: { user: User }) {
  const queries = useQueryClient();
  const dash = useQuery({ queryKey: ["quality", "dashboard"], queryFn: () => api.qualityDashboard() });
  const vigilance = useQuery({ queryKey: ["quality", "vigilance"], queryFn: () => api.vigilanceCases(true) });
  const reload = () => void queries.invalidateQueries({ queryKey: ["quality"] });
  const records = user.roles.some((r) => r === "quality-manager" || r === "lab-technologist");
  const d = dash.data;
  return (
    <section>
      <Title order={1}>Quality</Title>
      <ErrorNote error={dash.error} />
      {dash.isPending && <p className="loading">Loading…</p>}
      {d && (
        <>
          <Title order={2}>Reports due</Title>
          {d.reportsDue.length === 0 ? (
            <p>No report is due.</p>
          ) : (
            <ListTable aria-label="Reports due" head={["Clock", "Due", "State", "About"]}>
              <Table.Tbody>
                {d.reportsDue.map((r) => (
                  <Table.Tr key={`${r.kind}/${r.id}`}>
                    <Table.Td>{r.kind}</Table.Td>
                    <Table.Td className="mono">{r.dueDate}</Table.Td>
                    <Table.Td>{r.state === "overdue" ? <strong>overdue</strong> : r.state}</Table.Td>
                    <Table.Td>
                      <Link
                        to={
                          r.kind === "deviation"
                            ? `/quality/deviations/${r.id}`
                            : `/quality/vigilance/${r.id}`
                        }
                      >
                        {r.summary}
                      </Link>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
          <Title order={2}>Alarms</Title>
          <OpenAlarms alarms={d.alarms} user={user} onDone={reload} />
          <p>
            <Link to="/quality/monitoring">Monitoring: thresholds, device tokens and readings</Link>
          </p>
          <Title order={2}>Deviations</Title>
          <OpenDeviations deviations={d.deviations} user={user} onDone={reload} />
          {records && <RecordDeviation onDone={reload} />}
          <Title order={2}>Adverse reactions and complaints</Title>
          <ErrorNote error={vigilance.error} />
          {vigilance.data && <OpenVigilance cases={vigilance.data} />}
          <Title order={2}>CAPAs</Title>
          {d.capas.length === 0 ? (
            <p>No CAPA is open.</p>
          ) : (
            <ListTable aria-label="CAPAs" head={["Due", "Kind", "Owner", "Action"]}>
              <Table.Tbody>
                {d.capas.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td className="mono">
                      {c.overdue ? <strong>{c.dueDate} overdue</strong> : c.dueDate}
                    </Table.Td>
                    <Table.Td>{c.kind}</Table.Td>
                    <Table.Td>{c.owner}</Table.Td>
                    <Table.Td>{c.description}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
          <Title order={2}>Recalls</Title>
          {d.recalls.length === 0 ? (
            <p>No recall is open.</p>
          ) : (
            <ListTable
              aria-label="Open recalls"
              head={["Recall", "From", "Products", "Actions open", "Opened"]}
            >
              <Table.Tbody>
                {d.recalls.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Link to={`/recalls/${r.id}`}>{r.reason}</Link>
                    </Table.Td>
                    <Table.Td>
                      {r.origin} {r.originRef}
                    </Table.Td>
                    <Table.Td className="num">{r.products}</Table.Td>
                    <Table.Td className="num">{r.openActions}</Table.Td>
                    <Table.Td className="mono">{r.openedAt.slice(0, 10)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
          <Title order={2}>Holds</Title>
          <p>
            {d.holds.length === 0
              ? "No product is on hold."
              : `${d.holds.length} products on hold (see the bank's dashboard).`}
          </p>
        </>
      )}
    </section>
  );
}
