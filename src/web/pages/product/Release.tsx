/** The release criteria as the server checks them now, and the signatures on the record. */
import type { ProductPageData } from "../../api";

export function Release({ data }: { data: ProductPageData }) {
  const mine = data.trace.products.find((x) => x.product.id === data.product.id);
  return (
    <>
      <h2>Release criteria</h2>
      <ul className="criteria">
        {data.releaseCheck.map((c) => (
          <li key={c.rule} className={c.passed ? "pass" : "fail"}>
            {c.passed ? "✓" : "✗"} {c.rule}: {c.reason}
          </li>
        ))}
      </ul>
      {mine?.signatures.map((s) => (
        <p key={s.id} className="signature">
          Signed <b>{s.meaning}</b> by {s.printedName} ({s.username}) at{" "}
          {s.signedAt.replace("T", " ").slice(0, 19)} UTC · record {s.recordHash.slice(0, 12)}…
        </p>
      ))}
    </>
  );
}
