/**
 * The trie walk against its definition, checked haplotype by haplotype: a haplotype is gathered exactly
 * when its allele is allowed (mask ≠ 0) at every typed locus, and two gathered haplotypes share a
 * signature exactly when their masks agree at every typed locus. Random sets and typings, both branches of
 * the walk (binary search among many children, stepping through few), untyped loci first, between and
 * last, and a set whose loci are not in the walk's order.
 */
import { describe, expect, it } from "vitest";
import type { HaplotypeFrequencySet } from "./frequency-set.js";
import { trieOf, walkTrie } from "./haplotype-trie.js";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** A set of n distinct haplotypes over `loci`, with `alleles[l]` alleles at locus l, skewed to low ids. */
function randomSet(loci: string[], alleleCounts: number[], n: number, rand: () => number) {
  const L = loci.length;
  const seen = new Set<string>();
  const alleles: number[] = [];
  while (seen.size < n) {
    const h = alleleCounts.map((k) => Math.floor(k * rand() ** 2));
    const key = h.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    alleles.push(...h);
  }
  const set = {
    loci,
    size: n,
    alleleNames: alleleCounts.map((k, l) => Array.from({ length: k }, (_, a) => `${loci[l]}*${a}`)),
    alleles: Uint16Array.from(alleles),
    frequency: new Float64Array(n).fill(1 / n),
  } as unknown as HaplotypeFrequencySet;
  return { set, L };
}

function check(set: HaplotypeFrequencySet, L: number, masks: (Uint32Array | undefined)[]) {
  const trie = trieOf(set);
  const query = {
    masks: trie.order.map((l) => masks[l]),
    allowed: trie.order.map((l) => {
      const m = masks[l];
      return m ? Int32Array.from(m.keys()).filter((a) => m[a] !== 0) : undefined;
    }),
  };
  const gathered = new Map<number, number>(); // haplotype → signature
  const masksBySignature = new Map<number, string>();
  walkTrie(trie, query, (lo, hi, signature, path) => {
    const typedPath = trie.order.flatMap((l, d) => (masks[l] ? [`${l}:${path[d]}`] : [])).join(" ");
    const before = masksBySignature.get(signature);
    if (before !== undefined) expect(typedPath).toBe(before);
    masksBySignature.set(signature, typedPath);
    for (let i = lo; i < hi; i++) {
      const h = trie.perm[i] as number;
      expect(gathered.has(h)).toBe(false);
      gathered.set(h, signature);
    }
  });
  const expected: number[] = [];
  for (let h = 0; h < set.size; h++) {
    const ok = masks.every((m, l) => !m || (m[set.alleles[h * L + l] as number] as number) !== 0);
    if (ok) expected.push(h);
  }
  expect([...gathered.keys()].sort((a, b) => a - b)).toEqual(expected);
  // Equal masks at every typed locus ⇔ equal signature.
  const maskKey = (h: number) =>
    masks.map((m, l) => (m ? (m[set.alleles[h * L + l] as number] as number) : "-")).join(",");
  const signatureOfMasks = new Map<string, number>();
  for (const h of expected) {
    const k = maskKey(h);
    const s = gathered.get(h) as number;
    if (signatureOfMasks.has(k)) expect(s).toBe(signatureOfMasks.get(k));
    else signatureOfMasks.set(k, s);
  }
  expect(new Set(signatureOfMasks.values()).size).toBe(signatureOfMasks.size);
  return expected.length;
}

describe("haplotype trie", () => {
  it("sorts the always-typed loci first, each by its number of alleles, most first", () => {
    const { set } = randomSet(["A", "C", "B", "DRB1", "DQB1"], [30, 20, 50, 40, 10], 200, rng(1));
    expect(trieOf(set).order.map((l) => set.loci[l])).toEqual(["B", "DRB1", "A", "C", "DQB1"]);
  });

  it("gathers exactly the haplotypes allowed at every typed locus, grouped by their masks", () => {
    const rand = rng(7);
    const { set, L } = randomSet(["A", "C", "B", "DRB1", "DQB1"], [60, 25, 90, 50, 12], 20_000, rand);
    let total = 0;
    for (let trial = 0; trial < 120; trial++) {
      const masks = set.alleleNames.map((names, l) => {
        // Untyped now and then, at any locus (C and DQB1 most often).
        if (rand() < (l === 1 || l === 4 ? 0.4 : 0.1)) return undefined;
        const m = new Uint32Array(names.length);
        const allowed = 1 + Math.floor(rand() * (rand() < 0.2 ? names.length : 4));
        for (let k = 0; k < allowed; k++)
          m[Math.floor(names.length * rand() ** 2)] = 1 + Math.floor(rand() * 3);
        return m;
      });
      if (masks.every((m) => !m)) continue;
      total += check(set, L, masks);
    }
    expect(total).toBeGreaterThan(5_000);
  });

  it("gathers nothing when a typed locus allows no allele, and every haplotype when one allows all", () => {
    const { set, L } = randomSet(["A", "B"], [8, 8], 40, rng(3));
    const some = new Uint32Array(8);
    some[0] = 1;
    expect(check(set, L, [some, new Uint32Array(8)])).toBe(0);
    expect(check(set, L, [new Uint32Array(8).fill(3), undefined])).toBe(40);
  });
});
