/**
 * Match probability: a hand-computed case on a tiny set, and exactness against the grader (grade.ts) for
 * unambiguous typings drawn from the CAU frequencies of ../shared (IMGT/HLA 3.58.0).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET, SHARED } from "../../../test/support/shared.js";
import type { HlaEngine } from "../../hla/index.js";
import { openHla } from "../../hla/reference/open.js";
import { gradeTypings } from "../grade.js";
import { generateRegistry, parseHaplotypeFrequencies, seededRandom } from "../synthetic-registry.js";
import { categoryOf } from "./category.js";
import { parseFrequencySet } from "./frequency-set.js";
import { Imputer } from "./impute.js";
import { matchProbability } from "./match-probability.js";
import { eightPatient, overallEight } from "./overall-eight.js";

let engine: HlaEngine;
beforeAll(async () => {
  engine = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

describe("match probability on a four-haplotype set", () => {
  it("sums over both sides' genotypes; loci the set lacks are named, not counted", () => {
    // Set (A~B, normalised): h1 A*01:01~B*08:01 0.4, h2 A*02:01~B*07:02 0.3, h3 A*01:01~B*07:02 0.2,
    // h4 A*02:01~B*08:01 0.1. Donor A*01:01+A*02:01 ^ B*08:01+B*07:02: h1+h2 or h3+h4, both the same
    // unphased genotype, so the donor is that genotype with probability 1. Patient A*01:01+A*02:01, B untyped
    // (see impute.int.test.ts): h1+h2 1/2 (B 08+07: 0 mismatches), h3+h2 1/4 (B 07+07: 1), h1+h4 1/6
    // (B 08+08: 1), h3+h4 1/12 (B 07+08: 0). B: P(0) = 1/2 + 1/12 = 7/12, P(1) = 1/4 + 1/6 = 5/12.
    // A always matches. B*07 and B*08 differ at antigen level too (B7, B8), so 6/6 counts the same.
    const set = parseFrequencySet(
      "A*01:01~B*08:01,4,0.4\nA*02:01~B*07:02,3,0.3\nA*01:01~B*07:02,2,0.2\nA*02:01~B*08:01,1,0.1",
      engine,
    );
    const imp = new Imputer(engine, set);
    const m = matchProbability(
      engine,
      set.loci,
      imp.impute("A*01:01+A*02:01"),
      imp.impute("A*01:01+A*02:01^B*08:01+B*07:02"),
    );
    const close = (xs: number[]) => xs.map((x) => expect.closeTo(x, 12));
    expect(m.loci.A).toEqual([1, 0, 0]);
    expect(m.loci.B).toEqual(close([7 / 12, 5 / 12, 0]));
    for (const n of ["6", "8", "10"] as const) expect(m.overall[n]).toEqual(close([7 / 12, 5 / 12, 0, 0, 0]));
    expect(m.lociNotInSet).toEqual(["C", "DRB1", "DQB1"]);
    // P(8/8) 0.58 < 0.60, P(≤ 1) = 1 ≥ 0.95.
    expect(m.category).toBe("7/8 or better likely");
  });
});

describe("null alleles and P group resolution", () => {
  it("a null allele leaves its locus homozygous for the expressed one, as the grader reads it", () => {
    // rel_dna_ser.txt: A*24:09N is not expressed. Patient A*01:01 + A*24:09N expresses only A*01:01, so
    // against a donor A*01:01 + A*01:01 the grader counts 0 mismatches at A (grade.int.test.ts); so must we.
    const set = parseFrequencySet(
      "A*01:01~B*08:01,1,0.5\nA*24:09N~B*07:02,1,0.25\nA*01:01~B*07:02,1,0.25",
      engine,
    );
    // lgx alone would read A*24:09N as A*24:02 (its G group, A*24:02:01G): the set keeps it apart.
    expect(set.alleleNames[0]).toEqual(["A*01:01", "A*24:09N"]);
    const imp = new Imputer(engine, set);
    const patient = "A*01:01+A*24:09N^B*07:02+B*08:01";
    const donor = "A*01:01+A*01:01^B*07:02+B*08:01";
    const m = matchProbability(engine, set.loci, imp.impute(patient), imp.impute(donor));
    expect(gradeTypings(engine, patient, donor).loci.A?.allele).toBe(2);
    expect(m.loci.A).toEqual([1, 0, 0]);
  });

  it("at P group resolution, alleles of one P group are one name and match", () => {
    // hla_nom_p.txt: A*01:01P covers A*01:01 and A*01:32 (same protein over exons 2 and 3).
    const set = parseFrequencySet("A*01:01~B*08:01,1,0.5\nA*02:01~B*07:02,1,0.5", engine, {
      resolution: "P",
    });
    const imp = new Imputer(engine, set);
    const r = imp.impute("A*01:32+A*02:01^B*08:01+B*07:02");
    expect(r.unrepresented).toBe(false);
    expect(r.genotypes[0]?.haplotypes).toEqual(["A*01:01P~B*08:01P", "A*02:01P~B*07:02P"]);
    const m = matchProbability(engine, set.loci, r, imp.impute("A*01:01+A*02:01^B*08:01+B*07:02"));
    expect(m.overall["10"]).toEqual([1, 0, 0, 0, 0]);
  });
});

describe("ambiguous typings", () => {
  it("equal the sum, over every pair of kept genotypes, of the grader's counts weighted by both probabilities", () => {
    const text = gunzipSync(
      readFileSync(join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz")),
    ).toString("utf8");
    const set = parseFrequencySet(text, engine);
    const imp = new Imputer(engine, set);
    const cases: [string, string][] = [
      [
        "A1+A2^B8+B44^DRB1*03:01+DRB1*04:XX",
        "A*01:01+A*02:XX^B8+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01",
      ],
      [
        "A*02:01+A*03:01^B7+B35^DR15+DR1",
        "A2+A3^B*07:02+B*35:01^DRB1*15:01+DRB1*01:01^DQB1*06:02+DQB1*05:01",
      ],
    ];
    for (const [pGl, dGl] of cases) {
      const p = imp.impute(pGl, { top: 25 });
      const d = imp.impute(dGl, { top: 25 });
      const m = matchProbability(engine, set.loci, p, d);
      // Brute force: each genotype written back as a GL string and graded by gradeTypings.
      const gl = (alleles: readonly string[]) =>
        set.loci.map((_, l) => `${alleles[l]}+${alleles[l + set.loci.length]}`).join("^");
      const h8 = new Float64Array(9);
      const h6 = new Float64Array(7);
      const b = new Float64Array(3);
      const sum = (xs: { probability: number }[]) => xs.reduce((s, x) => s + x.probability, 0);
      const [sp, sd] = [sum(p.genotypes), sum(d.genotypes)];
      for (const x of p.genotypes)
        for (const y of d.genotypes) {
          const w = (x.probability / sp) * (y.probability / sd);
          const g = gradeTypings(engine, gl(x.alleles), gl(y.alleles));
          const add = (h: Float64Array, i: number) => {
            h[i] = (h[i] ?? 0) + w;
          };
          add(h8, g.summary.mismatches8);
          add(h6, 6 - g.summary.cord6);
          add(b, 2 - (g.loci.B?.allele ?? 0));
        }
      const close = (xs: number[]) => xs.map((x) => expect.closeTo(x, 12));
      expect(m.overall["8"]).toEqual(close([...h8.slice(0, 5)]));
      // The search's pass over every candidate gives the same 8/8 counts.
      expect(overallEight(eightPatient(engine, set.loci, p), d)).toEqual(close([...h8.slice(0, 5)]));
      expect(m.overall["6"]).toEqual(close([...h6.slice(0, 5)]));
      expect(m.loci.B).toEqual(close([...b]));
      // Not a trivial case: some chance of a mismatch and some of none.
      expect(h8[0]).toBeGreaterThan(0);
      expect(h8[0]).toBeLessThan(1);
    }
  });
});

describe("the search's pass over every candidate", () => {
  it("gives matchProbability's P(0 … 4 of 8) for 400 registry listings against patients of every kind", () => {
    const text = gunzipSync(
      readFileSync(join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz")),
    ).toString("utf8");
    const set = parseFrequencySet(text, engine);
    const imp = new Imputer(engine, set);
    const haplotypes = parseHaplotypeFrequencies(text);
    const donors = [...generateRegistry({ haplotypes, engine, adults: 400, cords: 0, seed: 31 })].map((l) =>
      imp.impute(l.typing, { coverage: 0.999, top: 200 }),
    );
    const patients = [
      "A*02:01+A*01:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02",
      "A2+A1^B8+B7^DRB1*03:01+DRB1*15:XX",
      "A*24:02+A*02:01^B*44:02+B*40:01^DRB1*04:01+DRB1*04:04",
      "A*03:01+A*03:01",
    ];
    let between = 0;
    for (const gl of patients) {
      const p = imp.impute(gl, { top: 2000 });
      const fast = eightPatient(engine, set.loci, p);
      for (const d of donors) {
        const want = matchProbability(engine, set.loci, p, d).overall["8"];
        expect(overallEight(fast, d)).toEqual(want.map((x) => expect.closeTo(x, 12)));
        if (want.some((x) => x > 0 && x < 1)) between++;
      }
    }
    // Not only certainties: many answers have a share strictly between 0 and 1.
    expect(between).toBeGreaterThan(200);
  });
});

describe("categories", () => {
  it("take P(0 of 8) first, then P(≤ 1 of 8), at 0.95 and 0.60", () => {
    expect(categoryOf([0.95, 0.05])).toBe("8/8 likely");
    expect(categoryOf([0.6, 0.4])).toBe("8/8 probable");
    expect(categoryOf([0.5, 0.45])).toBe("7/8 or better likely");
    expect(categoryOf([0.3, 0.3])).toBe("7/8 or better probable");
    expect(categoryOf([0.3, 0.2, 0.5])).toBe("mismatched");
  });
});

describe("exactness for unambiguous typings", () => {
  it("every probability is 0 or 1 and equals the grader's count, per locus and at 6/6, 8/8, 10/10", () => {
    const text = gunzipSync(
      readFileSync(join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz")),
    ).toString("utf8");
    const set = parseFrequencySet(text, engine, { population: "CAU" });
    const imp = new Imputer(engine, set);
    const rand = seededRandom(17);
    const hap = () => Math.floor(rand() * set.size);
    // A typing of two haplotypes, loci in GL order; the donor shares 0, 1 or 2 haplotypes with the patient,
    // and some haplotypes are mixed so typings the set does not explain (the fallback) are among them.
    const alleleOf = (h: number, l: number) =>
      set.alleleNames[l]?.[set.alleles[h * set.loci.length + l] as number];
    const typing = (h1: number, h2: number, mix: number) =>
      set.loci
        .map((_locus, l) => `${alleleOf(l === mix ? h2 : h1, l)}+${alleleOf(h2, l)}`)
        .sort()
        .join("^");
    let unrepresented = 0;
    const seen = new Set<number>();
    for (let k = 0; k < 60; k++) {
      const [p1, p2, d] = [hap(), hap(), hap()];
      const patient = typing(p1, p2, -1);
      const donor =
        k % 3 === 0 ? typing(p1, d, -1) : k % 3 === 1 ? typing(p1, p2, k % 5) : typing(d, hap(), -1);
      const pi = imp.impute(patient);
      const di = imp.impute(donor);
      if (pi.unrepresented || di.unrepresented) unrepresented++;
      const m = matchProbability(engine, set.loci, pi, di);
      const g = gradeTypings(engine, patient, donor);
      for (const locus of ["A", "B", "C", "DRB1", "DQB1"] as const) {
        const want = [0, 0, 0];
        want[2 - (g.loci[locus]?.allele ?? 0)] = 1;
        expect(m.loci[locus], `${locus}: ${patient} / ${donor}`).toEqual(want);
      }
      const at = (mismatches: number) => [0, 1, 2, 3, 4].map((i) => (i === mismatches ? 1 : 0));
      expect(m.overall["8"], donor).toEqual(at(g.summary.mismatches8));
      expect(m.overall["10"], donor).toEqual(at(10 - g.summary.allele10));
      expect(m.overall["6"], donor).toEqual(at(6 - g.summary.cord6));
      seen.add(g.summary.mismatches8);
    }
    // The draw covers matches and mismatches, and typings the set explains and does not.
    expect(seen.has(0) && [...seen].some((x) => x >= 2)).toBe(true);
    expect(unrepresented).toBeGreaterThan(0);
    expect(unrepresented).toBeLessThan(60);
  });
});
