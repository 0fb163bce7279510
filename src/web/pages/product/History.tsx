/** What happened to the product: QC results, processing, status changes and the chain of custody. */
import type { ProductPageData } from "../../api";

export function History({ data }: { data: ProductPageData }) {
  const mine = data.trace.products.find((x) => x.product.id === data.product.id);
  return (
    <>
      <h2>QC results</h2>
      <table className="list">
        <thead>
          <tr>
            <th>Test</th>
            <th>Stage</th>
            <th>Result</th>
            <th>Tested</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {data.qc.map((r) => (
            <tr key={r.id}>
              <td>{r.test}</td>
              <td>{r.stage}</td>
              <td className="mono">
                {r.value !== null ? `${r.value.toLocaleString("en")} ${r.unit ?? ""}` : r.result}
              </td>
              <td>{r.testedAt.slice(0, 16).replace("T", " ")}</td>
              <td>{r.recordedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Processing</h2>
      <ul>
        {data.processing.map((s) => (
          <li key={`${s.step}${s.performedAt}`}>
            {s.performedAt.slice(0, 16).replace("T", " ")} {s.step} by {s.performedBy}
            {s.method ? `, ${s.method}` : ""}
            {s.volumeAfterMl ? `, ${s.volumeAfterMl} mL after` : ""}
          </li>
        ))}
      </ul>

      <h2>Status history</h2>
      <ul>
        {mine?.statusHistory.map((h) => (
          <li key={`${h.at}${h.toStatus}`}>
            {h.at.slice(0, 16).replace("T", " ")} {h.fromStatus ?? "—"} → <b>{h.toStatus}</b> by {h.by}:{" "}
            {h.reason}
          </li>
        ))}
      </ul>

      <h2>Chain of custody</h2>
      <table className="list">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Event</th>
            <th>Where</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {data.trace.custody.map((c) => (
            <tr key={`${c.at}${c.event}`}>
              <td>{c.at.slice(0, 16).replace("T", " ")}</td>
              <td>{c.event}</td>
              <td>{c.location}</td>
              <td>{c.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
