/**
 * Searching the index for a patient: grade each distinct position typing once against the patient's
 * positions, score every listing from its position ids (on worker threads for large indexes), keep the
 * best, and grade the returned page in full. Adults rank by allele mismatches of 8, then DQB1, then the
 * site's grade and confidence scores (ranking-weights.ts), then fewer untyped loci, then mismatch
 * direction; cords by the cord guideline order (see cord-ranking.ts), the scores after the cord class.
 */
import { CradleError } from "../errors.js";
import { checkTyping } from "../hla/check-typing.js";
import type { HlaEngine } from "../hla/index.js";
import {
  DEFAULT_CD34_FLOOR,
  DEFAULT_TNC_FLOOR,
  DIRECTIONS,
  type Diagnosis,
  type Direction,
} from "./cord-ranking.js";
import { type Dose, cellDose } from "./dose.js";
import { type Grade, expressed, graderFor, positionFacts, positionScoring } from "./grade.js";
import type { AntibodyTarget } from "./position-lookup.js";
import { type RankingWeights, allZero } from "./ranking-weights.js";
import { type PositionScores, type ScanInput, scanKernel } from "./scan-kernel.js";
import type { ScanPool } from "./scan-pool.js";
import { withAlternatives } from "./search-alternatives.js";
import { DQB1, EIGHT, INDEX_LOCI, type IndexKind, KIND_CODE, type SearchIndex } from "./search-index.js";
import { type LocusTyping, typingByLocus } from "./typing.js";

export interface SearchCriteria {
  patientTyping: string;
  kind: IndexKind;
  /** Required for cords: dose per kg. */
  weightGrams?: number;
  diagnosis?: Diagnosis;
  /** Donor-specific antibodies: listings carrying these antigens or alleles are left out. */
  antibodies?: readonly string[];
  /** Loci counted: the 8 (A, B, C, DRB1; default) or the 10 (with DQB1). */
  loci?: 8 | 10;
  /** Most allele mismatches of the loci counted (default 2 for adults, 3 for cords). */
  maxMismatches?: number;
  /** Most mismatches at a locus, e.g. { DRB1: 0 }. */
  maxPerLocus?: Partial<Record<(typeof INDEX_LOCI)[number], number>>;
  limit?: number;
  offset?: number;
  tncFloor?: number;
  cd34Floor?: number;
  /** Return every listing within the limits (their slots, best first), not only the page: a probability sort. */
  everyCandidate?: boolean;
  /** The site's ranking weights (ranking-weights.ts); absent or all zero: the built-in order. */
  weights?: RankingWeights;
}

export interface SearchHit {
  rank: number;
  id: string;
  grade: Grade;
  direction: Direction;
  dose?: Dose;
}

export interface SearchResult {
  /** Listings within the limits, by allele mismatches of the loci counted: "0": n, "1": n, … */
  classCounts: Record<string, number>;
  total: number;
  /** Listings left out by a dose floor or an antibody. */
  excluded: number;
  hits: SearchHit[];
  /** With `everyCandidate`: every listing within the limits, best graded first (ids and index slots). */
  candidates?: { ids: string[]; slots: number[] };
  /**
   * Milliseconds: grading distinct typings, scanning, grading the page; `reused` when the scan was the
   * index's from an earlier page of the same search (then the first two are 0).
   */
  timings: { prepareMs: number; scanMs: number; detailMs: number; reused: boolean };
}

/**
 * Below this many slots to scan, scanning on the calling thread beats handing slices to workers: 221,000 listings
 * scan in about 1 ms here, while a round trip to the workers took 3-38 ms (bench/api, 2026-11-25).
 */
const WORKER_THRESHOLD = 1_000_000;

/** Pages a scan keeps beyond the one asked for. */
const PAGES_AHEAD = 5;

/** What each of the patient's antibodies rules out, for PositionLookup.codes. */
function antibodyTargets(engine: HlaEngine, antibodies: readonly string[] = []): AntibodyTarget[] {
  const release = engine.release;
  return antibodies.map((antibody) => {
    if (antibody.includes("*")) {
      return { proteins: [...positionFacts(engine, antibody).proteins], antigens: [], broadsOfSplits: [] };
    }
    const a = release.parentAntigen(antibody);
    const broad = release.broadOf(a);
    return { proteins: [], antigens: broad === undefined ? [a] : [a, broad], broadsOfSplits: [a] };
  });
}

/**
 * Per locus, the code byte of every distinct position typing against the patient (see scan-kernel.ts),
 * found through each locus's PositionLookup. Exported for the test that holds it to grading each typing.
 */
