/**
 * Imputation: a typing's distribution over genotypes (unordered pairs of the set's haplotypes H1+H2) that
 * explain it. P(H1, H2) ∝ f1·f2, twice that when H1 ≠ H2 (two phases give the same unordered pair: the
 * Hardy–Weinberg genotype frequency), normalised over every pair found, then truncated to the most likely
 * pairs covering a share (default 99.9 %) or the top N, with the share kept reported as `coverage`.
 *
 * How: per locus, a bit mask over the set's alleles says which chromosome of which genotype alternative may
 * carry each one. Haplotypes allowed on either chromosome are gathered from the per-allele index of the most
 * selective locus and checked at the others; those with the same masks at every typed locus form a group,
 * each pair of groups is checked locus by locus (both orientations at once, two shifts and an AND), and
 * the pairs come out best first only as far as the truncation needs (pair-groups.ts). When no pair explains the typing it is reported
 * `unrepresented` with the reason, and the per-locus fallback (per-locus.ts) answers instead.
 */
import { CradleError } from "../../errors.js";
import type { HlaEngine } from "../../hla/index.js";
import type { HaplotypeFrequencySet } from "./frequency-set.js";
import type { Imputation, ImputedGenotype } from "./imputation.js";
import { type PairGroups, bestPairs, pairGroups } from "./pair-groups.js";
import { perLocusGenotypes } from "./per-locus.js";
import {
  type NameCache,
  type TypingConstraints,
  constraintsOf,
  isUnambiguous,
} from "./typing-constraints.js";

export interface ImputeOptions {
  /** Keep the most likely genotypes until they cover this share of the probability (default 0.999). */
  coverage?: number;
  /** Keep at most this many genotypes. With `top` and no `coverage`, the top N are kept whatever they cover. */
  top?: number;
}

export type { Fallback, Imputation, ImputedGenotype } from "./imputation.js";

/** Bits of a locus mask: bit 2k = allowed on chromosome 1 of alternative k, bit 2k + 1 on chromosome 2. */
const EVEN = 0x55555555;
const MAX_ALTERNATIVES = 16;

/** Keeps genotypes sorted most likely first until the share or the count is reached. */
export function truncation(options: ImputeOptions): { share: number; top: number } {
  const { coverage, top } = options;
  if (coverage !== undefined && !(coverage > 0 && coverage <= 1)) {
    throw new CradleError("INVALID_INPUT", `coverage ${coverage} is not in (0, 1]`, { coverage });
  }
  if (top !== undefined && !(Number.isInteger(top) && top >= 1)) {
    throw new CradleError("INVALID_INPUT", `top ${top} is not a whole number of at least 1`, { top });
  }
  return {
    share: coverage ?? (top !== undefined ? 1 : 0.999),
    top: top ?? Number.POSITIVE_INFINITY,
  };
}

/** Imputes typings against one frequency set and release. Keeps caches: reuse one per set. */
export class Imputer {
  private readonly names: NameCache = new Map();
  private readonly masks: Uint32Array[];
  private readonly touched: Int32Array[];
  private readonly candidates: Int32Array;
  /** The last typing's explaining pairs, grouped (an imputer is not re-entrant). */
  private found: PairGroups | undefined;

  constructor(
    readonly engine: HlaEngine,
    readonly set: HaplotypeFrequencySet,
  ) {
    this.masks = set.alleleNames.map((names) => new Uint32Array(names.length));
    this.touched = set.alleleNames.map((names) => new Int32Array(names.length));
    this.candidates = new Int32Array(set.size);
  }

  /** The typing read into the set's loci and resolution (validated first: errors name their position). */
  constraints(gl: string): TypingConstraints {
    this.engine.validate(gl);
    return constraintsOf(this.engine, this.set, gl, this.names);
  }

  impute(gl: string, options: ImputeOptions = {}): Imputation {
    const limits = truncation(options);
    const c = this.constraints(gl);
    const found = this.haplotypePairs(c);
    if (typeof found === "string") {
      // Unrepresented: never dropped; the per-locus fallback answers (an unambiguous typing gets 1 on itself).
      const fb = perLocusGenotypes(this.set, c, limits);
      return {
        ...fb,
        unrepresented: true,
        reason: isUnambiguous(c) ? `${found} (unambiguous: the typing itself, probability 1)` : found,
        fallback: "per-locus",
        ignoredLoci: c.ignored,
      };
    }
    return {
      ...this.kept(limits),
      unrepresented: false,
      reason: null,
      fallback: null,
      ignoredLoci: c.ignored,
    };
  }

