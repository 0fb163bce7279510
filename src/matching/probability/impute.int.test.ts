/**
 * Imputation against distributions computed by hand on tiny frequency sets (IMGT/HLA 3.58.0 names).
 *
 * The set FOUR, over loci A~B, frequencies as written (sum 0.1, so normalising multiplies by 10):
 *   h1 A*01:01~B*08:01 0.04 → 0.4     h2 A*02:01~B*07:02 0.03 → 0.3
 *   h3 A*01:01~B*07:02 0.02 → 0.2     h4 A*02:01~B*08:01 0.01 → 0.1
 * A genotype H1+H2 weighs f1·f2, twice that when H1 ≠ H2; weights are normalised over every pair found.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../../test/support/shared.js";
import type { HlaEngine } from "../../hla/index.js";
import { openHla } from "../../hla/reference/open.js";
import { parseFrequencySet } from "./frequency-set.js";
import { type Imputation, Imputer } from "./impute.js";

const FOUR = [
  "A*01:01~B*08:01,40,0.04",
  "A*02:01~B*07:02,30,0.03",
  "A*01:01~B*07:02,20,0.02",
  "A*02:01~B*08:01,10,0.01",
].join("\n");
const H1 = "A*01:01~B*08:01";
const H2 = "A*02:01~B*07:02";
const H3 = "A*01:01~B*07:02";
const H4 = "A*02:01~B*08:01";

let engine: HlaEngine;
let four: Imputer;
beforeAll(async () => {
  engine = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  four = new Imputer(engine, parseFrequencySet(FOUR, engine, { source: "four" }));
});

const shown = (r: Imputation) => r.genotypes.map((g) => [g.haplotypes.join("+"), g.probability]);

describe("imputation on a four-haplotype set", () => {
  it("a heterozygous typing: both phases, by their haplotype frequencies", () => {
    // A*01:01+A*02:01 ^ B*08:01+B*07:02 is h1+h2 (2·0.4·0.3 = 0.24) or h3+h4 (2·0.2·0.1 = 0.04): total 0.28,
    // so 0.24/0.28 = 6/7 and 0.04/0.28 = 1/7.
    const r = four.impute("A*01:01+A*02:01^B*08:01+B*07:02");
    expect(r).toMatchObject({ unrepresented: false, fallback: null, coverage: 1, computed: 2 });
    const [g1, g2] = shown(r);
    expect(g1?.[0]).toBe(`${H1}+${H2}`);
    expect(g1?.[1]).toBeCloseTo(6 / 7, 12);
    expect(g2?.[0]).toBe(`${H3}+${H4}`);
    expect(g2?.[1]).toBeCloseTo(1 / 7, 12);
  });

  it("an untyped locus allows any allele; each pair written with H1 ≤ H2, most likely first", () => {
    // A*01:01+A*02:01, B untyped: one of {h1, h3} with one of {h2, h4}:
    //   h1+h2 2·0.4·0.3 = 0.24   h1+h4 2·0.4·0.1 = 0.08   h3+h2 2·0.2·0.3 = 0.12   h3+h4 2·0.2·0.1 = 0.04
    // total 0.48 → 1/2, 1/4 (h3+h2), 1/6 (h1+h4), 1/12.
    const r = four.impute("A*01:01+A*02:01");
    const got = shown(r);
    expect(got.map((g) => g[0])).toEqual([`${H1}+${H2}`, `${H3}+${H2}`, `${H1}+${H4}`, `${H3}+${H4}`]);
    // "A*01:01~B*07:02" < "A*02:01~B*07:02" as text, so h3 is written first in h3+h2.
    [1 / 2, 1 / 4, 1 / 6, 1 / 12].forEach((p, i) => expect(got[i]?.[1]).toBeCloseTo(p, 12));
  });

  it("a homozygous pair counts once, a heterozygous one twice", () => {
    // A*01:01+A*01:01, B untyped: h1+h1 0.4² = 0.16, h1+h3 2·0.4·0.2 = 0.16, h3+h3 0.2² = 0.04; total 0.36.
    const got = shown(four.impute("A*01:01+A*01:01"));
    expect(got.map((g) => g[0])).toEqual([`${H1}+${H1}`, `${H3}+${H1}`, `${H3}+${H3}`]);
    [4 / 9, 4 / 9, 1 / 9].forEach((p, i) => expect(got[i]?.[1]).toBeCloseTo(p, 12));
  });

  it("MACs, XX codes, serology and longer names are reduced to the set's names", () => {
    // A*01:XX covers A*01:01; A2 (serology) covers A*02:01; B*08:01:01:01 is B*08:01 at lgx; alpha.v3 "AB" =
    // 01/02, so B*07:AB is B*07:01/B*07:02 and only B*07:02 is in the set. Same answer as the first case.
    const r = four.impute("A*01:XX+A2^B*08:01:01:01+B*07:AB");
    expect(shown(r).map((g) => g[0])).toEqual([`${H1}+${H2}`, `${H3}+${H4}`]);
    expect(r.genotypes[0]?.probability).toBeCloseTo(6 / 7, 12);
  });

  it("genotype alternatives (|) and allele lists (/) on one chromosome", () => {
    // A*01:01+A*02:01/A*03:01: A*03:01 is not in the set, so the same pairs as "A*01:01+A*02:01".
    expect(shown(four.impute("A*01:01+A*02:01/A*03:01")).length).toBe(4);
    // A*01:01+A*01:01|A*02:01+A*02:01 with B*08:01+B*08:01: h1+h1 (0.16) or h4+h4 (0.01) → 16/17, 1/17.
    const got = shown(four.impute("A*01:01+A*01:01|A*02:01+A*02:01^B*08:01+B*08:01"));
    expect(got.map((g) => g[0])).toEqual([`${H1}+${H1}`, `${H4}+${H4}`]);
    expect(got[0]?.[1]).toBeCloseTo(16 / 17, 12);
  });

  it("loci the set lacks are left out and named", () => {
    const r = four.impute("A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01");
    expect(r.ignoredLoci).toEqual(["DRB1"]);
    expect(r.genotypes.length).toBe(2);
  });
});

describe("truncation and coverage", () => {
  // "A*01:01+A*02:01" has 1/2, 1/4, 1/6, 1/12 (see above).
  it("keeps the most likely genotypes covering the share; probabilities stay normalised over all", () => {
    const r = four.impute("A*01:01+A*02:01", { coverage: 0.7 });
    expect(r.genotypes.map((g) => g.probability)).toEqual([0.5, 0.25].map((p) => expect.closeTo(p, 12)));
    expect(r.coverage).toBeCloseTo(0.75, 12);
    expect(r.computed).toBe(4);
  });

  it("top N keeps N whatever they cover", () => {
    const r = four.impute("A*01:01+A*02:01", { top: 1 });
    expect(r.genotypes.length).toBe(1);
    expect(r.coverage).toBeCloseTo(0.5, 12);
    expect(four.impute("A*01:01+A*02:01", { top: 10 }).coverage).toBe(1);
  });

  it("refuses a share outside (0, 1] and a count below 1", () => {
    expect(() => four.impute("A*01:01+A*02:01", { coverage: 0 })).toThrow(/coverage/);
    expect(() => four.impute("A*01:01+A*02:01", { top: 0 })).toThrow(/top/);
    expect(() => four.impute("A*01:01+A*02:01", { top: 1.5 })).toThrow(/top/);
  });
});

describe("unrepresented typings and the per-locus fallback", () => {
  it("an allele the set lacks: unrepresented, and the unambiguous typing gets probability 1 on itself", () => {
    const r = four.impute("A*03:01+A*01:01^B*08:01+B*07:02");
    expect(r).toMatchObject({ unrepresented: true, fallback: "per-locus", coverage: 1 });
    expect(r.reason).toMatch(/^A: .*A\*03:01.* names no allele pair in the frequency set/);
    expect(r.reason).toMatch(/unambiguous/);
    // Phase unknown: H1 takes each locus's first allele in name order.
    expect(shown(r)).toEqual([["A*01:01~B*07:02+A*03:01~B*08:01", 1]]);
  });

  it("the fallback weighs a locus's genotypes by allele frequency; a missing allele gets half the smallest", () => {
    // A frequencies: A*01:01 0.4 + 0.2 = 0.6, A*02:01 0.3 + 0.1 = 0.4; A*03:01 absent → 0.4 / 2 = 0.2.
    // A*03:01+A*01:01/A*02:01: {01:01, 03:01} 2·0.6·0.2 = 0.24, {02:01, 03:01} 2·0.4·0.2 = 0.16 → 0.6, 0.4.
    // B*08:01+B*07:02 is one genotype (probability 1); products: 0.6 and 0.4.
    const r = four.impute("A*03:01+A*01:01/A*02:01^B*08:01+B*07:02");
    expect(r.fallback).toBe("per-locus");
    const got = shown(r);
    expect(got.map((g) => g[0])).toEqual([
      "A*01:01~B*07:02+A*03:01~B*08:01",
      "A*02:01~B*07:02+A*03:01~B*08:01",
    ]);
    expect(got[0]?.[1]).toBeCloseTo(0.6, 12);
    expect(got[1]?.[1]).toBeCloseTo(0.4, 12);
  });

  it("alleles all in the set but no haplotype pair carries them: unrepresented, fallback on itself", () => {
    // Without h4 no haplotype has A*02:01 with B*08:01.
    const three = new Imputer(engine, parseFrequencySet(FOUR.split("\n").slice(0, 3), engine));
    const r = three.impute("A*02:01+A*02:01^B*08:01+B*08:01");
    expect(r.unrepresented).toBe(true);
    expect(r.reason).toMatch(/^no pair of the set's haplotypes carries this typing/);
    expect(shown(r)).toEqual([["A*02:01~B*08:01+A*02:01~B*08:01", 1]]);
  });

  it("an untyped locus in the fallback spreads over the locus's allele frequencies", () => {
    // A*03:01+A*03:01 (absent): A is {03:01, 03:01} with probability 1. B untyped: B*08:01 0.4 + 0.1 = 0.5,
    // B*07:02 0.3 + 0.2 = 0.5 → {07:02, 08:01} 2·0.25 = 0.5, {07:02, 07:02} 0.25, {08:01, 08:01} 0.25.
    const got = shown(four.impute("A*03:01+A*03:01"));
    expect(got.map((g) => g[1])).toEqual([0.5, 0.25, 0.25].map((p) => expect.closeTo(p, 12)));
    expect(got[0]?.[0]).toBe("A*03:01~B*07:02+A*03:01~B*08:01");
  });
});

describe("errors", () => {
  it("a bad name is refused with its position in the GL string", () => {
    expect(() => four.impute("A*01:01+A*99:99")).toThrow(/A\*99:99.*position 9/);
  });
  it("a typing naming none of the set's loci is refused, not imputed as everything", () => {
    expect(() => four.impute("DRB1*03:01+DRB1*15:01")).toThrow(/none of the set's loci/);
  });
});
