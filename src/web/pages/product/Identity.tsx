/** Where the product comes from and where it is, and its ISBT 128 label to check and print. */
import { Title } from "@mantine/core";
import type { ProductPageData } from "../../api";
import { when } from "../../components";

export function Identity({ data, code }: { data: ProductPageData; code: string | undefined }) {
  const p = data.product;
  const mine = data.trace.products.find((x) => x.product.id === p.id);
  const labelUrl = (kind: string) => `/api/products/${p.din}/label.${kind}${code ? `?product=${code}` : ""}`;
  return (
    <div className="columns">
      <div>
        <Title order={2}>Identity</Title>
        <dl>
          <dt>Source</dt>
          <dd>{p.source}</dd>
          <dt>Donor</dt>
          <dd>
            {data.trace.collection.donorId}
            {data.trace.collection.motherId ? ` (mother ${data.trace.collection.motherId})` : ""}
          </dd>
          <dt>Consent</dt>
          <dd>{data.trace.collection.consentRef}</dd>
          <dt>Collected</dt>
          <dd>
            {when(p.collectedAt)} at {p.site}
          </dd>
          <dt>ABO/RhD</dt>
          <dd>{p.aboRhD ?? "—"}</dd>
          <dt>Volume</dt>
          <dd>{p.volumeMl} mL</dd>
          <dt>Storage</dt>
          <dd>
            {p.storageTemperature}
            {mine?.storage
              ? ` at ${mine.storage.freezer}/${mine.storage.rack}/${mine.storage.box}/${mine.storage.position}`
              : ""}
          </dd>
          <dt>Expires</dt>
          <dd>{when(p.expiresAt)}</dd>
          <dt>For</dt>
          <dd>{p.recipientId ?? (data.trace.recipients.join(", ") || "—")}</dd>
        </dl>
      </div>
      <div>
        <Title order={2}>Label</Title>
        <img className="label" src={labelUrl("svg")} alt={`ISBT 128 label of ${p.dinWithCheck}`} />
        <p>
          <a href={labelUrl("pdf")} target="_blank" rel="noreferrer">
            Label PDF (100 × 100 mm)
          </a>
        </p>
      </div>
    </div>
  );
}
