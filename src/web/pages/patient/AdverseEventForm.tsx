/**
 * Recording an adverse event with CTCAE v5.0's own terms: a search by words (within a system organ class)
 * that offers only the dictionary's terms, the chosen term's allowed grades each with its definition, the
 * "Other, specify" text when the term needs it, and the date of death for a fatal grade (which must be
 * serious). The server checks every rule again; this only keeps the choices to what CTCAE allows.
 */
import { useEffect, useState } from "react";
import type { CtcaeTerms } from "../../../outcomes/ctcae-schemas";
import type { AdverseEvent, NewAdverseEvent } from "../../../outcomes/schemas";
import { api } from "../../api";
import { ErrorNote } from "../../components";

type Term = CtcaeTerms["items"][number];
// Keyed by the type's union: a value added on the server fails this page's type check.
const ATTRIBUTIONS: Record<NewAdverseEvent["attribution"], true> = {
  unrelated: true,
  unlikely: true,
  possible: true,
  probable: true,
  definite: true,
};
/** Grade 5, and "Death neonatal" grade 4 (its only grade): the patient's death (ctcae-dictionary.ts). */
const isDeath = (term: string, grade: number) => grade === 5 || (term === "Death neonatal" && grade === 4);

export function AdverseEventForm({ mrn, done }: { mrn: string; done: (e: AdverseEvent) => void }) {
  const [q, setQ] = useState("");
  const [soc, setSoc] = useState("");
  const [found, setFound] = useState<CtcaeTerms>();
  const [term, setTerm] = useState<Term>();
  const [grade, setGrade] = useState<number>();
  const [v, setV] = useState<Record<string, string | boolean>>({
    attribution: "",
    serious: false,
    expected: false,
  });
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const t = setTimeout(() => {
      api.ctcaeTerms({ q, soc }).then(setFound, setError);
    }, 200);
    return () => clearTimeout(t);
  }, [q, soc]);
  const fatal = term !== undefined && grade !== undefined && isDeath(term.term, grade);
  const set = (k: string, x: string | boolean) => setV({ ...v, [k]: x });
  return (
    <form
      className="step"
      aria-label="Record an adverse event"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        try {
          const onset = String(v.onsetAt ?? "");
          const r = await api.recordAdverseEvent({
            mrn,
            term: term?.term ?? "",
            ...(grade !== undefined ? { grade } : {}),
            ...(term?.otherSpecify ? { otherSpecify: String(v.otherSpecify ?? "") } : {}),
            ...(fatal ? { deathDate: String(v.deathDate ?? "") } : {}),
            serious: fatal || v.serious === true,
            attribution: v.attribution,
            expected: v.expected === true,
            onsetAt: onset ? new Date(onset).toISOString() : new Date().toISOString(),
            description: String(v.description ?? ""),
          });
          setTerm(undefined);
          setGrade(undefined);
          done(r);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h3>Record an adverse event</h3>
      <label>
        Find a CTCAE v5.0 term{" "}
        <input name="q" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </label>
      <label>
        System organ class{" "}
        <select name="soc" value={soc} onChange={(e) => setSoc(e.target.value)}>
          <option value="">all</option>
          {found?.socs.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Term{" "}
        <select
          name="term"
          value={term?.term ?? ""}
          onChange={(e) => {
            setTerm(found?.items.find((t) => t.term === e.target.value));
            setGrade(undefined);
          }}
        >
          <option value="">—</option>
          {term && !found?.items.some((t) => t.term === term.term) && <option>{term.term}</option>}
          {found?.items.map((t) => (
            <option key={t.term}>{t.term}</option>
          ))}
        </select>
      </label>
      {term && (
        <fieldset className="grades">
          <legend>
            Grade: {term.term} ({term.soc}, MedDRA {term.meddraCode})
          </legend>
          {term.grades.map((g) => (
            <label key={g.grade}>
              <input
                type="radio"
                name="grade"
                checked={grade === g.grade}
                onChange={() => setGrade(g.grade)}
              />{" "}
              <b>{g.grade}</b> {g.definition}
            </label>
          ))}
        </fieldset>
      )}
      {term?.otherSpecify && (
        <label>
          Specify{" "}
          <input
            name="otherSpecify"
            value={String(v.otherSpecify ?? "")}
            onChange={(e) => set("otherSpecify", e.target.value)}
          />
        </label>
      )}
      {fatal && (
        <label>
          Date of death{" "}
          <input
            name="deathDate"
            type="date"
            value={String(v.deathDate ?? "")}
            onChange={(e) => set("deathDate", e.target.value)}
          />
        </label>
      )}
      <label>
        Serious{" "}
        <input
          name="serious"
          type="checkbox"
          checked={fatal || v.serious === true}
          disabled={fatal}
          onChange={(e) => set("serious", e.target.checked)}
        />
      </label>
      <label>
        Attribution to the product{" "}
        <select
          name="attribution"
          value={String(v.attribution)}
          onChange={(e) => set("attribution", e.target.value)}
        >
          <option value="">—</option>
          {Object.keys(ATTRIBUTIONS).map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label>
        Expected{" "}
        <input
          name="expected"
          type="checkbox"
          checked={v.expected === true}
          onChange={(e) => set("expected", e.target.checked)}
        />
      </label>
      <label>
        Onset (blank: now){" "}
        <input
          name="onsetAt"
          type="datetime-local"
          value={String(v.onsetAt ?? "")}
          onChange={(e) => set("onsetAt", e.target.value)}
        />
      </label>
      <label>
        Description{" "}
        <input
          name="description"
          value={String(v.description ?? "")}
          onChange={(e) => set("description", e.target.value)}
        />
      </label>
      <button type="submit">Record event</button>
      <ErrorNote error={error} />
    </form>
  );
}
