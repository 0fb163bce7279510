/**
 * The index and search against the grading they stand for: for every listing of a generated registry,
 * the scan must count the same mismatches as gradeTypings, rank in the documented order, and agree
 * between the calling thread and the worker pool.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET, SHARED } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { type PositionFacts, alleleMatch, antigenMatch, gradeTypings, positionFacts } from "./grade.js";
import { scanKernel } from "./scan-kernel.js";
import { ScanPool } from "./scan-pool.js";
import { SearchIndex } from "./search-index.js";
import { positionCodes, search } from "./search.js";
import {
  type CordListing,
  type Listing,
  generateRegistry,
  parseHaplotypeFrequencies,
} from "./synthetic-registry.js";
import { typingByLocus } from "./typing.js";

let hla: HlaEngine;
let listings: Listing[];
let index: SearchIndex;
let pool: ScanPool;
const PATIENT = "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DQB1*02:01+DQB1*06:02^DRB1*03:01+DRB1*15:01";

beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  const freq = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
  const haplotypes = parseHaplotypeFrequencies(gunzipSync(readFileSync(freq)).toString("utf8"));
  listings = [...generateRegistry({ haplotypes, engine: hla, adults: 1500, cords: 500, seed: 11 })];
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

/** A scan of every slot of an index with arbitrary codes, counting everything: for kernel tests. */
function scanAll(ix: SearchIndex, codes: Uint8Array[]) {
  return {
    positions: ix.positions,
    kinds: ix.kinds,
    tnc: ix.tnc,
    cd34: ix.cd34,
    start: 0,
    end: ix.size,
    codes,
    typedLoci: [true, true, true, true, true],
    eight: [0, 1, 2, 4],
    dqb1: 3,
    wantKind: 0,
    maxMismatches: 8,
    countDqb1: false,
    maxPerLocus: [-1, -1, -1, -1, -1],
    tncFloor: 0,
    cd34Floor: 0,
    weightKg: 1,
    keep: 300,
  };
}

