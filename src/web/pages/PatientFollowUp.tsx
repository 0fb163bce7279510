/**
 * A patient's consents, follow-up visits with their typed forms, and adverse events. What the user may do
 * comes with the record (`actions`, from the server's roles); the choices are the services' own types.
 */
import { useState } from "react";
import type { NewConsent } from "../../consent/schemas";
import type { FormSpecs, NewAdverseEvent, PatientOutcomes } from "../../outcomes/schemas";
import { ApiError, type User, api } from "../api";
import { ErrorNote, Form } from "../components";
import { useLoad } from "../use-load";

// Records keyed by the types' unions: a value added to a list on the server fails this page's type check.
const SCOPES: Record<NewConsent["scope"], true> = {
  "cord-blood-banking": true,
  treatment: true,
  research: true,
  "data-sharing": true,
};
const RELATIONSHIPS: Record<NewConsent["relationship"], true> = {
  mother: true,
  father: true,
  "legal-guardian": true,
};
const ATTRIBUTIONS: Record<NewAdverseEvent["attribution"], true> = {
  unrelated: true,
  unlikely: true,
  possible: true,
  probable: true,
  definite: true,
};
const utcDay = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

/** One follow-up form, its fields drawn from the server's description of the form. */
function FollowUpForm({
  planId,
  visits,
  spec,
  onDone,
}: { planId: string; visits: { visit: string; forms: string[] }[]; spec: FormSpecs; onDone: () => void }) {
  const [visit, setVisit] = useState(visits.find((v) => v.forms.length)?.visit ?? "");
  const forms = visits.find((v) => v.visit === visit)?.forms ?? [];
  const [form, setForm] = useState("");
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [observedAt, setObservedAt] = useState("");
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState("");
  const fields = Object.entries(spec[form] ?? {});
  return (
    <form
      className="step"
      aria-label="Record a follow-up form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        const data: Record<string, unknown> = {};
        for (const [name, f] of fields) {
          const v = values[name];
          if (v === undefined || v === "") continue;
          data[name] = f.kind === "number" ? Number(v) : f.kind === "boolean" ? v === true : v;
        }
        try {
          await api.recordFollowUp({
            planId,
            visit,
            form,
            observedAt: observedAt ? new Date(observedAt).toISOString() : new Date().toISOString(),
            data,
          });
          setDone(`${form} recorded for ${visit}`);
          setValues({});
          onDone();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h3>Record a follow-up form</h3>
      <label>
        Visit{" "}
        <select name="visit" value={visit} onChange={(e) => setVisit(e.target.value)}>
          {visits.map((v) => (
            <option key={v.visit}>{v.visit}</option>
          ))}
        </select>
      </label>
      <label>
        Form{" "}
        <select name="form" value={form} onChange={(e) => setForm(e.target.value)}>
          <option value="">—</option>
          {forms.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      <label>
        Observed (blank: now){" "}
        <input
          name="observedAt"
          type="datetime-local"
          value={observedAt}
          onChange={(e) => setObservedAt(e.target.value)}
        />
      </label>
      {fields.map(([name, f]) => (
        // biome-ignore lint/a11y/noLabelWithoutControl: the control is one of the three below.
        <label key={name}>
          {f.what}
          {f.required ? " *" : ""}{" "}
          {f.kind === "boolean" ? (
            <input
              name={name}
              type="checkbox"
              checked={values[name] === true}
              onChange={(e) => setValues({ ...values, [name]: e.target.checked })}
            />
          ) : f.kind === "choice" ? (
            <select
              name={name}
              value={String(values[name] ?? "")}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            >
              <option value="">—</option>
              {(f.values ?? []).map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          ) : (
            <input
              name={name}
              placeholder={
                f.kind === "number" ? `${f.min} to ${f.max}` : f.kind === "date" ? "YYYY-MM-DD" : ""
              }
              value={String(values[name] ?? "")}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            />
          )}
        </label>
      ))}
      <button type="submit">Record form</button>
      {done && <span className="ok">{done}</span>}
      <ErrorNote error={error} />
    </form>
  );
}

export function PatientFollowUp({ mrn }: { mrn: string; user: User }) {
  const { data, error, reload } = useLoad(() => api.patientOutcomes(mrn), [mrn]);
  const spec = useLoad(() => api.forms(), []);
  const [withdrawing, setWithdrawing] = useState<string>();
  // A user who may not read outcomes sees nothing of them (the server refuses the record).
  if (error instanceof ApiError && error.status === 403) return null;
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  const may = (a: PatientOutcomes["actions"][number]) => data.actions.includes(a);
  return (
    <>
      <h2>Consents</h2>
      <table className="list consents">
        <thead>
          <tr>
            <th>Scope</th>
            <th>Document</th>
            <th>Signed by</th>
            <th>Signed</th>
            <th>Witness</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {data.consents.map((c) => (
            <tr key={c.id}>
              <td>{c.scope}</td>
              <td>
                {c.document} v{c.documentVersion}
              </td>
              <td>
                {c.signedBy} ({c.relationship})
              </td>
              <td>{utcDay(c.signedAt)}</td>
              <td>{c.witness}</td>
              <td>
                {c.withdrawnAt ? (
                  `withdrawn ${utcDay(c.withdrawnAt)}: ${c.withdrawalReason}`
                ) : may("withdrawConsent") ? (
                  <button type="button" onClick={() => setWithdrawing(c.id)}>
                    Withdraw
                  </button>
                ) : (
                  "in force"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {withdrawing && (
        <Form
          title="Withdraw consent"
          button="Withdraw now"
          fields={[{ name: "reason", label: "Reason" }]}
          onSubmit={async (b) => {
            await api.withdrawConsent(withdrawing, String(b.reason ?? ""));
            setWithdrawing(undefined);
            reload();
            return "withdrawn";
          }}
        />
      )}
      {may("recordConsent") && (
        <Form
          title="Record a consent"
          button="Record consent"
          fields={[
            {
              name: "scope",
              label: "Scope",
              options: Object.keys(SCOPES),
            },
            { name: "document", label: "Consent document" },
            { name: "documentVersion", label: "Version" },
            { name: "signedBy", label: "Signed by (parent or guardian)" },
            { name: "relationship", label: "Relationship", options: Object.keys(RELATIONSHIPS) },
            { name: "signedAt", label: "Signed (blank: now)", type: "datetime" },
            { name: "password", label: "Your password (you witness)", type: "password" },
          ]}
          onSubmit={async (b) => {
            await api.recordConsent({ ...b, mrn });
            reload();
            return undefined;
          }}
        />
      )}

      <h2>Follow-up</h2>
      {data.followUp.map((f) => (
        <div key={f.planId} className="follow-up">
          <h3>{f.protocolId}</h3>
          <table className="list visits">
            <thead>
              <tr>
                <th>Visit</th>
                <th>Due</th>
                <th>State</th>
                <th>Forms recorded</th>
              </tr>
            </thead>
            <tbody>
              {f.visits.map((v) => (
                <tr key={v.visit} data-visit={v.visit}>
                  <td>{v.visit}</td>
                  <td>{utcDay(v.dueAt)}</td>
                  <td>
                    <span className={`dose ${v.state}`}>{v.state}</span>
                  </td>
                  <td>{v.recorded.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {may("recordFollowUp") && spec.data && f.visits.length > 0 && (
            <FollowUpForm planId={f.planId} visits={f.visits} spec={spec.data} onDone={reload} />
          )}
        </div>
      ))}

      <h2>Adverse events</h2>
      <table className="list">
        <thead>
          <tr>
            <th>Onset</th>
            <th>Term</th>
            <th>Grade</th>
            <th>Serious</th>
            <th>Attribution</th>
            <th>Expected</th>
            <th>Expedited report</th>
          </tr>
        </thead>
        <tbody>
          {data.adverseEvents.map((e) => (
            <tr key={e.id} className={e.expedited && !e.reportedAt ? "overdue" : ""}>
              <td>{utcDay(e.onsetAt)}</td>
              <td>{e.term}</td>
              <td className="num">{e.grade}</td>
              <td>{e.serious ? "yes" : "no"}</td>
              <td>{e.attribution}</td>
              <td>{e.expected ? "yes" : "no"}</td>
              <td>
                {e.expedited
                  ? e.reportedAt
                    ? `sent ${utcDay(e.reportedAt)}`
                    : `due ${utcDay(e.reportDueAt)}`
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {may("recordAdverseEvent") && (
        <Form
          title="Record an adverse event"
          button="Record event"
          fields={[
            { name: "term", label: "CTCAE v5 term" },
            { name: "grade", label: "Grade (1–5)", type: "number" },
            { name: "serious", label: "Serious", type: "checkbox" },
            {
              name: "attribution",
              label: "Attribution to the product",
              options: Object.keys(ATTRIBUTIONS),
            },
            { name: "expected", label: "Expected", type: "checkbox" },
            { name: "onsetAt", label: "Onset (blank: now)", type: "datetime" },
            { name: "description", label: "Description" },
          ]}
          onSubmit={async (b) => {
            const e = await api.recordAdverseEvent({
              serious: false,
              expected: false,
              description: "",
              ...b,
              mrn,
            });
            reload();
            return e.expedited ? `recorded: expedited report due ${utcDay(e.reportDueAt)}` : "recorded";
          }}
        />
      )}
    </>
  );
}
