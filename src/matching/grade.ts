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
import { type Renamed, currentNames } from "../hla/index.js";
import type { HlaEngine } from "../hla/index.js";
import { firstFields, lastChar } from "../hla/names.js";
import { type Genotype, type LocusTyping, typingByLocus } from "./typing.js";

import type { Release } from "../hla/release.js";
import {
  type Confidence,
  GRADED_LOCI,
  type LocusCategory,
  type MatchCategory,
  type PositionGrade,
  WMDA_RANK,
  type WmdaGrade,
} from "./constants.js";
import {
  type Dpb1Reading,
  type WmdaFacts,
  categoryOf,
  dpb1Reading,
  molecularGrade,
  overallCategory,
  worstCategory,
} from "./wmda.js";

export { GRADED_LOCI, type GradedLocus, type PositionGrade, type Confidence } from "./constants.js";

/** What one position's typing stands for, at the levels grading needs. */
export interface PositionFacts extends WmdaFacts {
  typing: string;
  /** Expressed protein identities: P groups, or the two-field name of an allele in no P group. */
  proteins: ReadonlySet<string>;
  /**
   * Serological specificities at their most specific, as WMDA grades them: the antigen itself for a
   * serological typing; for a molecular one each allele's most specific antigen (an associated antigen
   * such as B3901 rather than its split B39, a split rather than its broad).
   */
  antigens: ReadonlySet<string>;
  /**
   * Every antigen any of its alleles may carry (rel_dna_ser, associated antigens read as their parent, a
   * broad only where none of its splits is known): what an antibody could bind, read broadly on purpose.
   */
  carried: ReadonlySet<string>;
  /** Every allele it may be is null (not expressed). */
  isNull: boolean;
  /** Exactly one allele of the release: a 2-field name that covers several alleles is not one. */
  singleAllele: boolean;
  /** Typed as a serological antigen ("B39"), not by DNA. */
  serology: boolean;
  /** Two-field names (expression suffix dropped) of the expressed alleles it may be. */
  twoField: ReadonlySet<string>;
  /** G groups (or the allele itself, when in none) of the expressed alleles it may be. */
  gGroups: ReadonlySet<string>;
  /** The null alleles it may be (all of them when isNull). */
  nullAlleles: ReadonlySet<string>;
  /** DPB1 T-cell-epitope groups of its expressed alleles; `tceKnown` false when any has none. */
  tceGroups: ReadonlySet<number>;
  tceKnown: boolean;
}

export interface PositionResult {
  patient: string;
  donor: string;
  grade: PositionGrade;
  confidence: Confidence;
  /** The WMDA match grade of the pair (Atlas vocabulary). */
  wmda: WmdaGrade;
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
  /** WMDA locus category: match, permissive mismatch (DPB1 only), mismatch, unknown (untyped). */
  category: LocusCategory;
  /** DPB1 only: the T-cell-epitope reading of a mismatch, with its reason. */
  dpb1?: Dpb1Reading;
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
  /** Positions typed on both sides at A, B, C, DRB1 (of 8): the denominator of allele8. */
  typed8: number;
  /** Loci of the eight or ten that one side leaves untyped. */
  untyped: string[];
  /** allele8 over the typed positions, naming the untyped loci: "8/8", "6/6 typed (C, DQB1 untyped)". */
  text: string;
  /** WMDA overall category over A, B, C, DRB1, DQB1 and DPB1. */
  category: MatchCategory;
}

export interface Grade {
  summary: GradeSummary;
  loci: Record<string, LocusGrade>;
  /** Names graded as the current names the release's history gives them (a warning to show). */
  renamed: (Renamed & { side: "patient" | "donor" })[];
}

/**
 * An untyped locus is unknown, never a mismatch: the count is over the positions typed on both sides, and
 * says so ("6/6 typed (C, DQB1 untyped)") so nobody reads 6/8 as two mismatches.
 */
