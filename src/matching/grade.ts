/**
 * Grading a listing (adult donor or cord unit) against a patient, locus by locus.
 *
 * Per position: an allele-level match is a shared P group (the antigen recognition domain); an antigen-level
 * match is a shared serological equivalent from rel_dna_ser.txt, a broad matching its splits but two
 * splits of one broad not matching each other; anything else is a mismatch. Confidence: definite (both
 * sides a single allele), exact (both one P group), potential (overlapping ambiguity). The better of the
 * direct and crossed orientation is kept. A null allele is not expressed: a locus with one null position
 * is graded as homozygous for the expressed one. Mismatch direction: graft-versus-host counts patient
 * positions the donor lacks, host-versus-graft donor positions the patient lacks (allele level).
 */
import { checkTyping } from "../hla/check-typing.js";
import type { HlaEngine } from "../hla/index.js";
import { firstFields, lastChar } from "../hla/names.js";
import { type Genotype, type LocusTyping, typingByLocus } from "./typing.js";

import { type Confidence, GRADED_LOCI, type PositionGrade } from "./constants.js";

export { GRADED_LOCI, type GradedLocus, type PositionGrade, type Confidence } from "./constants.js";

/** What one position's typing stands for, at the levels grading needs. */
export interface PositionFacts {
  typing: string;
  /** Expressed protein identities: P groups, or the two-field name of an allele in no P group. */
  proteins: ReadonlySet<string>;
  /** Serological equivalents at their most specific (a broad only where no split is known). */
  antigens: ReadonlySet<string>;
  /** Every allele it may be is null (not expressed). */
  isNull: boolean;
  /** One allele name, not a list, code or group. */
  singleAllele: boolean;
}

export interface PositionResult {
  patient: string;
  donor: string;
  grade: PositionGrade;
  confidence: Confidence;
}

export interface LocusGrade {
  locus: string;
  /** False when the patient or the listing has no typing at this locus: nothing is counted. */
  typed: boolean;
  /** Positions matched at allele level, out of 2. */
  allele: number;
  /** Positions matched at antigen level or better, out of 2. */
  antigen: number;
  /** Patient positions the donor lacks (graft-versus-host direction). */
  gvh: number;
  /** Donor positions the patient lacks (host-versus-graft, rejection direction). */
  hvg: number;
  orientation: "direct" | "crossed";
  positions: PositionResult[];
}

export interface GradeSummary {
  /** Allele-level matches at A, B, C, DRB1 (of 8) and with DQB1 (of 10), over typed loci. */
  allele8: number;
  allele10: number;
  /** Cord match class: A and B at antigen level, DRB1 at allele level (of 6). */
  cord6: number;
  /** Allele-level mismatches at A, B, C, DRB1, counting an untyped locus as neither. */
  mismatches8: number;
  gvh8: number;
  hvg8: number;
  /** Loci of the eight or ten that one side leaves untyped. */
  untyped: string[];
}

