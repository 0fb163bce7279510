/** The CTCAE term picker: terms matching the words typed, within a SOC, for a user who records or reads AEs. */
import type { Act } from "../accounts/act.js";
import { check } from "../contract/validate.js";
import { allowOutcomes } from "./act.js";
import { type CtcaeDictionary, ctcaeSocs, searchCtcae } from "./ctcae-dictionary.js";
import { type CtcaeQuery, CtcaeQuerySchema, type CtcaeTerms } from "./ctcae-schemas.js";

export function ctcaeTerms(ctcae: CtcaeDictionary, query: CtcaeQuery, act: Act): CtcaeTerms {
  allowOutcomes(act, "readOutcomes", "read CTCAE terms");
  const q = check(CtcaeQuerySchema, query);
  const items = searchCtcae(ctcae, { ...q, limit: q.limit ?? 20 }).map((t) => ({
    term: t.term,
    meddraCode: t.meddraCode,
    soc: t.soc,
    definition: t.definition,
    otherSpecify: t.otherSpecify,
    grades: t.grades.flatMap((definition, i) => (definition === null ? [] : [{ grade: i + 1, definition }])),
  }));
  return { version: ctcae.version, items, socs: ctcaeSocs(ctcae) };
}
