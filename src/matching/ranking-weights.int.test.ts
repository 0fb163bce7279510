/**
 * A site's ranking weights against their definition: every listing's grade and confidence scores as the
 * scan reads them equal the sums over its full grade's positions (scoresOf), and a search orders each
 * built-in class (adults: mismatches and DQB1; cords: mismatches and cord class) by those scores, higher
 * first, without moving a listing out of its class; all-zero weights leave the built-in order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET, SHARED } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { type Grade, gradeTypings } from "./grade.js";
import { type RankingWeights, SCORE_BOUND, scoresOf, zeroWeights } from "./ranking-weights.js";
import { type ScanInput, scanKernel } from "./scan-kernel.js";
import { ScanPool } from "./scan-pool.js";
import { SearchIndex } from "./search-index.js";
import { positionCodes, positionScores, search } from "./search.js";
import { type Listing, generateRegistry, parseHaplotypeFrequencies } from "./synthetic-registry.js";
import { typingByLocus } from "./typing.js";

let hla: HlaEngine;
let listings: Listing[];
let index: SearchIndex;
let pool: ScanPool;
const PATIENTS = [
  "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DQB1*02:01+DQB1*06:02^DRB1*03:01+DRB1*15:01",
  // A null allele, a homozygous locus, C untyped.
  "A*01:11N+A*02:01^B*44:02+B*44:02^DRB1*04:01+DRB1*04:04^DQB1*03:02+DQB1*03:01",
  // Serology at A and B.
  "A1+A2^B8+B7^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02",
];

/** A site that prefers a protein match over a G or P group, and a definite typing over a potential one. */
function siteWeights(): RankingWeights {
  const w = zeroWeights();
  Object.assign(w.grade, {
    Protein: 6,
    GGroup: 5,
    PGroup: 4,
    Associated: 3,
    Split: 2,
    Broad: 1,
    ExpressingVsNull: -3,
    Mismatch: -7,
    Unknown: -2,
  });
  Object.assign(w.confidence, { definite: 4, exact: 3, potential: 1, mismatch: -1 });
  return w;
}

beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  const freq = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
  const haplotypes = parseHaplotypeFrequencies(gunzipSync(readFileSync(freq)).toString("utf8"));
  listings = [...generateRegistry({ haplotypes, engine: hla, adults: 1200, cords: 400, seed: 23 })];
  index = new SearchIndex(hla, 16);
  for (const l of listings) {
    index.upsert(
      l.kind === "cord"
        ? { id: l.id, kind: "cord", typing: l.typing, tnc: l.tnc, cd34: l.cd34 }
        : { id: l.id, kind: "adult", typing: l.typing },
    );
  }
  pool = new ScanPool(2);
});
afterAll(async () => {
  await pool?.close();
});

/** Loci of the index either side leaves untyped. */
const untyped = (g: Grade) => ["A", "B", "C", "DRB1", "DQB1"].filter((l) => !g.loci[l]?.typed).length;

/** The grade and confidence scores an adult's sort key carries (see scan-kernel.ts). */
function decodeAdult(key: number): { grade: number; confidence: number } {
  const span = 2 * SCORE_BOUND + 1;
  const ranked = Math.floor(key / 10);
  return {
    grade: SCORE_BOUND - (Math.floor(ranked / span) % span),
    confidence: SCORE_BOUND - (ranked % span),
  };
}

function scanInput(patient: string, weights: RankingWeights, loci: 8 | 10): ScanInput {
  const byLocus = typingByLocus(patient, hla.release);
  const { codes, typed } = positionCodes(index, byLocus);
  return {
    positions: index.positions,
    kinds: index.kinds,
    tnc: index.tnc,
    cd34: index.cd34,
    start: 0,
    end: index.size,
    codes,
    typedLoci: typed,
    eight: [0, 1, 2, 4],
    dqb1: 3,
    wantKind: 0,
    maxMismatches: 10,
    countDqb1: loci === 10,
    maxPerLocus: [-1, -1, -1, -1, -1],
    tncFloor: 0,
    cd34Floor: 0,
    weightKg: 1,
    keep: index.size,
    scores: positionScores(index, byLocus, weights),
  };
}

