/**
 * Match probability for a patient and a listing, from their imputations against one frequency set: over
 * every pair of their genotypes, weighted by the product of the two probabilities, the number of
 * mismatches per locus (A, B, C, DRB1, DQB1) and overall at 6/6 (cord match class: A and B at antigen
 * level, DRB1 at allele level), 8/8 (A, B, C, DRB1 at allele level) and 10/10 (with DQB1).
 *
 * Each locus genotype pair is graded by the grader itself (grade.ts, gradeLocus) on the set's names: a shared
 * P group is an allele match, the better orientation is kept, a null allele leaves its locus homozygous for
 * the expressed one. So for two unambiguous typings every probability is 0 or 1 and equals the grade.
 * Phase does not change a grade: genotypes are first summed by their unphased multi-locus form.
 */
import type { HlaEngine } from "../../hla/index.js";
import { type PositionFacts, gradeLocus, positionFacts } from "../grade.js";
import { type MatchCategory, categoryOf } from "./category.js";
import type { Imputation } from "./impute.js";

export const PROBABILITY_LOCI = ["A", "B", "C", "DRB1", "DQB1"] as const;
export type ProbabilityLocus = (typeof PROBABILITY_LOCI)[number];
const EIGHT: readonly ProbabilityLocus[] = ["A", "B", "C", "DRB1"];
/** Overall counts are given for 0 … 4 mismatches; P(more) is 1 minus their sum. */
export const OVERALL_MISMATCHES = 5;

export interface MatchProbability {
  /** P(0 … 4 mismatches) at 6/6, 8/8 and 10/10. */
  overall: { "6": number[]; "8": number[]; "10": number[] };
  /** P(0, 1, 2 allele-level mismatches) per locus of the set. */
  loci: Partial<Record<ProbabilityLocus, [number, number, number]>>;
  category: MatchCategory;
  /** Of the five, the loci the frequency set lacks: counted as neither match nor mismatch. */
  lociNotInSet: ProbabilityLocus[];
}

/** A side's genotypes summed by unphased form: per locus an index into that locus's distinct genotypes. */
interface Unphased {
  /** Per locus: distinct [a, b] genotypes, a ≤ b. */
  locusGenotypes: [string, string][][];
  /** Multi-locus genotypes, genotype-major: at[g * loci + k]. */
  at: Int32Array;
  p: Float64Array;
}

function unphased(imp: Imputation, lociAt: readonly number[], L: number): Unphased {
  const K = lociAt.length;
  const keys = lociAt.map(() => new Map<string, number>());
  const locusGenotypes: [string, string][][] = lociAt.map(() => []);
  const byKey = new Map<string, number>();
  const at: number[] = [];
  const p: number[] = [];
  let total = 0;
  for (const g of imp.genotypes) total += g.probability;
  for (const g of imp.genotypes) {
    const idx: number[] = [];
    lociAt.forEach((l, k) => {
      const x = g.alleles[l] as string;
      const y = g.alleles[L + l] as string;
      const pair: [string, string] = x <= y ? [x, y] : [y, x];
      const key = `${pair[0]}+${pair[1]}`;
      const m = keys[k] as Map<string, number>;
      let i = m.get(key);
      if (i === undefined) {
        i = m.size;
        m.set(key, i);
        (locusGenotypes[k] as [string, string][]).push(pair);
      }
      idx.push(i);
    });
    const key = idx.join(",");
    const seen = byKey.get(key);
    // Kept genotypes cover `coverage` of the mass: renormalise over them.
    if (seen !== undefined) p[seen] = (p[seen] as number) + g.probability / total;
    else {
      byKey.set(key, p.length);
      at.push(...idx);
      p.push(g.probability / total);
    }
  }
  if (K === 0) return { locusGenotypes, at: new Int32Array(0), p: new Float64Array([1]) };
  return { locusGenotypes, at: Int32Array.from(at), p: Float64Array.from(p) };
}

/**
 * P(mismatches) from two imputations against the same set (`loci` is the set's locus order). The kept
 * genotypes of each side are renormalised to 1, so a truncated imputation answers for the share it covers.
 */
