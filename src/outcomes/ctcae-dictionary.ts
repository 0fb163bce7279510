/**
 * NCI's CTCAE v5.0 as a dictionary: each term with its MedDRA code, system organ class (SOC), and the
 * definition of each grade 1–5, or null where the spreadsheet has '-' (the grade is not allowed for the
 * term: "Febrile neutropenia" starts at grade 3, "Death neonatal" is grade 4 only). Built from the
 * spreadsheet's rows (ctcae-file.ts reads them); pure.
 */
import { CradleError } from "../errors.js";

export interface CtcaeTerm {
  meddraCode: number;
  soc: string;
  term: string;
  /** Grades 1 to 5: the definition, or null when the grade is not allowed. */
  grades: [string | null, string | null, string | null, string | null, string | null];
  definition: string | null;
  /** "<SOC> - Other, specify": recorded only with the text of what happened. */
  otherSpecify: boolean;
}

/** The clean copy's header, as NCI published it (2017-11-27); a different layout is refused. */
export const CTCAE_HEADER = [
  "MedDRA Code",
  "MedDRA SOC",
  "CTCAE Term",
  "Grade 1",
  "Grade 2",
  "Grade 3",
  "Grade 4",
  "Grade 5",
  "Definition",
] as const;

export interface CtcaeDictionary {
  version: "5.0";
  terms: readonly CtcaeTerm[];
  /** The term spelled exactly as in CTCAE (case and spaces as published), or undefined. */
  find(term: string): CtcaeTerm | undefined;
}

const corrupt = (why: string) =>
  new CradleError("REFERENCE_CORRUPT", `the CTCAE v5.0 spreadsheet ${why}`, { reference: "ctcae" });

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
};

/** Builds the dictionary from the sheet's rows, header first; refuses a sheet of another layout. */
export function ctcaeFromRows(rows: readonly (readonly unknown[])[]): CtcaeDictionary {
  const [header, ...body] = rows;
  if (!header || CTCAE_HEADER.some((h, i) => text(header[i]) !== h)) {
    throw corrupt(`has not the columns ${CTCAE_HEADER.join(", ")}`);
  }
  const terms: CtcaeTerm[] = [];
  const byName = new Map<string, CtcaeTerm>();
  for (const [i, r] of body.entries()) {
    const code = r[0];
    const soc = text(r[1]);
    const term = text(r[2]);
    if (code === null && soc === null && term === null) continue;
    if (typeof code !== "number" || !Number.isInteger(code) || !soc || !term) {
      throw corrupt(`row ${i + 2} has no MedDRA code, SOC or term`);
    }
    const grades = [3, 4, 5, 6, 7].map((c) => {
      const g = text(r[c]);
      return g === null || g === "-" ? null : g;
    }) as CtcaeTerm["grades"];
    if (grades.every((g) => g === null)) throw corrupt(`row ${i + 2} (${term}) allows no grade`);
    if (byName.has(term)) throw corrupt(`lists ${term} twice`);
    const definition = text(r[8]);
    const t: CtcaeTerm = {
      meddraCode: code,
      soc,
      term,
      grades,
      definition: definition === "-" ? null : definition,
      otherSpecify: term.endsWith(" - Other, specify"),
    };
    terms.push(t);
    byName.set(term, t);
  }
  if (terms.length === 0) throw corrupt("has no terms");
  return { version: "5.0", terms, find: (term) => byName.get(term) };
}

/** Allowed grades of a term, 1 to 5. */
export function allowedGrades(t: CtcaeTerm): number[] {
  return t.grades.flatMap((g, i) => (g === null ? [] : [i + 1]));
}

/**
 * Whether the term at this grade is the patient's death: grade 5 of any term, and grade 4 of "Death
 * neonatal" (CTCAE: "Neonatal loss of life"; its grade 5 is not allowed).
 */
export function isDeathGrade(term: string, grade: number): boolean {
  return grade === 5 || (term === "Death neonatal" && grade === 4);
}

/**
 * Terms for a picker: every word of the query in the term (case-insensitive), in the SOC when one is
 * named; terms starting with the query first, then alphabetical.
 */
export function searchCtcae(
  d: CtcaeDictionary,
  query: { q?: string; soc?: string; limit: number },
): CtcaeTerm[] {
  const q = (query.q ?? "").trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const hits = d.terms.filter(
    (t) =>
      (query.soc === undefined || t.soc === query.soc) &&
      words.every((w) => t.term.toLowerCase().includes(w)),
  );
  const starts = (t: CtcaeTerm) => (q && t.term.toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.term.localeCompare(b.term)).slice(0, query.limit);
}

/** The system organ classes, alphabetical, for the picker's filter. */
export function ctcaeSocs(d: CtcaeDictionary): string[] {
  return [...new Set(d.terms.map((t) => t.soc))].sort();
}
