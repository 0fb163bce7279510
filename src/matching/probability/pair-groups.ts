/**
 * The haplotype pairs that explain a typing, without checking every pair. Candidates with the same allele
 * masks at every typed locus (a signature) behave alike: whether two of them pair is decided once per pair
 * of signatures. A pair of groups then adds its probability in closed form — (Σf)² within a group, 2·Σf₁·Σf₂
 * across two — and its count, and its pairs come out best first from a heap, each group's members sorted by
 * frequency, only as many as the truncation keeps. A registry's set of a million haplotypes gives a
 * low-resolution typing tens of thousands of candidates, whose pairs (billions) are never all visited. Pure.
 */

/** Two masks explain a locus when some alternative puts one allele on each chromosome, in either order. */
const EVEN = 0x55555555;
const ODD = 0xaaaaaaaa;
export function pairAllowed(b1: number, b2: number): boolean {
  return ((((b1 & EVEN) << 1) & b2) | (((b1 & ODD) >>> 1) & b2)) !== 0;
}

export interface Group {
  /** The masks at the typed loci. */
  signature: number[];
  /** Haplotype indexes, most frequent first (ties by index). */
  members: number[] | Int32Array;
  sum: number;
}

export interface PairGroups {
  /** Pairs of groups that explain the typing: [a, b] with a ≤ b. */
  allowed: [number, number][];
  groups: Group[];
  /** Σ over every explaining pair of f₁·f₂ (twice when they differ): the normaliser. */
  total: number;
  /** How many pairs explain the typing. */
  count: number;
}

/**
 * Groups candidates by signature, then pairs the groups. `maskOf(h, k)` is candidate h's mask at the k-th
 * typed locus, `typed` how many loci are typed, `f` the set's frequencies.
 */
export function pairGroups(
  candidates: ArrayLike<number>,
  n: number,
  typed: number,
  maskOf: (h: number, k: number) => number,
  f: ArrayLike<number>,
): PairGroups {
  const byKey = new Map<string, { signature: number[]; members: number[]; sum: number }>();
  for (let i = 0; i < n; i++) {
    const h = candidates[i] as number;
    const signature: number[] = [];
    for (let k = 0; k < typed; k++) signature.push(maskOf(h, k));
    const key = signature.join(",");
    let g = byKey.get(key);
    if (!g) {
      g = { signature, members: [], sum: 0 };
      byKey.set(key, g);
    }
    g.members.push(h);
    g.sum += f[h] as number;
  }
  return pairsOfGroups([...byKey.values()], f);
}

/**
 * Which pairs of groups explain the typing, with the normaliser and the count in closed form. Sorts each
 * group's members most frequent first (ties by index), as bestPairs needs, unless they come `sorted`.
 */
export function pairsOfGroups(groups: Group[], f: ArrayLike<number>, sorted = false): PairGroups {
  if (!sorted)
    for (const g of groups)
      g.members.sort((a: number, b: number) => (f[b] as number) - (f[a] as number) || a - b);
  const allowed: [number, number][] = [];
  let total = 0;
  let count = 0;
  for (let a = 0; a < groups.length; a++) {
    const ga = groups[a] as Group;
    const typed = ga.signature.length;
    for (let b = a; b < groups.length; b++) {
      const gb = groups[b] as Group;
      let ok = true;
      for (let k = 0; k < typed; k++) {
        if (!pairAllowed(ga.signature[k] as number, gb.signature[k] as number)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      allowed.push([a, b]);
      const na = ga.members.length;
      if (a === b) {
        total += ga.sum * ga.sum;
        count += (na * (na + 1)) / 2;
      } else {
        total += 2 * ga.sum * gb.sum;
        count += na * gb.members.length;
      }
    }
  }
  return { allowed, groups, total, count };
}

/** A pair on the heap: its probability weight, its haplotypes, and where it sits in its group pair. */
interface Cell {
  p: number;
  lo: number;
  hi: number;
  k: number;
  i: number;
  j: number;
}

/** Before: the more likely; at equal weight the lower haplotype indexes (so the list never varies). */
const before = (x: Cell, y: Cell) =>
  x.p > y.p || (x.p === y.p && (x.lo < y.lo || (x.lo === y.lo && x.hi < y.hi)));

/**
 * The explaining pairs, most likely first: [h1, h2, f₁·f₂ (×2 when they differ)]. Each cell (i, j) of a
 * group pair's two sorted member lists is reached once, from a cell no less likely: across two groups from
 * (i, j−1), or for j = 0 from (i−1, 0); within a group the homozygous diagonal (i, i) is a chain of its own
 * (its weight is not doubled, so it may weigh less than its neighbour (i, i+1)), and an off-diagonal cell
 * comes from (i, j−1), or for j = i+1 from (i−1, i).
 */
export function* bestPairs(pg: PairGroups, f: ArrayLike<number>): Generator<[number, number, number]> {
  const heap: Cell[] = [];
  const push = (c: Cell) => {
    heap.push(c);
    let i = heap.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(c, heap[up] as Cell)) break;
      heap[i] = heap[up] as Cell;
      i = up;
    }
    heap[i] = c;
  };
  const pop = (): Cell => {
    const top = heap[0] as Cell;
    const last = heap.pop() as Cell;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && before(heap[r] as Cell, heap[l] as Cell) ? r : l;
        if (!before(heap[c] as Cell, last)) break;
        heap[i] = heap[c] as Cell;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  const cell = (k: number, i: number, j: number): Cell => {
    const [a, b] = pg.allowed[k] as [number, number];
    const h1 = (pg.groups[a] as Group).members[i] as number;
    const h2 = (pg.groups[b] as Group).members[j] as number;
    const p = (f[h1] as number) * (f[h2] as number) * (h1 === h2 ? 1 : 2);
    return { p, lo: Math.min(h1, h2), hi: Math.max(h1, h2), k, i, j };
  };
  pg.allowed.forEach(([a, b], k) => {
    push(cell(k, 0, 0));
    if (a === b && (pg.groups[a] as Group).members.length > 1) push(cell(k, 0, 1));
  });
  while (heap.length > 0) {
    const c = pop();
    yield [c.lo, c.hi, c.p];
    const [a, b] = pg.allowed[c.k] as [number, number];
    const nb = (pg.groups[b] as Group).members.length;
    const na = (pg.groups[a] as Group).members.length;
    if (a !== b) {
      if (c.j + 1 < nb) push(cell(c.k, c.i, c.j + 1));
      if (c.j === 0 && c.i + 1 < na) push(cell(c.k, c.i + 1, 0));
    } else if (c.i === c.j) {
      if (c.i + 1 < na) push(cell(c.k, c.i + 1, c.i + 1));
    } else {
      if (c.j + 1 < na) push(cell(c.k, c.i, c.j + 1));
      if (c.j === c.i + 1 && c.i + 2 < na) push(cell(c.k, c.i + 1, c.i + 2));
    }
  }
}
