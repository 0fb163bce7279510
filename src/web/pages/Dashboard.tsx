import { Alert, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ApiError, type SignedIn, api } from "../api";
import { PRODUCT_STATUSES } from "../bank-lists";
import { Countdown, ErrorNote, ListTable, day, when } from "../components";
import { ExpeditedReports } from "./ExpeditedReports";
import { BankHolds, HeldOrders } from "./dashboard/Holds";

/**
 * Doses against the clock: due and overdue first, each with a live countdown to its window's close. The
 * server decides who may read them: a user it refuses sees no section.
 */
function TimeCritical() {
  // The list is asked again every minute: a dose comes due while the page is open.
  const { data, error } = useQuery({ queryKey: ["due"], queryFn: api.due, refetchInterval: 60_000 });
  if (error instanceof ApiError && error.code === "FORBIDDEN") return null;
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  return (
    <>
      <Title order={2}>Time-critical patients</Title>
      {data.items.length === 0 ? (
        <p>No dose is due within 72 hours.</p>
      ) : (
        <ListTable className="list due" head={["Patient", "Protocol", "Dose", "State", "Window"]}>
          <Table.Tbody>
            {data.items.map((d) => (
              <Table.Tr key={`${d.planId}-${d.number}`} className={d.state}>
                <Table.Td>
                  <Link to={`/patients/${d.mrn}`}>{d.name}</Link> <span className="mono">{d.mrn}</span>
                </Table.Td>
                <Table.Td>{d.protocolId}</Table.Td>
                <Table.Td className="num">{d.number}</Table.Td>
                <Table.Td>
                  <span className={`dose ${d.state}`}>{d.state}</span>
                </Table.Td>
                <Table.Td>
                  {d.state === "upcoming" ? (
                    <Countdown until={d.earliest} label="opens" />
                  ) : (
                    <Countdown until={d.latest} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
    </>
  );
}

/** Follow-up visits past their window with no form recorded. */
function OverdueFollowUp() {
  const { data, error } = useQuery({ queryKey: ["overdue-follow-ups"], queryFn: api.overdueFollowUps });
  if (error) return <ErrorNote error={error} />;
  if (!data) return null;
  return (
    <>
      <Title order={2}>Overdue follow-up</Title>
      {data.items.length === 0 ? (
        <p>No follow-up form is overdue.</p>
      ) : (
        <ul className="overdue-follow-up">
          {data.items.map((o) => (
            <li key={`${o.planId}-${o.visit}`}>
              <Link to={`/patients/${o.mrn}`}>{o.name}</Link> {o.protocolId} {o.visit}, due {day(o.dueAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Each section for those the server lets read its area (the session's `areas`). */
export function Dashboard({ user }: { user: SignedIn }) {
  return (
    <section>
      <Title order={1}>Dashboard</Title>
      <HeldOrders />
      <TimeCritical />
      {/* readOutcomes: the patients area's roles (researchers read only the export) */}
      {user.areas.includes("patients") && <OverdueFollowUp />}
      {user.areas.includes("patients") && <ExpeditedReports />}
      {user.areas.includes("bank") && <BankSummary user={user} />}
    </section>
  );
}

function BankSummary({ user }: { user: SignedIn }) {
  const { data, error, isPending: loading } = useQuery({ queryKey: ["bank-summary"], queryFn: api.summary });
  if (error) return <ErrorNote error={error} />;
  if (loading || !data) return <p className="loading">Loading…</p>;
  const sources = [...new Set(data.counts.map((c) => c.source))].sort();
  const count = (status: string, source: string) =>
    data.counts.find((c) => c.status === status && c.source === source)?.count ?? 0;
  const quarantine = data.counts.filter((c) => c.status === "quarantine").reduce((a, c) => a + c.count, 0);
  return (
    <>
      <BankHolds holds={data.holds} user={user} />
      {quarantine > 0 && (
        <Alert color="yellow" role="note" className="alert" mt="sm">
          {quarantine} products in quarantine await QC or release.{" "}
          <Link to="/inventory?status=quarantine">Show them</Link>
        </Alert>
      )}
      <Title order={2}>Inventory by status and source</Title>
      <ListTable className="counts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Status</Table.Th>
            {sources.map((s) => (
              <Table.Th key={s}>{s}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PRODUCT_STATUSES.map((status) => (
            <Table.Tr key={status}>
              <Table.Td>
                <Link to={`/inventory?status=${status}`}>{status.replace("_", " ")}</Link>
              </Table.Td>
              {sources.map((s) => (
                <Table.Td key={s} className="num">
                  {count(status, s)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <div className="columns">
        <div>
          <Title order={2}>Active reservations</Title>
          {data.reservations.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {data.reservations.map((r) => (
                <li key={r.productId}>
                  <Link to={`/products/${r.productId.split(":")[0]}`}>{r.productId}</Link> for {r.patientId}{" "}
                  since {when(r.reservedAt)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <Title order={2}>Expiring within 72 hours</Title>
          {data.expiring.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {data.expiring.map((x) => (
                <li key={x.id} className={x.expiresAt < new Date().toISOString() ? "expired" : ""}>
                  <Link to={`/products/${x.din}`}>{x.id}</Link> {x.status}, expires {when(x.expiresAt)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </>
  );
}
