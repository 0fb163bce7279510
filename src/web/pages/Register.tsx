import { useState } from "react";
import { api } from "../api";
import { SOURCES, STORAGE_KINDS } from "../bank-lists";
import { ErrorNote } from "../components";
import { navigate } from "../router";

const FIELDS: [string, string, string?][] = [
  ["fin", "Facility (FIN) to allocate a DIN", "G1234"],
  ["din", "…or the DIN on the bag", "scan or key"],
  ["donorId", "Donor (local id, never a name)"],
  ["motherId", "Mother (cord blood)"],
  ["consentRef", "Consent reference"],
  ["site", "Collection site"],
  ["volumeMl", "Volume (mL)"],
  ["productCode", "Product code", "S1234V00"],
  ["aboRhD", "ABO/RhD", "O+"],
];

export function Register() {
  const [v, setV] = useState<Record<string, string>>({
    source: "cord-blood",
    storageTemperature: "cryopreserved",
  });
  const [collectedAt, setCollectedAt] = useState("");
  const [error, setError] = useState<unknown>();
  return (
    <section>
      <h1>Register a collection</h1>
      <form
        className="register"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          const body: Record<string, unknown> = {
            ...v,
            collectedAt: collectedAt ? new Date(collectedAt).toISOString() : "",
          };
          if (v.volumeMl) body.volumeMl = Number(v.volumeMl);
          for (const k of Object.keys(body)) if (body[k] === "") delete body[k];
          try {
            const p = await api.register(body);
            navigate(`/products/${p.din}`);
          } catch (err) {
            setError(err);
          }
        }}
      >
        <label>
          Source{" "}
          <select name="source" value={v.source} onChange={(e) => setV({ ...v, source: e.target.value })}>
            {SOURCES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {FIELDS.map(([name, label, placeholder]) => (
          <label key={name}>
            {label}{" "}
            <input
              name={name}
              placeholder={placeholder}
              value={v[name] ?? ""}
              onChange={(e) => setV({ ...v, [name]: e.target.value })}
            />
          </label>
        ))}
        <label>
          Collected at{" "}
          <input
            name="collectedAt"
            type="datetime-local"
            value={collectedAt}
            onChange={(e) => setCollectedAt(e.target.value)}
          />
        </label>
        <label>
          Storage{" "}
          <select
            name="storageTemperature"
            value={v.storageTemperature}
            onChange={(e) => setV({ ...v, storageTemperature: e.target.value })}
          >
            {STORAGE_KINDS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="submit">Register</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