export function matchText(matched: number, typed: number, of: 8 | 10, untyped: readonly string[]): string {
  const named = untyped.length > 0 ? ` (${untyped.join(", ")} untyped)` : "";
  return typed === of ? `${matched}/${of}${named}` : `${matched}/${typed} typed${named}`;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { definite: 3, exact: 2, potential: 1, mismatch: 0 };

/** The antigens an allele carries, most specific only: B*39:01 carries B3901, not also B39 and B16. */
function mostSpecific(release: Release, antigens: readonly string[]): string[] {
  const covered = new Set<string>();
  for (const a of antigens) {
    const parent = release.parentAntigen(a);
    if (parent !== a) covered.add(parent);
    const broad = release.broadOf(parent);
    if (broad !== undefined) covered.add(broad);
  }
  return antigens.filter((a) => !covered.has(a));
}

/** "A*NEW": an allele typed but not yet named. Known to be there, unknown in every respect. */
function newAlleleFacts(typing: string): PositionFacts {
  const none = new Set<string>();
  return {
    typing,
    proteins: none,
    antigens: none,
    carried: none,
    isNull: false,
    singleAllele: false,
    serology: false,
    twoField: none,
    gGroups: none,
    nullAlleles: none,
    tceGroups: new Set<number>(),
    tceKnown: false,
  };
}

/** The facts of a position, from the engine's P and S reductions. Cached per engine by the caller. */
export function positionFacts(engine: HlaEngine, typing: string): PositionFacts {
  const release = engine.release;
  const bare = typing.startsWith("HLA-") ? typing.slice(4) : typing;
  if (bare.endsWith("*NEW")) return newAlleleFacts(typing);
  const proteins = new Set<string>();
  let anyNull = false;
  for (const name of engine.reduce(typing, "P").split("/")) {
    if (name === "") continue;
    const b = name.startsWith("HLA-") ? name.slice(4) : name;
    if (release.isPGroup(b)) proteins.add(b);
    else if (lastChar(b) === "N") anyNull = true;
    else proteins.add(firstFields(b, 2, true));
  }
  // A serological typing may be a list of antigens ("A2/A19"): each is a specificity it may be.
  const parts = bare.split("/");
  const serology = parts.every((x) => release.isSerology(x));
  const alleles = engine
    .reduce(typing, "W")
    .split("/")
    .filter((a) => a !== "")
    .map((a) => (a.startsWith("HLA-") ? a.slice(4) : a));
  const twoField = new Set<string>();
  const gGroups = new Set<string>();
  const nullAlleles = new Set<string>();
  const tceGroups = new Set<number>();
  let tceKnown = true;
  const antigens = new Set<string>(serology ? parts : []);
  for (const a of alleles) {
    if (lastChar(a) === "N") {
      nullAlleles.add(a);
      continue;
    }
    twoField.add(firstFields(a, 2, true));
    gGroups.add(release.gGroupsOf(a)?.[0] ?? a);
    if (!serology) for (const x of mostSpecific(release, release.antigensOf(a, false))) antigens.add(x);
    const tce = release.dpb1TceGroup(a);
    if (tce === undefined) tceKnown = false;
    else tceGroups.add(tce);
  }
  const found = engine
    .reduce(typing, "S")
    .split("/")
    .filter((a) => a !== "");
  // No allele has its own rel_dna_ser line (2-field names of recent alleles): the typing's S reduction.
  if (!serology && antigens.size === 0) for (const x of mostSpecific(release, found)) antigens.add(x);
  const parents = new Set(found.map((a) => release.parentAntigen(a)));
  const carried = new Set([...parents].filter((a) => ![...parents].some((x) => release.broadOf(x) === a)));
  return {
    typing,
    proteins,
    antigens,
    carried,
    isNull: proteins.size === 0 && anyNull,
    singleAllele: !serology && alleles.length === 1 && !/[/+^~|]/.test(bare),
    serology,
    twoField,
    gGroups,
    nullAlleles,
    tceGroups,
    tceKnown: tceKnown && tceGroups.size > 0,
  };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * The WMDA serological grade of two positions (Matching Framework 2010, as Atlas implements it): the same
 * associated antigen is Associated; the same split or unsplit antigen, or one and an antigen associated
 * with it, is Split; the same broad, or a broad and one of its splits or their associated antigens, is
 * Broad. Two different associated antigens (B3901, B3902) or two splits of one broad (B38, B39) mismatch.
 */
export function serologyGrade(release: Release, p: PositionFacts, d: PositionFacts): WmdaGrade {
  let best: WmdaGrade = "Mismatch";
  const consider = (g: WmdaGrade) => {
    if (WMDA_RANK[g] > WMDA_RANK[best]) best = g;
  };
  for (const a of p.antigens) {
    for (const b of d.antigens) consider(antigenPairGrade(release, a, b));
  }
  return best;
}

function antigenPairGrade(release: Release, a: string, b: string): WmdaGrade {
  const ka = release.antigenKind(a);
  const kb = release.antigenKind(b);
  if (a === b) return ka === "associated" ? "Associated" : ka === "broad" ? "Broad" : "Split";
  const oneWay = (x: string, kx: string, y: string, ky: string): WmdaGrade => {
    if (ky === "associated" && release.parentAntigen(y) === x && kx !== "broad") return "Split";
    if (kx === "broad") {
      if (ky === "split" && release.broadOf(y) === x) return "Broad";
      if (ky === "associated" && release.parentAntigen(y) === x) return "Broad";
      if (ky === "associated" && release.broadOf(release.parentAntigen(y)) === x) return "Broad";
    }
    return "Mismatch";
  };
  const ab = oneWay(a, ka, b, kb);
  return ab !== "Mismatch" ? ab : oneWay(b, kb, a, ka);
}

export function antigenMatch(engine: HlaEngine, p: PositionFacts, d: PositionFacts): boolean {
  return serologyGrade(engine.release, p, d) !== "Mismatch";
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
    return { patient: p.typing, donor: d.typing, grade: "allele", confidence, wmda: "Mismatch" };
  }
  const grade: PositionGrade = antigenMatch(engine, p, d) ? "antigen" : "mismatch";
  return { patient: p.typing, donor: d.typing, grade, confidence: "mismatch", wmda: "Mismatch" };
}

/**
 * One position pair's WMDA grade (as typed, a null one included) and confidence (of the expressed
 * positions), as a locus's grading assigns them: what a search's ranking weights score per position.
 */
export function positionScoring(
  engine: HlaEngine,
  raw: readonly [PositionFacts, PositionFacts],
  expressedPair: readonly [PositionFacts, PositionFacts],
): { wmda: WmdaGrade; confidence: Confidence; rank: number } {
  const confidence = gradePosition(engine, expressedPair[0], expressedPair[1]).confidence;
  return { wmda: wmdaGrade(engine.release, raw[0], raw[1]), confidence, rank: CONFIDENCE_RANK[confidence] };
}

/** The WMDA grade of a pair as typed: serological when either side is, else molecular. */
function wmdaGrade(release: Release, p: PositionFacts, d: PositionFacts): WmdaGrade {
  return p.serology || d.serology ? serologyGrade(release, p, d) : molecularGrade(p, d);
}

/** A locus with one null position is graded as homozygous for its expressed one. */
export function expressed(pair: readonly [PositionFacts, PositionFacts]): [PositionFacts, PositionFacts] {
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
  const rawP = [facts(patient[0]), facts(patient[1])] as const;
  const rawD = [facts(donor[0]), facts(donor[1])] as const;
  const [p1, p2] = expressed(rawP);
  const [d1, d2] = expressed(rawD);
  const direct = [gradePosition(engine, p1, d1), gradePosition(engine, p2, d2)];
  const crossed = [gradePosition(engine, p1, d2), gradePosition(engine, p2, d1)];
  const useCrossed = better(score(crossed), score(direct));
  const positions = useCrossed ? crossed : direct;
  // WMDA grades read the positions as typed, a null one included (ExpressingVsNull, the null grades).
  const pairs = useCrossed
    ? ([
        [rawP[0], rawD[1]],
        [rawP[1], rawD[0]],
      ] as const)
    : ([
        [rawP[0], rawD[0]],
        [rawP[1], rawD[1]],
      ] as const);
  positions.forEach((r, i) => {
    const [a, b] = pairs[i] as readonly [PositionFacts, PositionFacts];
    r.wmda = wmdaGrade(engine.release, a, b);
  });
  const patientLacking = [p1, p2].filter((p) => !alleleMatch(p, d1) && !alleleMatch(p, d2));
  const donorLacking = [d1, d2].filter((d) => !alleleMatch(p1, d) && !alleleMatch(p2, d));
  let category = worstCategory(positions.map((r) => categoryOf(r.wmda)));
  let dpb1: Dpb1Reading | undefined;
  if (locus === "DPB1" && category === "Mismatch") {
    dpb1 = dpb1Reading(patientLacking, donorLacking, [p1, p2], [d1, d2], engine.release.hasDpb1Tce);
    if (dpb1.reading === "permissive") {
      category = "PermissiveMismatch";
      for (const r of positions) if (categoryOf(r.wmda) === "Mismatch") r.wmda = "PermissiveMismatch";
    }
  }
  return {
    locus,
    typed: true,
    allele: positions.filter((x) => x.grade === "allele").length,
    antigen: positions.filter((x) => x.grade !== "mismatch").length,
    gvh: patientLacking.length,
    hvg: donorLacking.length,
    orientation: useCrossed ? "crossed" : "direct",
    positions,
    category,
    ...(dpb1 ? { dpb1 } : {}),
  };
}

function untypedLocus(locus: string): LocusGrade {
  return {
    locus,
    typed: false,
    allele: 0,
    antigen: 0,
    gvh: 0,
    hvg: 0,
    orientation: "direct",
    positions: [],
    category: "Unknown",
  };
}

/**
 * Grades one locus, taking the best of the genotype alternatives on each side; its allele matches are
 * potential when another alternative matches at fewer positions.
 */
export function gradeLocus(
  engine: HlaEngine,
  locus: string,
  patient: LocusTyping | undefined,
  donor: LocusTyping | undefined,
  facts: (t: string) => PositionFacts = (t) => positionFacts(engine, t),
): LocusGrade {
  if (!patient || !donor) return untypedLocus(locus);
  let best: LocusGrade | undefined;
  let fewestAlleles = 2;
  for (const pg of patient.genotypes) {
    for (const dg of donor.genotypes) {
      const g = gradeGenotypes(engine, locus, pg, dg, facts);
      const rank = (x: LocusGrade) => [x.allele, x.antigen, -(x.gvh + x.hvg)];
      if (!best || better(rank(g), rank(best))) best = g;
      fewestAlleles = Math.min(fewestAlleles, g.allele);
    }
  }
  if (!best) return untypedLocus(locus);
  // Another genotype alternative matches at fewer positions: the match is possible, not certain.
  if (fewestAlleles < best.allele)
    for (const p of best.positions) if (p.grade === "allele") p.confidence = "potential";
  return best;
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

/**
 * The strict check of a typing to grade, which also takes `NEW` (an allele a laboratory found but IMGT/HLA
 * has not named yet, as registries report it): graded typed-but-unknown, a mismatch at allele level and
 * unknown for DPB1's T-cell epitopes.
 */
function checkGraded(engine: HlaEngine, glString: string): void {
  engine.validate(glString, { strict: true, ignoreSuffixes: ["NEW"] });
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
  const current = currentNames(engine, patientGl);
  checkGraded(engine, current.glString);
  const grade = graderFor(engine, typingByLocus(current.glString, engine.release));
  if (current.renamed.length === 0) return grade;
  const patientRenamed = current.renamed.map((r) => ({ side: "patient" as const, ...r }));
  return (donorGl) => {
    const g = grade(donorGl);
    return { ...g, renamed: [...patientRenamed, ...g.renamed] };
  };
}

/** As patientGrader, for a patient's typing the caller has already checked and read by locus. */
export function graderFor(
  engine: HlaEngine,
  patient: ReadonlyMap<string, LocusTyping>,
): (donorGl: string) => Grade {
  const facts = sharedFacts(engine);
  return (typed) => {
    // A name the release deleted and replaced is graded as its current name, and the grade says so.
    const current = currentNames(engine, typed);
    const donorGl = current.glString;
    checkGraded(engine, donorGl);
    const donor = typingByLocus(donorGl, engine.release);
    const loci: Record<string, LocusGrade> = {};
    for (const locus of GRADED_LOCI)
      loci[locus] = gradeLocus(engine, locus, patient.get(locus), donor.get(locus), facts);
    const sum = (names: string[], f: (g: LocusGrade) => number) =>
      names.reduce((s, l) => s + (loci[l]?.typed ? f(loci[l] as LocusGrade) : 0), 0);
    const a = loci.A as LocusGrade;
    const b = loci.B as LocusGrade;
    const drb1 = loci.DRB1 as LocusGrade;
    const allele8 = sum(EIGHT, (g) => g.allele);
    const typed8 = sum(EIGHT, () => 2);
    const untyped = [...EIGHT, "DQB1"].filter((l) => !loci[l]?.typed);
    return {
      summary: {
        allele8,
        allele10: sum([...EIGHT, "DQB1"], (g) => g.allele),
        cord6: (a.typed ? a.antigen : 0) + (b.typed ? b.antigen : 0) + (drb1.typed ? drb1.allele : 0),
        mismatches8: sum(EIGHT, (g) => 2 - g.allele),
        gvh8: sum(EIGHT, (g) => g.gvh),
        hvg8: sum(EIGHT, (g) => g.hvg),
        typed8,
        untyped,
        text: matchText(allele8, typed8, 8, untyped),
        // DPB1 counts only when typed: it is often left untyped and is not part of the 8 or 10.
        category: overallCategory(
          GRADED_LOCI.filter((l) => l !== "DPB1" || loci[l]?.typed).map((l) => loci[l] as LocusGrade),
        ),
      },
      loci,
      renamed: current.renamed.map((r) => ({ side: "donor" as const, ...r })),
    };
  };
}