export interface Grade {
  summary: GradeSummary;
  loci: Record<string, LocusGrade>;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { definite: 3, exact: 2, potential: 1, mismatch: 0 };

/** The facts of a position, from the engine's P and S reductions. Cached per engine by the caller. */
export function positionFacts(engine: HlaEngine, typing: string): PositionFacts {
  const release = engine.release;
  const proteins = new Set<string>();
  let anyNull = false;
  for (const name of engine.reduce(typing, "P").split("/")) {
    if (name === "") continue;
    const bare = name.startsWith("HLA-") ? name.slice(4) : name;
    if (release.isPGroup(bare)) proteins.add(bare);
    else if (lastChar(bare) === "N") anyNull = true;
    else proteins.add(firstFields(bare, 2, true));
  }
  const found = new Set<string>();
  for (const a of engine.reduce(typing, "S").split("/")) if (a !== "") found.add(release.parentAntigen(a));
  // Keep a broad only when none of its splits is known: "B44" says more than "B12".
  const antigens = new Set<string>();
  for (const a of found) {
    const hasSplit = [...found].some((x) => release.broadOf(x) === a);
    if (!hasSplit) antigens.add(a);
  }
  const bare = typing.startsWith("HLA-") ? typing.slice(4) : typing;
  const fields = bare.slice(bare.indexOf("*") + 1).split(":");
  const singleAllele =
    !/[/+^~|]/.test(bare) &&
    bare.includes("*") &&
    fields.length >= 2 &&
    /^\d+[A-Z]?$/.test(fields[fields.length - 1] ?? "") &&
    /^\d/.test(fields[1] ?? "") &&
    !/[GP]$/.test(bare);
  return { typing, proteins, antigens, isNull: proteins.size === 0 && anyNull, singleAllele };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

export function antigenMatch(engine: HlaEngine, p: PositionFacts, d: PositionFacts): boolean {
  if (intersects(p.antigens, d.antigens)) return true;
  const release = engine.release;
  for (const a of p.antigens) {
    const broad = release.broadOf(a);
    if (broad && d.antigens.has(broad)) return true;
  }
  for (const a of d.antigens) {
    const broad = release.broadOf(a);
    if (broad && p.antigens.has(broad)) return true;
  }
  return false;
}

export function alleleMatch(p: PositionFacts, d: PositionFacts): boolean {
  if (p.isNull || d.isNull) return p.isNull && d.isNull;
  return intersects(p.proteins, d.proteins);
}

function gradePosition(engine: HlaEngine, p: PositionFacts, d: PositionFacts): PositionResult {
  if (alleleMatch(p, d)) {
    const onlyP = (f: PositionFacts) => (f.proteins.size === 1 ? [...f.proteins][0] : undefined);
    const confidence: Confidence =
      p.singleAllele && d.singleAllele
        ? "definite"
        : onlyP(p) !== undefined && onlyP(p) === onlyP(d)
          ? "exact"
          : "potential";
    return { patient: p.typing, donor: d.typing, grade: "allele", confidence };
  }
  const grade: PositionGrade = antigenMatch(engine, p, d) ? "antigen" : "mismatch";
  return { patient: p.typing, donor: d.typing, grade, confidence: "mismatch" };
}

/** A locus with one null position is graded as homozygous for its expressed one. */
function expressed(pair: readonly [PositionFacts, PositionFacts]): [PositionFacts, PositionFacts] {
  const [a, b] = pair;
  if (a.isNull && !b.isNull) return [b, b];
  if (b.isNull && !a.isNull) return [a, a];
  return [a, b];
}

function score(ps: PositionResult[]): number[] {
  return [
    ps.filter((x) => x.grade === "allele").length,
    ps.filter((x) => x.grade !== "mismatch").length,
    ps.reduce((s, x) => s + CONFIDENCE_RANK[x.confidence], 0),
  ];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

function gradeGenotypes(
  engine: HlaEngine,
  locus: string,
  patient: Genotype,
  donor: Genotype,
  facts: (t: string) => PositionFacts,
): LocusGrade {
  const [p1, p2] = expressed([facts(patient[0]), facts(patient[1])]);
  const [d1, d2] = expressed([facts(donor[0]), facts(donor[1])]);
  const direct = [gradePosition(engine, p1, d1), gradePosition(engine, p2, d2)];
  const crossed = [gradePosition(engine, p1, d2), gradePosition(engine, p2, d1)];
  const useCrossed = better(score(crossed), score(direct));
  const positions = useCrossed ? crossed : direct;
  const gvh = [p1, p2].filter((p) => !alleleMatch(p, d1) && !alleleMatch(p, d2)).length;
  const hvg = [d1, d2].filter((d) => !alleleMatch(p1, d) && !alleleMatch(p2, d)).length;
  return {
    locus,
    typed: true,
    allele: positions.filter((x) => x.grade === "allele").length,
    antigen: positions.filter((x) => x.grade !== "mismatch").length,
    gvh,
    hvg,
    orientation: useCrossed ? "crossed" : "direct",
    positions,
  };
}

function untypedLocus(locus: string): LocusGrade {
  return { locus, typed: false, allele: 0, antigen: 0, gvh: 0, hvg: 0, orientation: "direct", positions: [] };
}

/** Grades one locus, taking the best of the genotype alternatives on each side. */
export function gradeLocus(
  engine: HlaEngine,
  locus: string,
  patient: LocusTyping | undefined,
  donor: LocusTyping | undefined,
  facts: (t: string) => PositionFacts = (t) => positionFacts(engine, t),
): LocusGrade {
  if (!patient || !donor) return untypedLocus(locus);
  let best: LocusGrade | undefined;
  for (const pg of patient.genotypes) {
    for (const dg of donor.genotypes) {
      const g = gradeGenotypes(engine, locus, pg, dg, facts);
      const rank = (x: LocusGrade) => [x.allele, x.antigen, -(x.gvh + x.hvg)];
      if (!best || better(rank(g), rank(best))) best = g;
    }
  }
  return best ?? untypedLocus(locus);
}

const EIGHT = ["A", "B", "C", "DRB1"];

/**
 * Position facts per engine, shared by every grading: a search grades its page's listings against one
 * patient, and the same donor typings come back page after page. Bounded: cleared past 100,000 entries.
 */
const FACTS = new WeakMap<HlaEngine, Map<string, PositionFacts>>();

function sharedFacts(engine: HlaEngine): (typing: string) => PositionFacts {
  let cache = FACTS.get(engine);
  if (!cache) {
    cache = new Map();
    FACTS.set(engine, cache);
  }
  const c = cache;
  return (t) => {
    let f = c.get(t);
    if (!f) {
      if (c.size >= 100_000) c.clear();
      f = positionFacts(engine, t);
      c.set(t, f);
    }
    return f;
  };
}

/** Grades a listing's typing against a patient's typing (both GL strings). */
export function gradeTypings(engine: HlaEngine, patientGl: string, donorGl: string): Grade {
  return patientGrader(engine, patientGl)(donorGl);
}

/**
 * Grades listings against one patient: the patient's typing is checked and read once (a search grades a
 * page of listings against it). Every name is checked first, so an error points at its position in the
 * whole GL string.
 */
export function patientGrader(engine: HlaEngine, patientGl: string): (donorGl: string) => Grade {
  checkTyping(engine, patientGl);
  return graderFor(engine, typingByLocus(patientGl, engine.release));
}

/** As patientGrader, for a patient's typing the caller has already checked and read by locus. */
export function graderFor(
  engine: HlaEngine,
  patient: ReadonlyMap<string, LocusTyping>,
): (donorGl: string) => Grade {
  const facts = sharedFacts(engine);
  return (donorGl) => {
    checkTyping(engine, donorGl);
    const donor = typingByLocus(donorGl, engine.release);
    const loci: Record<string, LocusGrade> = {};
    for (const locus of GRADED_LOCI)
      loci[locus] = gradeLocus(engine, locus, patient.get(locus), donor.get(locus), facts);
    const sum = (names: string[], f: (g: LocusGrade) => number) =>
      names.reduce((s, l) => s + (loci[l]?.typed ? f(loci[l] as LocusGrade) : 0), 0);
    const a = loci.A as LocusGrade;
    const b = loci.B as LocusGrade;
    const drb1 = loci.DRB1 as LocusGrade;
    return {
      summary: {
        allele8: sum(EIGHT, (g) => g.allele),
        allele10: sum([...EIGHT, "DQB1"], (g) => g.allele),
        cord6: (a.typed ? a.antigen : 0) + (b.typed ? b.antigen : 0) + (drb1.typed ? drb1.allele : 0),
        mismatches8: sum(EIGHT, (g) => 2 - g.allele),
        gvh8: sum(EIGHT, (g) => g.gvh),
        hvg8: sum(EIGHT, (g) => g.hvg),
        untyped: [...EIGHT, "DQB1"].filter((l) => !loci[l]?.typed),
      },
      loci,
    };
  };
}
