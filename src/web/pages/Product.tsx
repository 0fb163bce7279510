/** A product's whole record: identity, label, processing, QC and release, storage, history, custody, audit. */
import { Alert, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { type SignedIn, api } from "../api";
import { ErrorNote, RecordAudit, day } from "../components";
import { History } from "./product/History";
import { Holds } from "./product/Holds";
import { Identity } from "./product/Identity";
import { LabelPrint } from "./product/LabelPrint";
import { Release } from "./product/Release";
import { ReportVigilance } from "./product/ReportVigilance";
import { ShipmentLogs } from "./product/ShipmentLogs";
import { Steps } from "./product/Steps";

/** A centre reports on a product it was sent; whoever takes the call records it (the server checks the role). */
const reportsVigilance = (user: SignedIn, status: string) =>
  ["shipped", "received", "infused"].includes(status) &&
  user.roles.some((r) => r === "quality-manager" || r === "coordinator" || r === "physician");

export function ProductPage({ din, user }: { din: string; user: SignedIn }) {
  const product = useSearchParams()[0].get("product") ?? undefined;
  const {
    data,
    error,
    isPending: loading,
  } = useQuery({
    queryKey: ["product", din, product],
    queryFn: () => api.product(din, product),
  });
  const queries = useQueryClient();
  // A step changes the product and may change its siblings (a division's aliquots): all of the DIN anew.
  const reload = () => void queries.invalidateQueries({ queryKey: ["product", din] });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <p className="loading">Loading…</p>;
  if (!data) return null;
  const p = data.product;
  // A nurse views the product read-only (a scanned DIN) without the bank area.
  const bank = user.areas.includes("bank");
  const code = p.division !== "00" ? p.code : undefined;
  return (
    <section className="product">
      <Title order={1}>
        <span className="mono">{p.dinWithCheck}</span> {p.code}{" "}
        <span className={`status ${p.status}`}>{p.status.replace("_", " ")}</span>
      </Title>
      {data.bankingConsent.state === "withdrawn" && (
        <Alert color="red" role="alert" className="alert" my="sm">
          Banking consent withdrawn {day(data.bankingConsent.consent?.withdrawnAt)}:{" "}
          {data.bankingConsent.consent?.withdrawalReason}. Do not release or distribute this unit.
        </Alert>
      )}
      <Holds data={data} code={code} user={user} reload={reload} />
      <Identity data={data} code={code} />
      <Release data={data} />
      {/* The server says what this user may do to this product now (its roles and the product's status). */}
      <Steps
        din={p.din}
        code={code}
        actions={data.actions}
        user={user}
        reload={reload}
        releaseCheck={data.releaseCheck}
        volumeMl={p.volumeMl}
      />
      {reportsVigilance(user, p.status) && (
        <ReportVigilance
          din={p.din}
          code={code}
          shippedTo={data.trace.products.find((t) => t.product.id === p.id)?.shipments.at(-1)?.destination}
        />
      )}
      {/* The bank's own records of the bag (shipper logs, label prints): for those who read the bank. */}
      {bank && <ShipmentLogs din={p.din} code={code} />}
      {bank && <LabelPrint din={p.din} code={code} mayPrint={data.actions.includes("label")} />}
      <History data={data} />

      <RecordAudit
        title="Audit history (the collection and every product of this DIN)"
        queryKey={["product", din]}
        load={() => api.productAudit(p.din)}
        showRecord
      />
    </section>
  );
}