describe("search index", () => {
  it("interns each distinct position typing once", () => {
    const distinct = index.distinctPositions();
    const positions = listings.flatMap((l) => l.typing.split(/[\^+]/));
    expect(distinct.reduce((s, n) => s + n, 0)).toBe(new Set(positions).size);
    expect(index.count("adult")).toBe(1500);
    expect(index.count("cord")).toBe(500);
  });

  it("codes every distinct typing as grading it one by one does, for patients with nulls, MACs, serology and antibodies", () => {
    // The definition: each typing graded against the patient's positions, and each antibody's rule.
    const abFacts = new Map<string, PositionFacts>();
    const carries = (f: PositionFacts, ab: string) => {
      const release = hla.release;
      if (ab.includes("*")) {
        if (!abFacts.has(ab)) abFacts.set(ab, positionFacts(hla, ab));
        return [...f.proteins].some((x) => abFacts.get(ab)?.proteins.has(x));
      }
      const a = release.parentAntigen(ab);
      const broad = release.broadOf(a);
      return [...f.carried].some((x) => x === a || release.broadOf(x) === a || x === broad);
    };
    const byEach = (patient: string, antibodies: string[]) =>
      ["A", "B", "C", "DQB1", "DRB1"].map((locus, l) => {
        const facts = own.facts(l);
        const code = new Uint8Array(facts.length);
        const g = typingByLocus(patient, hla.release).get(locus)?.genotypes[0];
        if (!g) return code;
        let p1 = positionFacts(hla, g[0] as string);
        let p2 = positionFacts(hla, g[1] as string);
        if (p1.isNull && !p2.isNull) p1 = p2;
        else if (p2.isNull && !p1.isNull) p2 = p1;
        for (let id = 1; id < facts.length; id++) {
          const f = facts[id] as PositionFacts;
          const a1 = alleleMatch(p1, f);
          const a2 = alleleMatch(p2, f);
          let bits = (a1 ? 1 : 0) | (a2 ? 2 : 0);
          if (a1 || antigenMatch(hla, p1, f)) bits |= 4;
          if (a2 || antigenMatch(hla, p2, f)) bits |= 8;
          if (f.isNull) bits |= 16;
          if (antibodies.some((ab) => carries(f, ab))) bits |= 32;
          code[id] = bits;
        }
        return code;
      });
    // Typings a registry holds beyond the generated ones: nulls, broads and splits, MACs, XX codes.
    const extra: [number, string][] = [
      [0, "A*01:11N"],
      [0, "A9"],
      [0, "A24"],
      [0, "A23"],
      [0, "A*02:AB"],
      [1, "B12"],
      [1, "B44"],
      [1, "B*44:XX"],
      [2, "C*04:09N"],
      [4, "DRB1*04:XX"],
    ];
    // An index of its own, so the other tests' index keeps its typings.
    const own = new SearchIndex(hla, 16);
    for (const l of listings) own.upsert({ id: l.id, kind: "adult", typing: l.typing });
    for (const [l, t] of extra) own.intern(l, t);
    const patients = [
      PATIENT,
      "A*01:11N+A*02:01^B*44:02+B*44:03^DRB1*04:01+DRB1*04:04",
      "A*24:02+A*23:01^B*08:01+B*57:01^C*04:09N+C*06:02^DRB1*15:01+DRB1*07:01",
      "A*01:01+A*01:01^B*07:02+B*08:01^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02",
      ...listings.slice(0, 60).map((l) => l.typing),
    ];
    const antibodySets = [[], ["A2"], ["B12", "A*24:02"], ["A9", "DRB1*04:01", "B44"]];
    for (const [i, patient] of patients.entries()) {
      const antibodies = antibodySets[i % antibodySets.length] as string[];
      const { codes } = positionCodes(own, typingByLocus(patient, hla.release), antibodies);
      expect(codes, `${patient} against ${antibodies.join(",")}`).toEqual(byEach(patient, antibodies));
    }
  });

  it("refuses a patient typing with genotype alternatives, which it would rank by the first but grade by the best", async () => {
    const ambiguous = PATIENT.replace("A*01:01+A*02:01", "A*01:01+A*02:01|A*01:02+A*02:05");
    await expect(search(index, { patientTyping: ambiguous, kind: "adult" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "patientTyping", locus: "A" },
    });
  });

  it("counts, for every adult, the allele mismatches of 8 that gradeTypings counts", async () => {
    const r = await search(index, { patientTyping: PATIENT, kind: "adult", maxMismatches: 8, limit: 1000 });
    const expected: Record<string, number> = {};
    for (const l of listings) {
      if (l.kind !== "adult") continue;
      const mm = gradeTypings(hla, PATIENT, l.typing).summary.mismatches8;
      expected[mm] = (expected[mm] ?? 0) + 1;
    }
    expect(r.classCounts).toEqual(
      Object.fromEntries([...Array(9).keys()].map((k) => [String(k), expected[k] ?? 0])),
    );
    expect(r.total).toBe(1500);
    // The page is graded in full and ordered by mismatches.
    const mms = r.hits.map((h) => h.grade.summary.mismatches8);
    expect(mms).toEqual([...mms].sort((a, b) => a - b));
  });

  it("ranks cords by the guideline order and leaves out units below the dose floor", async () => {
    const weightGrams = 12_000;
    const r = await search(index, {
      patientTyping: PATIENT,
      kind: "cord",
      weightGrams,
      diagnosis: "nonmalignant",
      maxMismatches: 8,
      limit: 1000,
    });
    // Floors: TNC 5×10^7/kg (nonmalignant) and CD34+ 1.5×10^5/kg, for 12 kg.
    const below = listings.filter(
      (l): l is CordListing => l.kind === "cord" && (l.tnc / 12 < 5e7 || l.cd34 / 12 < 1.5e5),
    ).length;
    expect(below).toBeGreaterThan(0);
    expect(r.excluded).toBe(below);
    expect(r.total + r.excluded).toBe(500);
    for (let i = 1; i < r.hits.length; i++) {
      const a = r.hits[i - 1];
      const b = r.hits[i];
      if (!a || !b) continue;
      const sa = a.grade.summary;
      const sb = b.grade.summary;
      expect(sa.mismatches8 <= sb.mismatches8).toBe(true);
      if (sa.mismatches8 === sb.mismatches8 && sa.cord6 === sb.cord6 && a.direction === b.direction) {
        expect((a.dose?.tncPerKg ?? 0) >= (b.dose?.tncPerKg ?? 0)).toBe(true);
      }
    }
  });

  it("leaves out listings that carry an antigen of the patient's antibodies", async () => {
    const r = await search(index, {
      patientTyping: PATIENT,
      kind: "adult",
      maxMismatches: 8,
      limit: 1000,
      antibodies: ["A2"],
    });
    expect(r.excluded).toBeGreaterThan(0);
    for (const h of r.hits)
      expect(hla.reduce(index.typingOf(index.ids.indexOf(h.id)), "S")).not.toMatch(/(^|[/+^])A2([/+^]|$)/);
  });

  it("gives the same results on the worker pool as on the calling thread", async () => {
    // Arbitrary codes exercise every bit of the kernel; the pool must merge its slices into the same answer.
    const input = scanAll(
      index,
      [0, 1, 2, 3, 4].map((l) =>
        Uint8Array.from({ length: (index.facts(l) as unknown[]).length }, (_, i) => (i * 7) % 64),
      ),
    );
    expect(await pool.scan(input)).toEqual(scanKernel(input));
    // A server scans for several searches at once: each must get its own answer, never another's.
    const inputs = [0, 1, 2, 3, 4, 5].map((k) => ({
      ...input,
      codes: input.codes.map((c) => c.map((_, i) => (i * (k + 3)) % 64)),
      maxMismatches: 2 + (k % 4),
      keep: 20 + k,
    }));
    const together = await Promise.all(inputs.map((x) => pool.scan(x)));
    together.forEach((out, k) => expect(out).toEqual(scanKernel(inputs[k] as typeof input)));
  });

  it("scans a kind's own slot list to the same answer as every slot, after removals and reuse", async () => {
    const mixed = new SearchIndex(hla, 16);
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let l = 0; l < 5; l++) for (let t = 0; t < 12; t++) mixed.intern(l, `X${l}-${t}`);
    const add = (id: string) =>
      mixed.addInterned(
        id,
        rnd(3) === 0 ? "cord" : "adult",
        Array.from({ length: 10 }, () => rnd(13)),
        1e9,
      );
    for (let i = 0; i < 3000; i++) add(`L${i}`);
    // Freed slots come back as the other kind, and the same kind, so lists hold stale entries.
    for (let i = 0; i < 3000; i += 3) mixed.remove(`L${i}`);
    for (let i = 0; i < 800; i++) add(`R${i}`);
    // No antibody bit: nearly every listing is within the limits, and their keys tie a great deal.
    const base = scanAll(
      mixed,
      [0, 1, 2, 3, 4].map((l) => Uint8Array.from({ length: 13 }, (_, i) => (i * (l + 5)) % 32)),
    );
    for (const wantKind of [0, 1]) {
      for (const keep of [1, 7, 50, 5000]) {
        const everySlot = scanKernel({ ...base, wantKind, keep });
        const listed = scanKernel({
          ...base,
          wantKind,
          keep,
          start: 0,
          end: mixed.kindSlotCount[wantKind] as number,
          slots: mixed.kindSlots[wantKind],
        });
        expect(listed).toEqual(everySlot);
        const within = everySlot.classCounts.reduce((a, b) => a + b, 0);
        expect(within).toBeGreaterThan(50); // cut ties at the page edge, not an empty scan
        expect(everySlot.slots.length).toBe(Math.min(keep, within));
      }
    }
  });

  it("pages on from the first page's scan, and scans again once the index changes", async () => {
    const q = { patientTyping: PATIENT, kind: "adult" as const, maxMismatches: 4, limit: 10 };
    const first = await search(index, q);
    const second = await search(index, { ...q, offset: 10 });
    expect(second.timings.reused).toBe(true);
    expect(second.total).toBe(first.total);
    // The same page from a scan of its own, after a change the cache must not outlive.
    index.upsert({ id: "TEMP-1", kind: "cord", typing: PATIENT, tnc: 1e9 });
    index.remove("TEMP-1");
    const fresh = await search(index, { ...q, limit: 20 });
    expect(fresh.timings.reused).toBe(false);
    expect(second.hits.map((h) => [h.rank, h.id])).toEqual(fresh.hits.slice(10).map((h) => [h.rank, h.id]));
    // A different search is never answered from another's scan.
    const other = await search(index, { ...q, maxMismatches: 3 });
    expect(other.timings.reused).toBe(false);
    expect(other.total).toBeLessThan(first.total);
  });

  it("reflects inserts, replacements and removals without a rebuild", async () => {
    const q = { patientTyping: PATIENT, kind: "adult" as const, maxMismatches: 0, limit: 1000 };
    const before = (await search(index, q)).total;
    index.upsert({ id: "NEW-1", kind: "adult", typing: PATIENT });
    expect((await search(index, q)).hits.some((h) => h.id === "NEW-1")).toBe(true);
    index.upsert({
      id: "NEW-1",
      kind: "adult",
      typing: "A*03:01+A*11:01^B*35:01+B*44:02^DRB1*04:01+DRB1*11:01",
    });
    expect((await search(index, q)).total).toBe(before);
    index.upsert({ id: "NEW-1", kind: "adult", typing: PATIENT });
    expect(index.remove("NEW-1")).toBe(true);
    expect((await search(index, q)).total).toBe(before);
    expect(index.remove("NEW-1")).toBe(false);
  });

  it("widens position ids from 16 to 32 bits when a locus passes 65,535 distinct typings", () => {
    const wide = new SearchIndex(hla, 4);
    const slot = wide.addInterned("FIRST", "adult", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(wide.positions).toBeInstanceOf(Uint16Array);
    for (let i = 0; i < 70_000; i++) wide.intern(0, `A*01:${i}`);
    expect(wide.positions).toBeInstanceOf(Uint32Array);
    const big = wide.intern(0, "A*01:69999");
    const next = wide.addInterned("SECOND", "adult", [big, big, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(wide.positions.subarray(slot * 10, slot * 10 + 10))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(wide.positions[next * 10]).toBe(big);
    expect(big).toBeGreaterThan(65_535);
  });

  it("counts DQB1 with the eight when asked for the 10", async () => {
    const r10 = await search(index, {
      patientTyping: PATIENT,
      kind: "adult",
      loci: 10,
      maxMismatches: 10,
      limit: 1000,
    });
    const expected: Record<string, number> = {};
    for (const l of listings) {
      if (l.kind !== "adult") continue;
      const s = gradeTypings(hla, PATIENT, l.typing).summary;
      // Mismatches of 10 over typed loci: the 8's, plus DQB1's when the donor types it.
      const dq = gradeTypings(hla, PATIENT, l.typing).loci.DQB1;
      const mm = s.mismatches8 + (dq?.typed ? 2 - dq.allele : 0);
      expected[mm] = (expected[mm] ?? 0) + 1;
    }
    expect(r10.classCounts).toEqual(
      Object.fromEntries([...Array(11).keys()].map((k) => [String(k), expected[k] ?? 0])),
    );
    await expect(
      search(index, { patientTyping: PATIENT, kind: "adult", loci: 8, maxMismatches: 9 }),
    ).rejects.toThrow(/0 to 8/);
  });
});