  /** Fills this.pairs with every pair of haplotypes explaining the typing; returns why not, when none. */
  private haplotypePairs(c: TypingConstraints): string | undefined {
    const set = this.set;
    const L = set.loci.length;
    const typed: number[] = [];
    const touchedCount = new Int32Array(L);
    try {
      // 1. Masks of the typed loci.
      for (let l = 0; l < L; l++) {
        const lc = c.loci[l];
        if (!lc?.alternatives) continue;
        if (lc.alternatives.length > MAX_ALTERNATIVES) {
          throw new CradleError(
            "INVALID_INPUT",
            `locus ${lc.locus}: ${lc.alternatives.length} genotype alternatives, at most ${MAX_ALTERNATIVES} are imputed`,
            { locus: lc.locus },
          );
        }
        typed.push(l);
        const ids = set.alleleIds[l] as ReadonlyMap<string, number>;
        const mask = this.masks[l] as Uint32Array;
        const touched = this.touched[l] as Int32Array;
        let explained = false;
        lc.alternatives.forEach(([s1, s2], k) => {
          let in1 = false;
          let in2 = false;
          for (const [names, bit] of [
            [s1, 1 << (2 * k)],
            [s2, 1 << (2 * k + 1)],
          ] as const) {
            for (const n of names) {
              const id = ids.get(n);
              if (id === undefined) continue;
              if (mask[id] === 0) {
                touched[touchedCount[l] as number] = id;
                touchedCount[l] = (touchedCount[l] as number) + 1;
              }
              mask[id] = (mask[id] as number) | bit;
              if (bit & EVEN) in1 = true;
              else in2 = true;
            }
          }
          if (in1 && in2) explained = true;
        });
        if (!explained) {
          return `${lc.locus}: ${lc.typed} names no allele pair in the frequency set at ${set.resolution}`;
        }
      }
      this.found = undefined;
      if (typed.length === 0) {
        // Every pair of the set would be its answer: a typing must say something of the set's loci.
        throw new CradleError(
          "INVALID_INPUT",
          `the typing names none of the set's loci (${set.loci.join(", ")})`,
        );
      }
      // 2. Haplotypes either chromosome may be: from the locus whose allowed alleles carry the fewest.
      let best = -1;
      let bestCount = Number.POSITIVE_INFINITY;
      for (const l of typed) {
        const { offsets } = set.byAllele[l] as { offsets: Int32Array };
        let n = 0;
        const touched = this.touched[l] as Int32Array;
        for (let i = 0; i < (touchedCount[l] as number); i++) {
          const a = touched[i] as number;
          n += (offsets[a + 1] as number) - (offsets[a] as number);
        }
        if (n < bestCount) {
          bestCount = n;
          best = l;
        }
      }
      const candidates = this.candidates;
      let nc = 0;
      const alleles = set.alleles;
      const { offsets, haplotypes } = set.byAllele[best] as { offsets: Int32Array; haplotypes: Int32Array };
      const bestTouched = this.touched[best] as Int32Array;
      for (let i = 0; i < (touchedCount[best] as number); i++) {
        const a = bestTouched[i] as number;
        for (let j = offsets[a] as number; j < (offsets[a + 1] as number); j++) {
          const h = haplotypes[j] as number;
          let ok = true;
          for (const l of typed) {
            if ((this.masks[l] as Uint32Array)[alleles[h * L + l] as number] === 0) {
              ok = false;
              break;
            }
          }
          if (ok) candidates[nc++] = h;
        }
      }
      // 3. Pairs, by groups of candidates with the same masks at every typed locus (pair-groups.ts).
      const masks = typed.map((l) => this.masks[l] as Uint32Array);
      this.found = pairGroups(
        candidates,
        nc,
        typed.length,
        (h, k) => (masks[k] as Uint32Array)[alleles[h * L + (typed[k] as number)] as number] as number,
        set.frequency,
      );
      return this.found.count > 0 ? undefined : "no pair of the set's haplotypes carries this typing";
    } finally {
      // Clear only what was set: masks are reused across typings.
      for (let l = 0; l < L; l++) {
        const mask = this.masks[l] as Uint32Array;
        const touched = this.touched[l] as Int32Array;
        for (let i = 0; i < (touchedCount[l] as number); i++) mask[touched[i] as number] = 0;
      }
    }
  }

  /** The pairs found, most likely first, kept up to the share or count. */
  private kept(limits: { share: number; top: number }): Pick<
    Imputation,
    "genotypes" | "coverage" | "computed"
  > {
    const found = this.found as PairGroups;
    const { total, count } = found;
    const set = this.set;
    const L = set.loci.length;
    const genotypes: ImputedGenotype[] = [];
    let kept = 0;
    for (const [h1, h2, p] of bestPairs(found, set.frequency)) {
      if (genotypes.length >= limits.top || kept >= limits.share * total * (1 - 1e-12)) break;
      let a = h1;
      let b = h2;
      const na = set.haplotypeNames[a] as string;
      const nb = set.haplotypeNames[b] as string;
      if (nb < na) [a, b] = [b, a];
      const alleles: string[] = new Array(2 * L);
      for (let l = 0; l < L; l++) {
        const names = set.alleleNames[l] as readonly string[];
        alleles[l] = names[set.alleles[a * L + l] as number] as string;
        alleles[L + l] = names[set.alleles[b * L + l] as number] as string;
      }
      const prob = p / total;
      kept += p;
      genotypes.push({
        haplotypes: [set.haplotypeNames[a] as string, set.haplotypeNames[b] as string],
        probability: prob,
        alleles,
      });
    }
    // Everything kept covers exactly 1, not a sum's rounding of it.
    const coverage = genotypes.length === count ? 1 : Math.min(1, kept / total);
    return { genotypes, coverage, computed: count };
  }
}
