/**
 * Imputation: a typing's distribution over genotypes (unordered pairs of the set's haplotypes H1+H2) that
 * explain it. P(H1, H2) ∝ f1·f2, twice that when H1 ≠ H2 (two phases give the same unordered pair: the
 * Hardy–Weinberg genotype frequency), normalised over every pair found, then truncated to the most likely
 * pairs covering a share (default 99.9 %) or the top N, with the share kept reported as `coverage`.
 *
 * How: per locus, a bit mask over the set's alleles says which chromosome of which genotype alternative may
 * carry each one. Haplotypes allowed on either chromosome are gathered by a walk of the set's trie
 * (haplotype-trie.ts), already grouped by their masks at every typed locus; each pair of groups is checked
 * locus by locus (both orientations at once, two shifts and an AND), and the pairs come out best first
 * only as far as the truncation needs (pair-groups.ts). When no pair explains the typing it is reported
 * `unrepresented` with the reason, and the per-locus fallback (per-locus.ts) answers instead.
 */
import { CradleError } from "../../errors.js";
import type { HlaEngine } from "../../hla/index.js";
import type { HaplotypeFrequencySet } from "./frequency-set.js";
import { trieOf, walkTrie } from "./haplotype-trie.js";
import type { Imputation, ImputedGenotype } from "./imputation.js";
import { type Group, type PairGroups, bestPairs, pairsOfGroups } from "./pair-groups.js";
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
  /** Per locus: each allele's place among the locus's names as they sort within a haplotype name. */
  private readonly nameRank: Int32Array[];
  /** The last typing's explaining pairs, grouped (an imputer is not re-entrant). */
  private found: PairGroups | undefined;

  constructor(
    readonly engine: HlaEngine,
    readonly set: HaplotypeFrequencySet,
  ) {
    this.masks = set.alleleNames.map((names) => new Uint32Array(names.length));
    this.touched = set.alleleNames.map((names) => new Int32Array(names.length));
    this.nameRank = set.alleleNames.map((names, l) => {
      const last = l === set.loci.length - 1;
      const keyed = names.map((n, id) => ({ id, key: last ? n : `${n}~` }));
      keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      const rank = new Int32Array(names.length);
      keyed.forEach((k, r) => {
        rank[k.id] = r;
      });
      return rank;
    });
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
      // 2. Candidates (haplotypes either chromosome may be), grouped by their masks at every typed locus,
      // from a walk of the set's trie (haplotype-trie.ts); 3. the pairs of groups (pair-groups.ts).
      const trie = trieOf(set);
      const query = {
        masks: trie.order.map((l) => (c.loci[l]?.alternatives ? (this.masks[l] as Uint32Array) : undefined)),
        allowed: trie.order.map((l) =>
          c.loci[l]?.alternatives
            ? (this.touched[l] as Int32Array).slice(0, touchedCount[l] as number).sort()
            : undefined,
        ),
      };
      const typedLevels = trie.order.flatMap((l, d) => (c.loci[l]?.alternatives ? [d] : []));
      // A set's index is its frequency rank: each group's members sort natively, most frequent first.
      const bySignature = new Map<
        number,
        { signature: number[]; members: Int32Array; n: number; sum: number }
      >();
      const { perm, frequency } = trie;
      walkTrie(trie, query, (lo, hi, signature, path) => {
        let g = bySignature.get(signature);
        if (!g) {
          g = {
            signature: typedLevels.map((d) => path[d] as number),
            members: new Int32Array(16),
            n: 0,
            sum: 0,
          };
          bySignature.set(signature, g);
        }
        if (g.n + hi - lo > g.members.length) {
          const grown = new Int32Array(Math.max(2 * g.members.length, g.n + hi - lo));
          grown.set(g.members.subarray(0, g.n));
          g.members = grown;
        }
        for (let i = lo; i < hi; i++) {
          g.members[g.n++] = perm[i] as number;
          g.sum += frequency[i] as number;
        }
      });
      const groups: Group[] = [];
      for (const g of bySignature.values())
        groups.push({ signature: g.signature, members: g.members.subarray(0, g.n).sort(), sum: g.sum });
      this.found = pairsOfGroups(groups, set.frequency, true);
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

  /**
   * Whether haplotype a's name sorts before b's, from the alleles' ranks (no string is read): names are
   * alleles joined by "~", so they compare as their first differing allele, each name followed by its "~"
   * (a name that is another's prefix then sorts by the next character, as in the whole string).
   */
  private nameBefore(a: number, b: number): boolean {
    const L = this.set.loci.length;
    const alleles = this.set.alleles;
    for (let l = 0; l < L; l++) {
      const x = alleles[a * L + l] as number;
      const y = alleles[b * L + l] as number;
      if (x !== y) {
        const rank = this.nameRank[l] as Int32Array;
        return (rank[x] as number) < (rank[y] as number);
      }
    }
    return false;
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
      if (this.nameBefore(b, a)) [a, b] = [b, a];
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
