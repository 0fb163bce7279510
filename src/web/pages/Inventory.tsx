import { api } from "../api";
import { PRODUCT_STATUSES, SOURCES } from "../bank-lists";
import { ErrorNote } from "../components";
import { Link, navigate, usePath } from "../router";
import { useLoad } from "../use-load";

const PAGE = 25;

export function Inventory() {
  const path = usePath();
  const params = new URLSearchParams(path.split("?")[1] ?? "");
  const status = params.get("status") ?? "";
  const source = params.get("source") ?? "";
  const din = params.get("din") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== "offset") p.delete("offset");
    navigate(`/inventory?${p.toString()}`);
  };
  const { data, error, loading } = useLoad(
    () => api.products({ limit: PAGE, offset, status, source, din }),
    [status, source, din, offset],
  );
  return (
    <section>
      <h1>Inventory</h1>
      <div className="filters">
        <label>
          Status{" "}
          <select name="status" value={status} onChange={(e) => set("status", e.target.value)}>
            <option value="">all</option>
            {PRODUCT_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Source{" "}
          <select name="source" value={source} onChange={(e) => set("source", e.target.value)}>
            <option value="">all</option>
            {SOURCES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          DIN{" "}
          <input
            name="din"
            defaultValue={din}
            placeholder="beginning of a DIN"
            onKeyDown={(e) => e.key === "Enter" && set("din", e.currentTarget.value)}
          />
        </label>
        <button type="button" onClick={() => navigate("/register")}>
          Register a collection
        </button>
      </div>
      <ErrorNote error={error} />
      {loading && <p className="loading">Loading…</p>}
      {data && (
        <>
          <table className="list">
            <thead>
              <tr>
                <th>DIN</th>
                <th>Product</th>
                <th>Status</th>
                <th>Source</th>
                <th>ABO/Rh</th>
                <th>Volume</th>
                <th>Collected</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <td className="mono">
                    <Link to={`/products/${p.din}${p.division !== "00" ? `?product=${p.code}` : ""}`}>
                      {p.dinWithCheck}
                    </Link>
                  </td>
                  <td className="mono">{p.code}</td>
                  <td>
                    <span className={`status ${p.status}`}>{p.status.replace("_", " ")}</span>
                  </td>
                  <td>{p.source}</td>
                  <td>{p.aboRhD ?? "—"}</td>
                  <td className="num">{p.volumeMl} mL</td>
                  <td>{p.collectedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="pager">
            {data.total === 0
              ? "No products."
              : `${offset + 1}–${Math.min(offset + PAGE, data.total)} of ${data.total}`}{" "}
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => set("offset", String(Math.max(0, offset - PAGE)))}
            >
              Previous
            </button>{" "}
            <button
              type="button"
              disabled={offset + PAGE >= data.total}
              onClick={() => set("offset", String(offset + PAGE))}
            >
              Next
            </button>
          </p>
        </>
      )}
    </section>
  );
}