export function matchProbability(
  engine: HlaEngine,
  loci: readonly string[],
  patient: Imputation,
  donor: Imputation,
): MatchProbability {
  const L = loci.length;
  const present = PROBABILITY_LOCI.filter((l) => loci.includes(l));
  const lociAt = present.map((l) => loci.indexOf(l));
  const P = unphased(patient, lociAt, L);
  const D = unphased(donor, lociAt, L);
  const K = present.length;

  // Per locus, the grader's answer for each (patient genotype, donor genotype): allele and antigen mismatches.
  const factsCache = new Map<string, PositionFacts>();
  const facts = (t: string) => {
    let f = factsCache.get(t);
    if (!f) {
      f = positionFacts(engine, t);
      factsCache.set(t, f);
    }
    return f;
  };
  const alleleMm: Uint8Array[] = [];
  const antigenMm: Uint8Array[] = [];
  present.forEach((locus, k) => {
    const pg = P.locusGenotypes[k] as [string, string][];
    const dg = D.locusGenotypes[k] as [string, string][];
    const al = new Uint8Array(pg.length * dg.length);
    const ag = new Uint8Array(pg.length * dg.length);
    pg.forEach((p, i) => {
      dg.forEach((d, j) => {
        const g = gradeLocus(
          engine,
          locus,
          { locus, genotypes: [p], single: false },
          { locus, genotypes: [d], single: false },
          facts,
        );
        al[i * dg.length + j] = 2 - g.allele;
        ag[i * dg.length + j] = 2 - g.antigen;
      });
    });
    alleleMm.push(al);
    antigenMm.push(ag);
  });

  const perLocus = present.map(() => new Float64Array(3));
  const h6 = new Float64Array(7);
  const h8 = new Float64Array(9);
  const h10 = new Float64Array(11);
  const role = present.map((l) => ({
    in8: EIGHT.includes(l),
    antigen6: l === "A" || l === "B",
    allele6: l === "DRB1",
  }));
  const nd = D.p.length;
  for (let i = 0; i < P.p.length; i++) {
    for (let j = 0; j < nd; j++) {
      const w = (P.p[i] as number) * (D.p[j] as number);
      let m6 = 0;
      let m8 = 0;
      let m10 = 0;
      for (let k = 0; k < K; k++) {
        const dn = (D.locusGenotypes[k] as unknown[]).length;
        const cell = (P.at[i * K + k] as number) * dn + (D.at[j * K + k] as number);
        const a = (alleleMm[k] as Uint8Array)[cell] as number;
        const r = role[k] as { in8: boolean; antigen6: boolean; allele6: boolean };
        (perLocus[k] as Float64Array)[a] = ((perLocus[k] as Float64Array)[a] as number) + w;
        m10 += a;
        if (r.in8) m8 += a;
        if (r.allele6) m6 += a;
        else if (r.antigen6) m6 += (antigenMm[k] as Uint8Array)[cell] as number;
      }
      h6[m6] = (h6[m6] as number) + w;
      h8[m8] = (h8[m8] as number) + w;
      h10[m10] = (h10[m10] as number) + w;
    }
  }
  const head = (h: Float64Array) => Array.from(h.subarray(0, OVERALL_MISMATCHES), clean);
  const overall = { "6": head(h6), "8": head(h8), "10": head(h10) };
  const out: MatchProbability["loci"] = {};
  present.forEach((l, k) => {
    out[l] = Array.from(perLocus[k] as Float64Array, clean) as [number, number, number];
  });
  return {
    overall,
    loci: out,
    category: categoryOf(overall["8"]),
    lociNotInSet: PROBABILITY_LOCI.filter((l) => !loci.includes(l)),
  };
}

/** Rounding noise off: sums of products of normalised shares land a few ulps from 0 and 1. */
function clean(x: number): number {
  if (Math.abs(x) < 1e-12) return 0;
  if (Math.abs(1 - x) < 1e-12) return 1;
  return x;
}
