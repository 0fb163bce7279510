/** One follow-up form, its fields drawn from the server's description of the form. */
import { useState } from "react";
import type { FormSpecs } from "../../../outcomes/schemas";
import { api } from "../../api";
import { ErrorNote } from "../../components";

export function FollowUpForm({
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
          ) : f.kind === "number" && f.integer && (f.max ?? 0) - (f.min ?? 0) <= 10 ? (
            // A score of a few steps (an organ score 0–3): a choice among its values, never free text.
            <select
              name={name}
              value={String(values[name] ?? "")}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            >
              <option value="">—</option>
              {Array.from({ length: (f.max ?? 0) - (f.min ?? 0) + 1 }, (_, i) => (f.min ?? 0) + i).map(
                (n) => (
                  <option key={n}>{n}</option>
                ),
              )}
            </select>
          ) : (
            <input
              name={name}
              type={f.kind === "number" ? "number" : f.kind === "date" ? "date" : "text"}
              {...(f.kind === "number" ? { min: f.min, max: f.max, step: f.integer ? 1 : "any" } : {})}
              placeholder={f.kind === "number" ? `${f.min} to ${f.max}` : ""}
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
