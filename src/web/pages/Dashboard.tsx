import { ErrorNote } from "../App";
import { PRODUCT_STATUSES, api } from "../api";
import { Link } from "../router";
import { useLoad } from "../use-load";

export function Dashboard() {
  const { data, error, loading } = useLoad(() => api.summary(), []);
  if (error) return <ErrorNote error={error} />;
  if (loading || !data) return <p className="loading">Loading…</p>;
  const sources = [...new Set(data.counts.map((c) => c.source))].sort();
  const count = (status: string, source: string) =>
    data.counts.find((c) => c.status === status && c.source === source)?.count ?? 0;
  const quarantine = data.counts.filter((c) => c.status === "quarantine").reduce((a, c) => a + c.count, 0);
  return (
    <section>
      <h1>Dashboard</h1>
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
    </section>
  );
}
