/**
 * The grouped pairs against a hand computation on four haplotypes, f = 0.4, 0.3, 0.2, 0.1: every pair
 * that explains the typing, its weight f₁·f₂ (twice when they differ), the total and the count in closed
 * form, and the pairs most likely first, a homozygous pair weighing less than its neighbour included.
 */
import { describe, expect, it } from "vitest";
import { bestPairs, pairGroups } from "./pair-groups.js";

const F = [0.4, 0.3, 0.2, 0.1];
const all = [0, 1, 2, 3];
const pairsOf = (masks: number[]) => {
  const pg = pairGroups(all, 4, 1, (h) => masks[h] as number, F);
  return { pg, pairs: [...bestPairs(pg, F)].map(([a, b, p]) => [a, b, Number(p.toFixed(12))]) };
};

describe("pair groups", () => {
  it("across two groups: haplotypes 0 and 2 only on chromosome 1, 1 and 3 only on chromosome 2", () => {
    const { pg, pairs } = pairsOf([1, 2, 1, 2]);
    expect(pg.groups).toHaveLength(2);
    expect(pg.count).toBe(4);
    expect(pg.total).toBeCloseTo(2 * (0.4 + 0.2) * (0.3 + 0.1), 12);
    expect(pairs).toEqual([
      [0, 1, 0.24],
      [1, 2, 0.12],
      [0, 3, 0.08],
      [2, 3, 0.04],
    ]);
  });

  it("within one group: every pair and every homozygote, (Σf)² in all, ties by the lower haplotypes", () => {
    const { pg, pairs } = pairsOf([3, 3, 3, 3]);
    expect(pg.count).toBe(10);
    expect(pg.total).toBeCloseTo(1, 12);
    expect(pairs).toEqual([
      [0, 1, 0.24],
      [0, 0, 0.16],
      [0, 2, 0.16],
      [1, 2, 0.12],
      [1, 1, 0.09],
      [0, 3, 0.08],
      [1, 3, 0.06],
      [2, 2, 0.04],
      [2, 3, 0.04],
      [3, 3, 0.01],
    ]);
  });

  it("no pair when every candidate may only be on chromosome 1", () => {
    const { pg, pairs } = pairsOf([1, 1, 1, 1]);
    expect(pg.count).toBe(0);
    expect(pairs).toEqual([]);
  });
});