describe("ranking weights", () => {
  it("scores every adult as the sum over its graded positions, at 8 and at 10 loci, on the calling thread and the workers", async () => {
    const w = siteWeights();
    const byId = new Map(listings.map((l) => [l.id, l]));
    for (const patient of PATIENTS) {
      for (const loci of [8, 10] as const) {
        const input = scanInput(patient, w, loci);
        const out = scanKernel(input);
        expect(out.slots.length).toBe(1200);
        const mismatches: string[] = [];
        out.slots.forEach((slot, i) => {
          const listing = byId.get(index.ids[slot] as string) as Listing;
          const want = scoresOf(gradeTypings(hla, patient, listing.typing), w, loci);
          const got = decodeAdult(out.keys[i] as number);
          if (got.grade !== want.grade || got.confidence !== want.confidence) {
            mismatches.push(`${listing.typing}: scan ${JSON.stringify(got)}, grade ${JSON.stringify(want)}`);
          }
        });
        expect(mismatches, `${patient} at ${loci}`).toEqual([]);
        const pooled = await pool.scan(input);
        expect(pooled.keys).toEqual(out.keys);
      }
    }
  });

  it("orders each class of equal mismatches by grade score, then confidence score; all zeros leave the built-in order", async () => {
    const patient = PATIENTS[0] as string;
    const ask = { patientTyping: patient, kind: "adult" as const, maxMismatches: 4, limit: 1000 };
    const weighted = await search(index, { ...ask, weights: siteWeights() });
    const plain = await search(index, ask);
    const zero = await search(index, { ...ask, weights: zeroWeights() });
    expect(zero.hits.map((h) => h.id)).toEqual(plain.hits.map((h) => h.id));
    // The same listings, another order.
    expect(weighted.classCounts).toEqual(plain.classCounts);
    expect(new Set(weighted.hits.map((h) => h.id))).toEqual(new Set(plain.hits.map((h) => h.id)));
    expect(weighted.hits.map((h) => h.id)).not.toEqual(plain.hits.map((h) => h.id));
    // A site that (unwisely) favours untyped positions: a listing typed at fewer loci still ranks below.
    const untypedFavoured = zeroWeights();
    untypedFavoured.grade.Unknown = 10;
    untypedFavoured.confidence.potential = 10;
    for (const w of [siteWeights(), untypedFavoured]) {
      const hits = w === untypedFavoured ? (await search(index, { ...ask, weights: w })).hits : weighted.hits;
      for (let i = 1; i < hits.length; i++) {
        const a = hits[i - 1];
        const b = hits[i];
        if (!a || !b) continue;
        // The class: mismatches of 8, then DQB1 mismatches (an untyped DQB1 ranks as two).
        const dq = (g: typeof a.grade) => (g.loci.DQB1?.typed ? 2 - g.loci.DQB1.allele : 2);
        const [ma, mb] = [a.grade.summary.mismatches8, b.grade.summary.mismatches8];
        expect(ma).toBeLessThanOrEqual(mb);
        if (ma !== mb) continue;
        expect(dq(a.grade)).toBeLessThanOrEqual(dq(b.grade));
        if (dq(a.grade) !== dq(b.grade)) continue;
        // Then fewer untyped loci: no weight lifts a listing typed at fewer loci.
        expect(untyped(a.grade)).toBeLessThanOrEqual(untyped(b.grade));
        if (untyped(a.grade) !== untyped(b.grade)) continue;
        const [sa, sb] = [scoresOf(a.grade, w, 8), scoresOf(b.grade, w, 8)];
        expect(sa.grade, `${a.id} before ${b.id}`).toBeGreaterThanOrEqual(sb.grade);
        if (sa.grade === sb.grade) expect(sa.confidence).toBeGreaterThanOrEqual(sb.confidence);
      }
    }
  });

  it("orders cords by mismatches and cord class, then the scores (exact at the widest weights), then the dose", async () => {
    const w = zeroWeights();
    for (const g of Object.keys(w.grade) as (keyof RankingWeights["grade"])[]) w.grade[g] = -10;
    w.grade.Protein = 10;
    for (const c of Object.keys(w.confidence) as (keyof RankingWeights["confidence"])[]) w.confidence[c] = 10;
    const r = await search(index, {
      patientTyping: PATIENTS[0] as string,
      kind: "cord",
      weightGrams: 3_000,
      diagnosis: "nonmalignant",
      maxMismatches: 8,
      loci: 10,
      limit: 1000,
      weights: w,
    });
    expect(r.hits.length).toBeGreaterThan(50);
    for (let i = 1; i < r.hits.length; i++) {
      const a = r.hits[i - 1];
      const b = r.hits[i];
      if (!a || !b) continue;
      const [sa, sb] = [a.grade.summary, b.grade.summary];
      const [ka, kb] = [scoresOf(a.grade, w, 10), scoresOf(b.grade, w, 10)];
      // Mismatches of 10: an untyped locus counts as none.
      const ten = (g: typeof a.grade) =>
        g.summary.mismatches8 + (g.loci.DQB1?.typed ? 2 - (g.loci.DQB1?.allele ?? 0) : 0);
      expect(ten(a.grade)).toBeLessThanOrEqual(ten(b.grade));
      if (ten(a.grade) !== ten(b.grade)) continue;
      expect(sa.cord6).toBeGreaterThanOrEqual(sb.cord6);
      if (sa.cord6 !== sb.cord6) continue;
      expect(untyped(a.grade)).toBeLessThanOrEqual(untyped(b.grade));
      if (untyped(a.grade) !== untyped(b.grade)) continue;
      expect(ka.grade).toBeGreaterThanOrEqual(kb.grade);
      if (ka.grade !== kb.grade) continue;
      expect(ka.confidence).toBeGreaterThanOrEqual(kb.confidence);
      if (ka.confidence === kb.confidence && a.direction === b.direction) {
        expect(a.dose?.tncPerKg ?? 0).toBeGreaterThanOrEqual(b.dose?.tncPerKg ?? 0);
      }
    }
  });
});
