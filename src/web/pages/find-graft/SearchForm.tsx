/** The search's inputs: the patient's HLA, checked against the release as it is typed, and the limits. */
import { useEffect, useState } from "react";
import { ApiError, api } from "../../api";

export interface Fields {
  typing: string;
  kind: "cord" | "adult";
  weightGrams: string;
  diagnosis: string;
  antibodies: string;
}

export function SearchForm({
  fields,
  set,
  busy,
  onSearch,
}: { fields: Fields; set: (f: Partial<Fields>) => void; busy: boolean; onSearch: () => void }) {
  const [check, setCheck] = useState<{ ok: boolean; message: string } | undefined>();
  const typing = fields.typing;
  // Inline validation: the release is asked half a second after typing stops.
  useEffect(() => {
    if (typing.trim() === "") return setCheck(undefined);
    const t = setTimeout(() => {
      api.validateHla(typing.trim()).then(
        () => setCheck({ ok: true, message: "valid for the loaded IMGT/HLA release" }),
        (e) =>
          setCheck({ ok: false, message: e instanceof ApiError ? `${e.code}: ${e.message}` : String(e) }),
      );
    }, 500);
    return () => clearTimeout(t);
  }, [typing]);
  return (
    <form
      className="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      <label className="wide">
        Patient HLA (GL string){" "}
        <textarea
          name="typing"
          rows={2}
          value={fields.typing}
          onChange={(e) => set({ typing: e.target.value })}
          placeholder="A*01:01+A*02:01^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01^DQB1*02:01+DQB1*03:02"
        />
      </label>
      {check && (
        <p className={check.ok ? "ok" : "error"} data-testid="hla-check">
          {check.message}
        </p>
      )}
      <label>
        Search{" "}
        <select
          name="kind"
          value={fields.kind}
          onChange={(e) => set({ kind: e.target.value as "cord" | "adult" })}
        >
          <option value="cord">cord blood units</option>
          <option value="adult">adult donors</option>
        </select>
      </label>
      {fields.kind === "cord" && (
        <>
          <label>
            Weight (g){" "}
            <input
              name="weightGrams"
              inputMode="numeric"
              value={fields.weightGrams}
              onChange={(e) => set({ weightGrams: e.target.value })}
              placeholder="3400"
            />
          </label>
          <label>
            Diagnosis{" "}
            <select
              name="diagnosis"
              value={fields.diagnosis}
              onChange={(e) => set({ diagnosis: e.target.value })}
            >
              <option value="nonmalignant">non-malignant (e.g. Krabbe, Hurler, SCID)</option>
              <option value="malignant">malignant</option>
            </select>
          </label>
        </>
      )}
      <label>
        Antibodies{" "}
        <input
          name="antibodies"
          value={fields.antibodies}
          onChange={(e) => set({ antibodies: e.target.value })}
          placeholder="A2, B44"
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Searching…" : "Search"}
      </button>
    </form>
  );
}
