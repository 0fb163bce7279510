/**
 * The mother's haplotypes constrain a cord's genotypes, worked by hand on the set S (A~B~DRB1, normalised):
 *   h1 A*01:01~B*08:01~DRB1*03:01 0.5    h2 A*02:01~B*07:02~DRB1*15:01 0.1    h5 A*02:01~B*07:02~DRB1*15:02 0.4
 * The cord A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:XX alone is h1+h2 (2·0.5·0.1 = 0.1) or h1+h5
 * (2·0.5·0.4 = 0.4): 0.2 and 0.8. Its mother typed homozygous h2 passes h2 (T(h2) = 1): h1+h2 weighs
 * T(h2)·f(h1) = 0.5 and h1+h5 weighs T(h1)·f(h5) + T(h5)·f(h1) = 0, so the cord is h1+h2 with probability 1.
 * For the patient h1+h2, P(8/8) goes from 0.2 to 1. A mother homozygous h5 gives h1+h5 with probability 1
 * (P(8/8) 0); a mother carrying none of the cord's haplotypes constrains nothing, and says so.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../../test/support/shared.js";
import type { HlaEngine } from "../../hla/index.js";
import { openHla } from "../../hla/reference/open.js";
import { parseFrequencySet } from "./frequency-set.js";
import { Imputer } from "./impute.js";
import { matchProbability } from "./match-probability.js";
import { constrainByMother } from "./maternal.js";

const S = [
  "A*01:01~B*08:01~DRB1*03:01,5,0.5",
  "A*02:01~B*07:02~DRB1*15:01,1,0.1",
  "A*02:01~B*07:02~DRB1*15:02,4,0.4",
  "A*03:01~B*07:02~DRB1*04:01,1,0.01",
].join("\n");
const CORD = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:XX";
const PATIENT = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";

let engine: HlaEngine;
let imputer: Imputer;
beforeAll(async () => {
  engine = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  imputer = new Imputer(engine, parseFrequencySet(S, engine, { source: "S" }));
});

const p8 = (cord: ReturnType<Imputer["impute"]>) =>
  matchProbability(engine, imputer.set.loci, imputer.impute(PATIENT), cord).overall["8"][0] as number;

describe("a cord's genotypes given its mother's typing", () => {
  it("keeps only genotypes with a haplotype she may have passed on, and P(8/8) changes as derived", () => {
    const alone = imputer.impute(CORD, { coverage: 1 });
    // S sums to 1.01: normalised, 0.1 and 0.4 become 0.1/1.01² and 0.4/1.01² — their ratio stays 1 : 4.
    expect(alone.genotypes.map((g) => g.probability)).toEqual([
      expect.closeTo(0.8, 12),
      expect.closeTo(0.2, 12),
    ]);
    expect(p8(alone)).toBeCloseTo(0.2, 12);

    const h2 = constrainByMother(
      imputer.set,
      alone,
      imputer.impute("A*02:01+A*02:01^B*07:02+B*07:02^DRB1*15:01+DRB1*15:01"),
    );
    expect(h2.constrained).toBe(true);
    expect(h2.imputation.genotypes.map((g) => [g.haplotypes.join("+"), g.probability])).toEqual([
      ["A*01:01~B*08:01~DRB1*03:01+A*02:01~B*07:02~DRB1*15:01", 1],
    ]);
    expect(p8(h2.imputation)).toBeCloseTo(1, 12);

    const h5 = constrainByMother(
      imputer.set,
      alone,
      imputer.impute("A*02:01+A*02:01^B*07:02+B*07:02^DRB1*15:02+DRB1*15:02"),
    );
    expect(p8(h5.imputation)).toBeCloseTo(0, 12);
  });

  it("a mother with none of the cord's haplotypes constrains nothing, with the reason", () => {
    const alone = imputer.impute(CORD, { coverage: 1 });
    const r = constrainByMother(
      imputer.set,
      alone,
      imputer.impute("A*03:01+A*03:01^B*07:02+B*07:02^DRB1*04:01+DRB1*04:01"),
    );
    expect(r.constrained).toBe(false);
    expect(r.imputation).toBe(alone);
    expect(r.note).toMatch(/not constrained/);
  });
});
