/** The release criteria as the server checks them now, and the signatures on the record. */
import { Title } from "@mantine/core";
import type { ProductPageData } from "../../api";
import { whenExact } from "../../components";

export function Release({ data }: { data: ProductPageData }) {
  const mine = data.trace.products.find((x) => x.product.id === data.product.id);
  return (
    <>
      <Title order={2}>Release criteria</Title>
      <ul className="criteria">
        {data.releaseCheck.map((c) => (
          <li key={c.rule} className={c.passed ? "pass" : "fail"}>
            {c.passed ? "✓" : "✗"} {c.rule}: {c.reason}
          </li>
        ))}
      </ul>
      {mine?.signatures.map((s) => (
        <p key={s.id} className="signature">
          Signed <b>{s.meaning}</b> by {s.printedName} ({s.username}) at {whenExact(s.signedAt)} · record{" "}
          {s.recordHash.slice(0, 12)}…
        </p>
      ))}
    </>
  );
}
