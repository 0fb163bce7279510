/**
 * The fallback for an unrepresented typing: loci taken as independent, each locus's genotype {a, b} with
 * probability ∝ fa·fb (twice when a ≠ b) over the pairs its typing allows, fa the allele's frequency in the
 * set (the sum over the haplotypes carrying it). An allele the set lacks gets half the locus's smallest allele
 * frequency, so a typing of a rare allele still has an answer, and an unambiguous typing has probability 1
 * on itself. The multi-locus genotypes are the products, listed most likely first (best-first over the sorted
 * per-locus lists) up to the share, the top N, or MAX_GENOTYPES. Phase is unknown: H1 carries each locus's
 * first allele (in name order), H2 the second.
 */
import type { HaplotypeFrequencySet } from "./frequency-set.js";
import type { Imputation, ImputedGenotype } from "./imputation.js";
import type { TypingConstraints } from "./typing-constraints.js";

/** Genotypes listed at most, whatever the share: two untyped loci already make over 100,000 products. */
export const MAX_GENOTYPES = 100_000;

interface LocusGenotype {
  a: string;
  b: string;
  p: number;
}

/** One locus's genotype distribution, most likely first. */
function locusGenotypes(set: HaplotypeFrequencySet, l: number, c: TypingConstraints): LocusGenotype[] {
  const ids = set.alleleIds[l] as ReadonlyMap<string, number>;
  const af = set.alleleFrequency[l] as Float64Array;
  let min = Number.POSITIVE_INFINITY;
  for (const f of af) if (f < min) min = f;
  const floor = min / 2;
  const freq = (n: string) => {
    const id = ids.get(n);
    return id === undefined ? floor : (af[id] as number);
  };
  const names = set.alleleNames[l] as readonly string[];
  const alternatives = c.loci[l]?.alternatives ?? [[names, names] as const];
  const seen = new Map<string, LocusGenotype>();
  for (const [s1, s2] of alternatives) {
    for (const x of s1) {
      for (const y of s2) {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const key = `${a}+${b}`;
        if (!seen.has(key)) seen.set(key, { a, b, p: freq(a) * freq(b) * (a === b ? 1 : 2) });
      }
    }
  }
  const list = [...seen.values()];
  let total = 0;
  for (const g of list) total += g.p;
  for (const g of list) g.p /= total;
  return list.sort((x, y) => y.p - x.p || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}

/** A max-heap of index tuples by probability. */
class TupleHeap {
  private readonly items: { p: number; at: number[] }[] = [];
  get size(): number {
    return this.items.length;
  }
  push(p: number, at: number[]): void {
    const xs = this.items;
    xs.push({ p, at });
    for (let i = xs.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if ((xs[up] as { p: number }).p >= p) break;
      [xs[i], xs[up]] = [xs[up] as { p: number; at: number[] }, xs[i] as { p: number; at: number[] }];
      i = up;
    }
  }
  pop(): { p: number; at: number[] } | undefined {
    const xs = this.items;
    const top = xs[0];
    const last = xs.pop();
    if (xs.length > 0 && last) {
      xs[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && (xs[l] as { p: number }).p > (xs[m] as { p: number }).p) m = l;
        if (r < xs.length && (xs[r] as { p: number }).p > (xs[m] as { p: number }).p) m = r;
        if (m === i) break;
        [xs[i], xs[m]] = [xs[m] as { p: number; at: number[] }, xs[i] as { p: number; at: number[] }];
        i = m;
      }
    }
    return top;
  }
}

export function perLocusGenotypes(
  set: HaplotypeFrequencySet,
  c: TypingConstraints,
  limits: { share: number; top: number },
): Pick<Imputation, "genotypes" | "coverage" | "computed"> {
  const L = set.loci.length;
  const lists = set.loci.map((_, l) => locusGenotypes(set, l, c));
  const computed = lists.reduce((n, g) => n * g.length, 1);
  const genotypes: ImputedGenotype[] = [];
  const heap = new TupleHeap();
  const probOf = (at: number[]) => at.reduce((p, i, l) => p * (lists[l]?.[i]?.p ?? 0), 1);
  const start = lists.map(() => 0);
  heap.push(probOf(start), start);
  let kept = 0;
  const top = Math.min(limits.top, MAX_GENOTYPES);
  while (heap.size > 0 && genotypes.length < top && kept < limits.share * (1 - 1e-12)) {
    const { p, at } = heap.pop() as { p: number; at: number[] };
    const alleles: string[] = new Array(2 * L);
    at.forEach((i, l) => {
      const g = lists[l]?.[i] as LocusGenotype;
      alleles[l] = g.a;
      alleles[L + l] = g.b;
    });
    genotypes.push({
      haplotypes: [alleles.slice(0, L).join("~"), alleles.slice(L).join("~")],
      probability: p,
      alleles,
    });
    kept += p;
    // Each tuple is reached once: from its parent by raising the last raised position, or one after it.
    let last = 0;
    for (let l = 0; l < L; l++) if ((at[l] as number) > 0) last = l;
    for (let l = last; l < L; l++) {
      if ((at[l] as number) + 1 >= (lists[l]?.length ?? 0)) continue;
      const next = at.slice();
      next[l] = (next[l] as number) + 1;
      heap.push(probOf(next), next);
    }
  }
  return { genotypes, coverage: heap.size === 0 ? 1 : Math.min(1, kept), computed };
}
