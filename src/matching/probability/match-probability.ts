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
import { type MatchCategory, categoryOf } from "./category.js";
import type { Imputation } from "./impute.js";
import { locusGrader } from "./locus-grader.js";

export const PROBABILITY_LOCI = ["A", "B", "C", "DRB1", "DQB1"] as const;
export type ProbabilityLocus = (typeof PROBABILITY_LOCI)[number];
export const EIGHT: readonly ProbabilityLocus[] = ["A", "B", "C", "DRB1"];
/**
 * Genotypes of each side taken into the sum at most (the most likely): the joint sum runs over pairs of
 * them, and a typing with four loci untyped has hundreds of thousands. Atlas keeps 2,000.
 */
export const MATCH_GENOTYPES = 10_000;
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
  /** Share of each side's distribution the answer is computed from (its imputation's coverage, capped). */
  coverage: { patient: number; donor: number };
}

/** A side's genotypes summed by unphased form: per locus an index into that locus's distinct genotypes. */
export interface Unphased {
  /** Per locus: distinct [a, b] genotypes, a ≤ b. */
  locusGenotypes: [string, string][][];
  /** Multi-locus genotypes, genotype-major: at[g * loci + k]. */
  at: Int32Array;
  p: Float64Array;
}

export function unphased(imp: Imputation, lociAt: readonly number[], L: number): Unphased {
  const K = lociAt.length;
  // Numeric keys: a name's id per locus, a pair's id from two, a genotype's key a short string of pair ids.
  const nameIds = lociAt.map(() => new Map<string, number>());
  const pairIds = lociAt.map(() => new Map<number, number>());
  const locusGenotypes: [string, string][][] = lociAt.map(() => []);
  const byKey = new Map<string, number>();
  const at: number[] = [];
  const p: number[] = [];
  let total = 0;
  const genotypes = imp.genotypes.slice(0, MATCH_GENOTYPES);
  for (const g of genotypes) total += g.probability;
  const idx = new Array<number>(K);
  for (const g of genotypes) {
    for (let k = 0; k < K; k++) {
      const l = lociAt[k] as number;
      const x = g.alleles[l] as string;
      const y = g.alleles[L + l] as string;
      const names = nameIds[k] as Map<string, number>;
      let ix = names.get(x);
      if (ix === undefined) {
        ix = names.size;
        names.set(x, ix);
      }
      let iy = names.get(y);
      if (iy === undefined) {
        iy = names.size;
        names.set(y, iy);
      }
      const key = ix <= iy ? ix * 65536 + iy : iy * 65536 + ix;
      const pairs = pairIds[k] as Map<number, number>;
      let i = pairs.get(key);
      if (i === undefined) {
        i = pairs.size;
        pairs.set(key, i);
        (locusGenotypes[k] as [string, string][]).push(x <= y ? [x, y] : [y, x]);
      }
      idx[k] = i;
    }
    const key = String.fromCharCode(...idx.flatMap((i) => [i >>> 16, i & 0xffff]));
    const seen = byKey.get(key);
    // Kept genotypes cover `coverage` of the mass: renormalise over them.
    if (seen !== undefined) p[seen] = (p[seen] as number) + g.probability / total;
    else {
      byKey.set(key, p.length);
      for (const i of idx) at.push(i);
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
  const used = (imp: Imputation) => {
    let kept = 0;
    let all = 0;
    imp.genotypes.forEach((g, i) => {
      all += g.probability;
      if (i < MATCH_GENOTYPES) kept += g.probability;
    });
    return all > 0 ? clean(imp.coverage * (kept / all)) : 0;
  };
  const K = present.length;

  // Per locus, the grader's answer for each (patient genotype, donor genotype): allele and antigen mismatches.
  const alleleMm: Uint8Array[] = [];
  const antigenMm: Uint8Array[] = [];
  present.forEach((locus, k) => {
    const grader = locusGrader(engine, locus);
    const pg = P.locusGenotypes[k] as [string, string][];
    const dg = D.locusGenotypes[k] as [string, string][];
    const al = new Uint8Array(pg.length * dg.length);
    const ag = new Uint8Array(pg.length * dg.length);
    const pid = pg.map(([a, b]) => [grader.id(a), grader.id(b)] as const);
    const did = dg.map(([a, b]) => [grader.id(a), grader.id(b)] as const);
    pid.forEach(([p1, p2], i) => {
      did.forEach(([d1, d2], j) => {
        const packed = grader.mismatches(p1, p2, d1, d2);
        al[i * dg.length + j] = packed >> 2;
        ag[i * dg.length + j] = packed & 3;
      });
    });
    alleleMm.push(al);
    antigenMm.push(ag);
  });

  // Per locus: P(0, 1, 2 mismatches) from each side's marginal over that locus's genotypes (the two sides
  // are independent, so no joint sum is needed).
  const perLocus = present.map((_, k) => {
    const pm = marginal(P, k, K);
    const dm = marginal(D, k, K);
    const out = new Float64Array(3);
    const al = alleleMm[k] as Uint8Array;
    for (let x = 0; x < pm.length; x++)
      for (let y = 0; y < dm.length; y++) {
        const a = al[x * dm.length + y] as number;
        out[a] = (out[a] as number) + (pm[x] as number) * (dm[y] as number);
      }
    return out;
  });

  // Overall: each locus's genotypes in classes that grade alike against every genotype of the other side
  // (an untyped locus's thousands of genotypes fall into a handful), so the joint sum runs over classes.
  const role = present.map((l) => ({
    in8: EIGHT.includes(l),
    antigen6: l === "A" || l === "B",
    allele6: l === "DRB1",
  }));
  const classes = present.map((_, k) => {
    const pn = (P.locusGenotypes[k] as unknown[]).length;
    const dn = (D.locusGenotypes[k] as unknown[]).length;
    const code = (x: number, y: number) =>
      ((alleleMm[k] as Uint8Array)[x * dn + y] as number) * 3 +
      ((antigenMm[k] as Uint8Array)[x * dn + y] as number);
    const rows = classify(pn, (x) => Array.from({ length: dn }, (_, y) => code(x, y)).join(""));
    const cols = classify(dn, (y) => Array.from({ length: pn }, (_, x) => code(x, y)).join(""));
    // Per class cell: what the locus adds to the 6/6, 8/8 and 10/10 counts.
    const [c6, c8, c10] = [0, 1, 2].map(() => new Uint8Array(rows.count * cols.count));
    const r = role[k] as { in8: boolean; antigen6: boolean; allele6: boolean };
    for (let x = 0; x < pn; x++)
      for (let y = 0; y < dn; y++) {
        const cell = (rows.of[x] as number) * cols.count + (cols.of[y] as number);
        const a = (alleleMm[k] as Uint8Array)[x * dn + y] as number;
        (c10 as Uint8Array)[cell] = a;
        (c8 as Uint8Array)[cell] = r.in8 ? a : 0;
        (c6 as Uint8Array)[cell] = r.allele6
          ? a
          : r.antigen6
            ? ((antigenMm[k] as Uint8Array)[x * dn + y] as number)
            : 0;
      }
    return { rows, cols, c6: c6 as Uint8Array, c8: c8 as Uint8Array, c10: c10 as Uint8Array };
  });
  const PC = byClass(P, K, (k) => (classes[k] as { rows: Classes }).rows.of);
  const DC = byClass(D, K, (k) => (classes[k] as { cols: Classes }).cols.of);
  const h6 = new Float64Array(7);
  const h8 = new Float64Array(9);
  const h10 = new Float64Array(11);
  const nd = DC.p.length;
  const c6s = classes.map((c) => c.c6);
  const c8s = classes.map((c) => c.c8);
  const c10s = classes.map((c) => c.c10);
  const colCounts = classes.map((c) => c.cols.count);
  const base = new Int32Array(K);
  for (let i = 0; i < PC.p.length; i++) {
    const pi = PC.p[i] as number;
    for (let k = 0; k < K; k++) base[k] = (PC.at[i * K + k] as number) * (colCounts[k] as number);
    for (let j = 0; j < nd; j++) {
      let m6 = 0;
      let m8 = 0;
      let m10 = 0;
      for (let k = 0; k < K; k++) {
        const cell = (base[k] as number) + (DC.at[j * K + k] as number);
        m6 += (c6s[k] as Uint8Array)[cell] as number;
        m8 += (c8s[k] as Uint8Array)[cell] as number;
        m10 += (c10s[k] as Uint8Array)[cell] as number;
      }
      const w = pi * (DC.p[j] as number);
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
    coverage: { patient: used(patient), donor: used(donor) },
  };
}

/** A side's probability over locus k's distinct genotypes. */
function marginal(side: Unphased, k: number, K: number): Float64Array {
  const out = new Float64Array((side.locusGenotypes[k] as unknown[]).length);
  for (let g = 0; g < side.p.length; g++) {
    const x = side.at[g * K + k] as number;
    out[x] = (out[x] as number) + (side.p[g] as number);
  }
  return out;
}

interface Classes {
  /** Class of each item. */
  of: Int32Array;
  count: number;
}

/** Items with the same signature share a class. */
function classify(n: number, signature: (i: number) => string): Classes {
  const ids = new Map<string, number>();
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = signature(i);
    let c = ids.get(key);
    if (c === undefined) {
      c = ids.size;
      ids.set(key, c);
    }
    of[i] = c;
  }
  return { of, count: ids.size };
}

/** A side's multi-locus genotypes summed by their tuple of locus classes. */
function byClass(
  side: Unphased,
  K: number,
  classOf: (k: number) => Int32Array,
): { at: Int32Array; p: Float64Array } {
  const index = new Map<string, number>();
  const at: number[] = [];
  const p: number[] = [];
  for (let g = 0; g < side.p.length; g++) {
    const tuple: number[] = [];
    for (let k = 0; k < K; k++) tuple.push(classOf(k)[side.at[g * K + k] as number] as number);
    const key = String.fromCharCode(...tuple.flatMap((i) => [i >>> 16, i & 0xffff]));
    const seen = index.get(key);
    if (seen !== undefined) p[seen] = (p[seen] as number) + (side.p[g] as number);
    else {
      index.set(key, p.length);
      at.push(...tuple);
      p.push(side.p[g] as number);
    }
  }
  return { at: Int32Array.from(at), p: Float64Array.from(p) };
}

/** Rounding noise off: sums of products of normalised shares land a few ulps from 0 and 1. */
export function clean(x: number): number {
  if (Math.abs(x) < 1e-12) return 0;
  if (Math.abs(1 - x) < 1e-12) return 1;
  return x;
}
