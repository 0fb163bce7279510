import type { ProductAction } from "../../bank/schemas.js";
/** A product's whole record: identity, label, processing, QC and release, storage, history, custody, audit. */
import { type User, api } from "../api";
import { PROCESSING_STEPS, QC_STAGES, QC_TESTS } from "../bank-lists";
import { AuditTable, ErrorNote, type Field, Form } from "../components";
import { useLoad } from "../use-load";

/** One form per step of a product's life; the server checks the rules and names the field at fault. */
function StepForm({
  din,
  product,
  step,
  title,
  fields,
  button,
  onDone,
}: {
  din: string;
  product?: string;
  step: string;
  title: string;
  fields: Field[];
  button: string;
  onDone: () => void;
}) {
  return (
    <Form
      title={title}
      fields={fields}
      button={button}
      onSubmit={async (body) => {
        await api.step(din, step, body, product);
        onDone();
        return undefined;
      }}
    />
  );
}

export function ProductPage({ din, user }: { din: string; user: User }) {
  const product = new URLSearchParams(location.search).get("product") ?? undefined;
  const { data, error, loading, reload } = useLoad(() => api.product(din, product), [din, product]);
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <p className="loading">Loading…</p>;
  if (!data) return null;
  const p = data.product;
  const mine = data.trace.products.find((x) => x.product.id === p.id);
  const code = p.division !== "00" ? p.code : undefined;
  // The server says what this user may do to this product now (its roles and the product's status).
  const may = (a: ProductAction) => data.actions.includes(a);
  const labelUrl = (kind: string) => `/api/products/${p.din}/label.${kind}${code ? `?product=${code}` : ""}`;
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
      <div className="columns">
        <div>
          <h2>Identity</h2>
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
              {p.collectedAt.replace("T", " ").slice(0, 16)} UTC at {p.site}
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
            <dd>{p.expiresAt ? `${p.expiresAt.replace("T", " ").slice(0, 16)} UTC` : "—"}</dd>
            <dt>For</dt>
            <dd>{p.recipientId ?? (data.trace.recipients.join(", ") || "—")}</dd>
          </dl>
        </div>
        <div>
          <h2>Label</h2>
          <img className="label" src={labelUrl("svg")} alt={`ISBT 128 label of ${p.dinWithCheck}`} />
          <p>
            <a href={labelUrl("pdf")} target="_blank" rel="noreferrer">
              Label PDF (100 × 100 mm)
            </a>
          </p>
        </div>
      </div>

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

      <div className="actions">
        {may("qc") && (
          <StepForm
            din={p.din}
            product={code}
            step="qc"
            title="Record a QC result"
            button="Record"
            onDone={reload}
            fields={[
              {
                name: "test",
                label: "Test",
                options: QC_TESTS,
              },
              {
                name: "stage",
                label: "Stage",
                options: QC_STAGES,
              },
              { name: "value", label: "Value", type: "number", placeholder: "cells or %" },
              { name: "result", label: "Result", placeholder: "negative, GL string, O+" },
              { name: "testedAt", label: "Tested at (empty: now)", type: "datetime" },
            ]}
          />
        )}
        {may("process") && (
          <StepForm
            din={p.din}
            product={code}
            step="processing"
            title="Record processing"
            button="Record"
            onDone={reload}
            fields={[
              {
                name: "step",
                label: "Step",
                options: PROCESSING_STEPS,
              },
              { name: "performedAt", label: "Performed at (empty: now)", type: "datetime" },
              { name: "volumeAfterMl", label: "Volume after (mL)", type: "number" },
              { name: "complete", label: "Processing complete", type: "checkbox" },
            ]}
          />
        )}
        {may("store") && (
          <StepForm
            din={p.din}
            product={code}
            step="storage"
            title="Store"
            button="Store"
            onDone={reload}
            fields={[{ name: "location", label: "Position", placeholder: "LN2-01/R03/B12/A1" }]}
          />
        )}
        {may("release") && (
          <StepForm
            din={p.din}
            product={code}
            step="release"
            title={`Release: sign as ${user.printedName}, meaning "released"`}
            button="Sign and release"
            onDone={reload}
            fields={[{ name: "password", label: "Your password", type: "password" }]}
          />
        )}
        {may("reserve") && (
          <StepForm
            din={p.din}
            product={code}
            step="reservation"
            title="Reserve for a patient"
            button="Reserve"
            onDone={reload}
            fields={[
              { name: "patientId", label: "Patient" },
              { name: "reason", label: "Reason" },
            ]}
          />
        )}
        {may("discard") && (
          <StepForm
            din={p.din}
            product={code}
            step="discard"
            title="Discard"
            button="Discard"
            onDone={reload}
            fields={[{ name: "reason", label: "Reason" }]}
          />
        )}
      </div>

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

      <h2>Audit</h2>
      <AuditTable events={data.audit} showRecord={false} />
    </section>
  );
}