export function positionCodes(
  index: SearchIndex,
  patient: ReadonlyMap<string, LocusTyping>,
  antibodies?: readonly string[],
): { codes: Uint8Array[]; typed: boolean[] } {
  const engine = index.engine;
  const targets = antibodyTargets(engine, antibodies);
  const codes: Uint8Array[] = [];
  const typed: boolean[] = [];
  INDEX_LOCI.forEach((locus, l) => {
    const lookup = index.lookup(l);
    const g = patient.get(locus)?.genotypes[0];
    typed.push(g !== undefined);
    if (!g) {
      codes.push(new Uint8Array(lookup.size));
      return;
    }
    let p1 = positionFacts(engine, g[0]);
    let p2 = positionFacts(engine, g[1]);
    if (p1.isNull && !p2.isNull) p1 = p2;
    else if (p2.isNull && !p1.isNull) p2 = p1;
    codes.push(lookup.codes(p1, p2, targets));
  });
  return { codes, typed };
}

/**
 * Per locus counted, what each distinct position typing scores against each of the patient's positions
 * under the site's weights (the scan kernel's PositionScores). One grading per typing and patient
 * position: a registry's tens of thousands of typings, not its millions of listings.
 */
export function positionScores(
  index: SearchIndex,
  patient: ReadonlyMap<string, LocusTyping>,
  weights: RankingWeights,
): PositionScores {
  const engine = index.engine;
  const out: PositionScores = {
    grade: [],
    confidence: [],
    rank: [],
    untypedGrade: 2 * weights.grade.Unknown,
    untypedConfidence: 2 * weights.confidence.potential,
  };
  INDEX_LOCI.forEach((locus, l) => {
    const facts = index.facts(l);
    const size = index.lookup(l).size;
    const grade = new Int8Array(2 * size);
    const confidence = new Int8Array(2 * size);
    const rank = new Uint8Array(2 * size);
    out.grade.push(grade);
    out.confidence.push(confidence);
    out.rank.push(rank);
    const g = patient.get(locus)?.genotypes[0];
    if (!g) return;
    const raw = [positionFacts(engine, g[0]), positionFacts(engine, g[1])] as const;
    const shown = expressed(raw);
    for (let id = 1; id < size; id++) {
      const d = facts[id];
      if (!d) continue;
      for (const k of [0, 1] as const) {
        const s = positionScoring(engine, [raw[k], d], [shown[k], d]);
        grade[2 * id + k] = weights.grade[s.wmda];
        confidence[2 * id + k] = weights.confidence[s.confidence];
        rank[2 * id + k] = s.rank;
      }
    }
  });
  return out;
}

function directionOf(g: Grade): Direction {
  const { gvh8, hvg8 } = g.summary;
  return gvh8 === 0 && hvg8 === 0
    ? "none"
    : hvg8 === 0
      ? "gvh-only"
      : gvh8 === 0
        ? "hvg-only"
        : "bidirectional";
}

