/**
 * The set's haplotypes sorted as a trie, for gathering a typing's candidates without visiting every
 * haplotype that carries one allowed allele. Haplotypes are sorted by their alleles in a locus order (the
 * loci a registry always types first, then the others, each group by its number of alleles, most first);
 * a node is a range of that order sharing the alleles of the first d loci. A walk descends only into the
 * children whose allele the typing allows, found by binary search when few alleles are allowed among many
 * children; below the last typed locus the whole range is taken at once. With a million haplotypes drawn
 * with little linkage, a low-resolution typing's most selective allele is on a hundred thousand of them
 * but its candidates are a few thousand: the walk costs about the candidates, not the allele's carriers.
 */
import type { HaplotypeFrequencySet } from "./frequency-set.js";

/** Loci typed for nearly every listing: walked first, where they prune most. */
const ALWAYS_TYPED = new Set(["A", "B", "DRB1"]);

export interface HaplotypeTrie {
  /** Level d is the set's locus order[d]. */
  readonly order: readonly number[];
  /** Haplotype indexes in trie order. */
  readonly perm: Int32Array;
  /** Per level: the allele id at that level of perm[i]. */
  readonly allele: readonly Uint16Array[];
  /** Per level: the end of the node (equal alleles at levels 0 … d) that position i lies in. */
  readonly end: readonly Int32Array[];
  /** The frequency of perm[i], read in order while a range is taken. */
  readonly frequency: Float64Array;
}

const tries = new WeakMap<HaplotypeFrequencySet, HaplotypeTrie>();

/** The set's trie, built once (a million haplotypes: a few counting sorts, about 30 MB). */
export function trieOf(set: HaplotypeFrequencySet): HaplotypeTrie {
  let t = tries.get(set);
  if (!t) {
    t = buildTrie(set);
    tries.set(set, t);
  }
  return t;
}

function buildTrie(set: HaplotypeFrequencySet): HaplotypeTrie {
  const L = set.loci.length;
  const n = set.size;
  const order = set.loci
    .map((locus, l) => ({
      l,
      first: ALWAYS_TYPED.has(locus) ? 0 : 1,
      alleles: set.alleleNames[l]?.length ?? 0,
    }))
    .sort((x, y) => x.first - y.first || y.alleles - x.alleles || x.l - y.l)
    .map((x) => x.l);
  // Least significant level first, each pass a stable counting sort: the result is sorted by all levels.
  let perm = Int32Array.from({ length: n }, (_, i) => i);
  let next = new Int32Array(n);
  for (let d = L - 1; d >= 0; d--) {
    const l = order[d] as number;
    const counts = new Int32Array((set.alleleNames[l]?.length ?? 0) + 1);
    for (let h = 0; h < n; h++) {
      const a = set.alleles[h * L + l] as number;
      counts[a + 1] = (counts[a + 1] as number) + 1;
    }
    for (let a = 1; a < counts.length; a++) counts[a] = (counts[a] as number) + (counts[a - 1] as number);
    for (let i = 0; i < n; i++) {
      const h = perm[i] as number;
      const a = set.alleles[h * L + l] as number;
      next[(counts[a] as number)++] = h;
    }
    [perm, next] = [next, perm];
  }
  const allele = order.map((l) => {
    const column = new Uint16Array(n);
    for (let i = 0; i < n; i++) column[i] = set.alleles[(perm[i] as number) * L + l] as number;
    return column;
  });
  // The first level at which position i and i + 1 differ (L when they never do: distinct haplotypes do).
  const differs = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) {
    let d = 0;
    while (d < L && (allele[d] as Uint16Array)[i] === (allele[d] as Uint16Array)[i + 1]) d++;
    differs[i] = d;
  }
  const end = order.map((_, d) => {
    const e = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--)
      e[i] = i === n - 1 || (differs[i] as number) <= d ? i + 1 : (e[i + 1] as number);
    return e;
  });
  const frequency = new Float64Array(n);
  for (let i = 0; i < n; i++) frequency[i] = set.frequency[perm[i] as number] as number;
  return { order, perm, allele, end, frequency };
}

/** The first position in [lo, hi) whose allele is at least v (hi when none): the column is sorted there. */
function lowerBound(column: Uint16Array, lo: number, hi: number, v: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((column[m] as number) < v) a = m + 1;
    else b = m;
  }
  return a;
}

/**
 * What the walk needs of a typing, per level: the allele masks (undefined when the locus is untyped) and
 * the allowed allele ids in ascending order.
 */
export interface TrieQuery {
  masks: readonly (Uint32Array | undefined)[];
  allowed: readonly (Int32Array | undefined)[];
}

/** Signatures interned along the walk: an id stands for the masks met so far (below 2^21, so id·2^32 + mask is exact). */
const MAX_SIGNATURES = 1 << 21;
const SHIFT = 2 ** 32;

/**
 * Calls `take(lo, hi, signature, path)` for each range of trie positions whose haplotypes the typing
 * allows at every typed locus and that share their masks there. `signature` numbers those masks (equal
 * masks at every typed locus, equal number: the same group); `path[d]` is the mask at level d (0 where
 * untyped), valid only during the call.
 */
export function walkTrie(
  trie: HaplotypeTrie,
  q: TrieQuery,
  take: (lo: number, hi: number, signature: number, path: Uint32Array) => void,
): void {
  const L = trie.order.length;
  let last = -1;
  for (let d = 0; d < L; d++) if (q.masks[d]) last = d;
  const path = new Uint32Array(L);
  const ids = new Map<number, number>();
  const signatureOf = (parent: number, mask: number): number => {
    const key = parent * SHIFT + mask;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size + 1;
      if (id >= MAX_SIGNATURES)
        throw new RangeError(`over ${MAX_SIGNATURES} allele-mask signatures in one walk`);
      ids.set(key, id);
    }
    return id;
  };
  const visit = (d: number, lo: number, hi: number, sig: number): void => {
    if (d > last) {
      take(lo, hi, sig, path);
      return;
    }
    const column = trie.allele[d] as Uint16Array;
    const end = trie.end[d] as Int32Array;
    const mask = q.masks[d];
    if (!mask) {
      for (let i = lo; i < hi; i = end[i] as number) visit(d + 1, i, end[i] as number, sig);
      return;
    }
    const allowed = q.allowed[d] as Int32Array;
    // Binary search per allowed allele when that is cheaper than stepping through every child.
    if (allowed.length * (32 - Math.clz32(hi - lo)) < hi - lo) {
      let from = lo;
      for (let k = 0; k < allowed.length && from < hi; k++) {
        const v = allowed[k] as number;
        const i = lowerBound(column, from, hi, v);
        if (i >= hi) break;
        if (column[i] !== v) {
          from = i;
          continue;
        }
        const m = mask[v] as number;
        path[d] = m;
        visit(d + 1, i, end[i] as number, signatureOf(sig, m));
        from = end[i] as number;
      }
    } else {
      for (let i = lo; i < hi; i = end[i] as number) {
        const m = mask[column[i] as number] as number;
        if (m === 0) continue;
        path[d] = m;
        visit(d + 1, i, end[i] as number, signatureOf(sig, m));
      }
    }
  };
  if (trie.perm.length > 0) visit(0, 0, trie.perm.length, 0);
}
