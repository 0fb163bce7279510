/**
 * P(0 … 4 allele mismatches of 8) for many candidates against one patient: what a search sorted or
 * filtered by a probability needs of every candidate within its limits (the page gets the whole answer,
 * matchProbability). The patient is read once (its distinct locus genotypes, its multi-locus genotypes);
 * each candidate's locus genotype is graded against the patient's once per search (a memo per locus, the
 * grader's own rule, locus-grader.ts), then its genotypes' mismatches are summed against the patient's.
 * Equal to matchProbability(...).overall["8"]: the same grader, the same renormalisation of the kept
 * genotypes, the same sum in another order (the test holds the two together).
 */
import type { HlaEngine } from "../../hla/index.js";
import type { Imputation } from "./impute.js";
import { type LocusGrader, locusGrader } from "./locus-grader.js";
import { EIGHT, MATCH_GENOTYPES, OVERALL_MISMATCHES, clean, unphased } from "./match-probability.js";

export interface EightPatient {
  readonly L: number;
  /** The set's index of each of the 8/8 loci it has. */
  readonly lociAt: readonly number[];
  readonly graders: readonly LocusGrader[];
  /** Per locus: the patient's distinct locus genotypes as grader ids. */
  readonly genotypes: readonly (readonly [number, number])[][];
  /** The patient's multi-locus genotypes (locus genotype indexes, genotype-major) and their shares. */
  readonly at: Int32Array;
  readonly p: Float64Array;
  /** Per locus: a candidate's locus genotype (its two grader ids) → mismatches against each of the patient's. */
  readonly memo: Map<number, Uint8Array>[];
}

/** The patient read once for a search against the set whose locus order is `loci`. */
export function eightPatient(engine: HlaEngine, loci: readonly string[], patient: Imputation): EightPatient {
  const present = EIGHT.filter((l) => loci.includes(l));
  const lociAt = present.map((l) => loci.indexOf(l));
  const graders = present.map((l) => locusGrader(engine, l));
  const u = unphased(patient, lociAt, loci.length);
  const genotypes = u.locusGenotypes.map((gs, k) =>
    gs.map(([a, b]) => [(graders[k] as LocusGrader).id(a), (graders[k] as LocusGrader).id(b)] as const),
  );
  return { L: loci.length, lociAt, graders, genotypes, at: u.at, p: u.p, memo: present.map(() => new Map()) };
}

/** P(0 … 4 mismatches of 8) of a candidate; the candidate's kept genotypes are renormalised to 1. */
export function overallEight(patient: EightPatient, donor: Imputation): number[] {
  const { L, lociAt, graders, genotypes, at, p, memo } = patient;
  const K = lociAt.length;
  const h = new Float64Array(2 * K + 1);
  const n = Math.min(donor.genotypes.length, MATCH_GENOTYPES);
  let total = 0;
  for (let g = 0; g < n; g++) total += (donor.genotypes[g] as { probability: number }).probability;
  const rows: Uint8Array[] = new Array(K);
  for (let g = 0; g < n; g++) {
    const dg = donor.genotypes[g] as Imputation["genotypes"][number];
    for (let k = 0; k < K; k++) {
      const grader = graders[k] as LocusGrader;
      const l = lociAt[k] as number;
      const x = grader.id(dg.alleles[l] as string);
      const y = grader.id(dg.alleles[L + l] as string);
      const key = x <= y ? x * 67_108_864 + y : y * 67_108_864 + x;
      const m = memo[k] as Map<number, Uint8Array>;
      let row = m.get(key);
      if (!row) {
        const mine = genotypes[k] as (readonly [number, number])[];
        row = Uint8Array.from(mine, ([a, b]) => grader.mismatches(a, b, x, y) >> 2);
        m.set(key, row);
      }
      rows[k] = row;
    }
    const w = dg.probability / total;
    for (let i = 0; i < p.length; i++) {
      let mm = 0;
      for (let k = 0; k < K; k++) mm += (rows[k] as Uint8Array)[at[i * K + k] as number] as number;
      h[mm] = (h[mm] as number) + w * (p[i] as number);
    }
  }
  return Array.from({ length: OVERALL_MISMATCHES }, (_, m) => clean(h[m] ?? 0));
}
