/** A product's whole record: identity, label, processing, QC and release, storage, history, custody, audit. */
import { type User, api } from "../api";
import { AuditTable, ErrorNote } from "../components";
import { useLoad } from "../use-load";
import { History } from "./product/History";
import { Identity } from "./product/Identity";
import { Release } from "./product/Release";
import { Steps } from "./product/Steps";

export function ProductPage({ din, user }: { din: string; user: User }) {
  const product = new URLSearchParams(location.search).get("product") ?? undefined;
  const { data, error, loading, reload } = useLoad(() => api.product(din, product), [din, product]);
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <p className="loading">Loading…</p>;
  if (!data) return null;
  const p = data.product;
  const code = p.division !== "00" ? p.code : undefined;
  return (
    <section className="product">
      <h1>
        <span className="mono">{p.dinWithCheck}</span> {p.code}{" "}
        <span className={`status ${p.status}`}>{p.status.replace("_", " ")}</span>
      </h1>
      {data.bankingConsent.state === "withdrawn" && (
        <p className="alert" role="alert">
          Banking consent withdrawn {data.bankingConsent.consent?.withdrawnAt?.slice(0, 10)}:{" "}
          {data.bankingConsent.consent?.withdrawalReason}. Do not release or distribute this unit.
        </p>
      )}
      <Identity data={data} code={code} />
      <Release data={data} />
      {/* The server says what this user may do to this product now (its roles and the product's status). */}
      <Steps din={p.din} code={code} actions={data.actions} user={user} reload={reload} />
      <History data={data} />

      <h2>Audit</h2>
      <AuditTable events={data.audit} showRecord={false} />
    </section>
  );
}