export async function search(index: SearchIndex, c: SearchCriteria, pool?: ScanPool): Promise<SearchResult> {
  const engine = index.engine;
  const limit = c.limit ?? 20;
  const offset = c.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
    throw new CradleError(
      "INVALID_INPUT",
      `limit ${limit} and offset ${offset}: limit 1-1000, offset 0 or more`,
      {
        field: "limit",
      },
    );
  }
  const loci = c.loci ?? 8;
  if (loci !== 8 && loci !== 10) {
    throw new CradleError("INVALID_INPUT", `loci ${String(loci)}: must be 8 or 10`, { field: "loci" });
  }
  const maxMismatches = c.maxMismatches ?? (c.kind === "cord" ? 3 : 2);
  if (!Number.isInteger(maxMismatches) || maxMismatches < 0 || maxMismatches > loci) {
    throw new CradleError("INVALID_INPUT", `maxMismatches ${maxMismatches}: must be 0 to ${loci}`, {
      field: "maxMismatches",
    });
  }
  let weightKg = 1;
  if (c.kind === "cord") {
    if (c.weightGrams === undefined || c.diagnosis === undefined) {
      throw new CradleError("INVALID_INPUT", "a cord search needs the patient's weightGrams and diagnosis", {
        field: c.weightGrams === undefined ? "weightGrams" : "diagnosis",
      });
    }
    weightKg = cellDose({ tnc: 0, weightGrams: c.weightGrams }).weightKg; // checks the weight
  }
  checkTyping(engine, c.patientTyping);
  const patientLoci = typingByLocus(c.patientTyping, engine.release);
  // The scan ranks one typing per locus; a patient's genotype alternatives ("|") would rank by the first
  // while the page grades by the best. Refused rather than guessed: search each alternative.
  for (const [locus, t] of patientLoci) {
    if (t.genotypes.length > 1) {
      throw new CradleError(
        "INVALID_INPUT",
        `patient typing has ${t.genotypes.length} genotype alternatives ("|") at ${locus}: a search ranks one typing, so search each alternative`,
        { field: "patientTyping", locus },
      );
    }
  }
  const missing = ["A", "B", "DRB1"].filter((l) => !patientLoci.has(l));
  if (missing.length > 0) {
    throw new CradleError(
      "INVALID_INPUT",
      `patient typing must type A, B and DRB1; ${missing.join(", ")} missing`,
      {
        field: "patientTyping",
      },
    );
  }

  const t0 = performance.now();
  const tncFloor = c.kind === "cord" ? (c.tncFloor ?? DEFAULT_TNC_FLOOR[c.diagnosis as Diagnosis]) : 0;
  const cd34Floor = c.kind === "cord" ? (c.cd34Floor ?? DEFAULT_CD34_FLOOR) : 0;
  const maxPerLocus = INDEX_LOCI.map((l) => c.maxPerLocus?.[l] ?? -1);
  // All-zero weights are the built-in order: no scores to read, the same scan as none.
  const weights = c.weights && !allZero(c.weights) ? c.weights : undefined;
  // Everything but the page decides the scan: the next page of a search, or the same search again, reuses it.
  const key = JSON.stringify([
    c.patientTyping,
    c.kind,
    c.weightGrams,
    c.antibodies,
    loci,
    maxMismatches,
    maxPerLocus,
    tncFloor,
    cd34Floor,
    weights ?? null,
  ]);
  const wanted = c.everyCandidate ? index.size : offset + limit;
  let out = index.scans.get(key, wanted);
  let t1 = t0;
  const reused = out !== undefined;
  if (!out) {
    const { codes, typed } = positionCodes(index, patientLoci, c.antibodies);
    const scores = weights ? positionScores(index, patientLoci, weights) : undefined;
    t1 = performance.now();
    // A kind that holds under half the slots is scanned through its own list (a cord search reads only
    // the cords); otherwise every slot, in order, which reads less memory than a list of nearly all.
    const kind = KIND_CODE[c.kind];
    const listed = (index.kindSlotCount[kind] as number) * 2 < index.size;
    const input: ScanInput = {
      positions: index.positions,
      kinds: index.kinds,
      tnc: index.tnc,
      cd34: index.cd34,
      start: 0,
      end: listed ? (index.kindSlotCount[kind] as number) : index.size,
      ...(listed ? { slots: index.kindSlots[kind] } : {}),
      codes,
      typedLoci: typed,
      eight: EIGHT,
      dqb1: DQB1,
      wantKind: kind,
      maxMismatches,
      countDqb1: loci === 10,
      maxPerLocus,
      tncFloor,
      cd34Floor,
      weightKg,
      // A few pages ahead, so paging on does not scan again.
      keep: c.everyCandidate ? index.size : Math.max(offset + limit, PAGES_AHEAD * limit),
      ...(scores ? { scores } : {}),
    };
    const scan = (x: ScanInput) =>
      pool && x.end - x.start >= WORKER_THRESHOLD ? pool.scan(x) : scanKernel(x);
    out = await withAlternatives(input, await scan(input), index.alternatives(c.kind), scan);
    index.scans.set(key, out);
  }
  const t2 = performance.now();

  const hits = gradeSlots(index, c, [...out.slots.slice(offset, offset + limit)], offset + 1);
  const t3 = performance.now();
  const classCounts: Record<string, number> = {};
  out.classCounts.forEach((n, mm) => {
    if (mm <= maxMismatches) classCounts[String(mm)] = n;
  });
  const every = c.everyCandidate ? [...out.slots] : undefined;
  return {
    ...(every ? { candidates: { slots: every, ids: every.map((slot) => index.ids[slot] as string) } } : {}),
    classCounts,
    total: out.classCounts.reduce((s, n) => s + n, 0),
    excluded: out.excluded,
    hits,
    timings: {
      prepareMs: reused ? 0 : t1 - t0,
      scanMs: reused ? 0 : t2 - t1,
      detailMs: t3 - t2,
      reused,
    },
  };
}

/** The hits of some index slots (a page), graded against the patient, ranked from `firstRank`. */
export function gradeSlots(
  index: SearchIndex,
  c: Pick<SearchCriteria, "patientTyping" | "kind" | "weightGrams">,
  slots: readonly number[],
  firstRank: number,
): SearchHit[] {
  const gradeListing = graderFor(index.engine, typingByLocus(c.patientTyping, index.engine.release));
  return slots.map((slot, i) => {
    const grade = gradeListing(index.typingOf(slot));
    const hit: SearchHit = {
      rank: firstRank + i,
      id: index.ids[slot] as string,
      grade,
      direction: directionOf(grade),
    };
    if (c.kind === "cord") {
      const cd = index.cd34[slot] as number;
      hit.dose = cellDose({
        tnc: index.tnc[slot] as number,
        cd34: Number.isNaN(cd) ? undefined : cd,
        weightGrams: c.weightGrams as number,
      });
    }
    return hit;
  });
}

export { DIRECTIONS };
