/**
 * One form for every step a user records: labelled fields named as the API names them, numbers and times
 * converted, an empty time meaning now, and the server's error shown with the field at fault. The server
 * checks the rules; the form only carries the values.
 */
import { useState } from "react";
import { ErrorNote } from "./ErrorNote";

export interface Field {
  name: string;
  label: string;
  type?: "text" | "number" | "password" | "datetime" | "checkbox";
  options?: string[];
  placeholder?: string;
  /** The field takes barcode scans itself (the app's DIN scanner leaves it alone). */
  scan?: boolean;
}

export function Form({
  title,
  fields,
  button,
  onSubmit,
  initial = {},
}: {
  title: string;
  fields: Field[];
  button: string;
  /** Sends the body; resolves to the message to show when done. */
  onSubmit: (body: Record<string, unknown>) => Promise<string | undefined>;
  initial?: Record<string, string | boolean>;
}) {
  const [values, setValues] = useState<Record<string, string | boolean>>(initial);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState("");
  return (
    <form
      className="step"
      aria-label={title}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        setDone("");
        const body: Record<string, unknown> = {};
        for (const f of fields) {
          const v = values[f.name];
          // A time left empty is now: most steps are recorded as they happen.
          if (f.type === "datetime" && (v === undefined || v === "")) {
            body[f.name] = new Date().toISOString();
            continue;
          }
          if (v === undefined || v === "") continue;
          if (f.type === "number") body[f.name] = Number(v);
          else if (f.type === "datetime") body[f.name] = new Date(String(v)).toISOString();
          else body[f.name] = v;
        }
        try {
          setDone((await onSubmit(body)) ?? `${title}: done`);
          setValues(initial);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h3>{title}</h3>
      {fields.map((f) => (
        // biome-ignore lint/a11y/noLabelWithoutControl: the control is one of the three below.
        <label key={f.name}>
          {f.label}{" "}
          {f.options ? (
            <select
              name={f.name}
              value={String(values[f.name] ?? "")}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            >
              <option value="">—</option>
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : f.type === "checkbox" ? (
            <input
              name={f.name}
              type="checkbox"
              checked={values[f.name] === true}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })}
            />
          ) : (
            <input
              name={f.name}
              type={f.type === "datetime" ? "datetime-local" : f.type === "password" ? "password" : "text"}
              placeholder={f.placeholder}
              autoComplete={f.type === "password" ? "current-password" : "off"}
              {...(f.scan ? { "data-scan": "" } : {})}
              value={String(values[f.name] ?? "")}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
          )}
        </label>
      ))}
      <button type="submit">{button}</button>
      {done && <span className="ok">{done}</span>}
      <ErrorNote error={error} />
    </form>
  );
}
