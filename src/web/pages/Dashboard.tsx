import { useEffect } from "react";
import { ApiError, type SignedIn, api } from "../api";
import { PRODUCT_STATUSES } from "../bank-lists";
import { Countdown, ErrorNote } from "../components";
import { Link } from "../router";
import { useLoad } from "../use-load";
import { ExpeditedReports } from "./ExpeditedReports";
import { BankHolds, HeldOrders } from "./dashboard/Holds";

/**
 * Doses against the clock: due and overdue first, each with a live countdown to its window's close. The
 * server decides who may read them: a user it refuses sees no section.
 */
function TimeCritical() {
  const { data, error, reload } = useLoad(() => api.due(), []);
  useEffect(() => {
    const t = setInterval(reload, 60_000);
    return () => clearInterval(t);
  }, [reload]);
  if (error instanceof ApiError && error.code === "FORBIDDEN") return null;
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  return (
    <>
      <h2>Time-critical patients</h2>
      {data.items.length === 0 ? (
        <p>No dose is due within 72 hours.</p>
      ) : (
        <table className="list due">
          <thead>
            <tr>
              <th>Patient</th>
              <th>Protocol</th>
              <th>Dose</th>
              <th>State</th>
              <th>Window</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((d) => (
              <tr key={`${d.planId}-${d.number}`} className={d.state}>
                <td>
                  <Link to={`/patients/${d.mrn}`}>{d.name}</Link> <span className="mono">{d.mrn}</span>
                </td>
                <td>{d.protocolId}</td>
                <td className="num">{d.number}</td>
                <td>
                  <span className={`dose ${d.state}`}>{d.state}</span>
                </td>
                <td>
                  {d.state === "upcoming" ? (
                    <Countdown until={d.earliest} label="opens" />
                  ) : (
                    <Countdown until={d.latest} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Follow-up visits past their window with no form recorded. */
function OverdueFollowUp() {
  const { data, error } = useLoad(() => api.overdueFollowUps(), []);
  if (error) return <ErrorNote error={error} />;
  if (!data) return null;
  return (
    <>
      <h2>Overdue follow-up</h2>
      {data.items.length === 0 ? (
        <p>No follow-up form is overdue.</p>
      ) : (
        <ul className="overdue-follow-up">
          {data.items.map((o) => (
            <li key={`${o.planId}-${o.visit}`}>
              <Link to={`/patients/${o.mrn}`}>{o.name}</Link> {o.protocolId} {o.visit}, due{" "}
              {o.dueAt.slice(0, 10)}
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
      <h1>Dashboard</h1>
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
  const { data, error, loading } = useLoad(() => api.summary(), []);
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
        <p className="alert">
          {quarantine} products in quarantine await QC or release.{" "}
          <Link to="/inventory?status=quarantine">Show them</Link>
        </p>
      )}
      <h2>Inventory by status and source</h2>
      <table className="counts">
        <thead>
          <tr>
            <th>Status</th>
            {sources.map((s) => (
              <th key={s}>{s}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRODUCT_STATUSES.map((status) => (
            <tr key={status}>
              <td>
                <Link to={`/inventory?status=${status}`}>{status.replace("_", " ")}</Link>
              </td>
              {sources.map((s) => (
                <td key={s} className="num">
                  {count(status, s)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="columns">
        <div>
          <h2>Active reservations</h2>
          {data.reservations.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {data.reservations.map((r) => (
                <li key={r.productId}>
                  <Link to={`/products/${r.productId.split(":")[0]}`}>{r.productId}</Link> for {r.patientId}{" "}
                  since {r.reservedAt.slice(0, 10)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h2>Expiring within 72 hours</h2>
          {data.expiring.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {data.expiring.map((x) => (
                <li key={x.id} className={x.expiresAt < new Date().toISOString() ? "expired" : ""}>
                  <Link to={`/products/${x.din}`}>{x.id}</Link> {x.status}, expires{" "}
                  {x.expiresAt.replace("T", " ").slice(0, 16)} UTC
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </>
  );
}
