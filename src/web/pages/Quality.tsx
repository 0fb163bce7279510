/**
 * The quality dashboard (issue 18): open holds, deviations not closed, open CAPAs (overdue marked), alarms
 * not closed (escalated ones marked) and the reports due on the deviation and vigilance clocks. Read-only
 * here; the steps are the quality routes. Open recalls link to their own pages.
 */
import { Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../api";
import { ErrorNote, ListTable } from "../components";

export function Quality() {
  const dash = useQuery({ queryKey: ["quality", "dashboard"], queryFn: () => api.qualityDashboard() });
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
                    <Table.Td>{r.summary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
          <Title order={2}>Alarms</Title>
          {d.alarms.length === 0 ? (
            <p>No alarm is open.</p>
          ) : (
            <ListTable
              aria-label="Alarms"
              head={["Device", "Kind", "State", "Since", "Escalated to", "Products"]}
            >
              <Table.Tbody>
                {d.alarms.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td className="mono">{a.device}</Table.Td>
                    <Table.Td>{a.kind}</Table.Td>
                    <Table.Td>{a.state}</Table.Td>
                    <Table.Td className="mono">{a.startedAt}</Table.Td>
                    <Table.Td>{a.escalatedTo ?? "—"}</Table.Td>
                    <Table.Td>{a.products.length}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
          <Title order={2}>Deviations</Title>
          {d.deviations.length === 0 ? (
            <p>No deviation is open.</p>
          ) : (
            <ListTable aria-label="Deviations" head={["Discovered", "Kind", "State", "Description", "Links"]}>
              <Table.Tbody>
                {d.deviations.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td className="mono">{x.discoveredAt}</Table.Td>
                    <Table.Td>{x.kind}</Table.Td>
                    <Table.Td>{x.state}</Table.Td>
                    <Table.Td>{x.description}</Table.Td>
                    <Table.Td>{x.links.length}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
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
