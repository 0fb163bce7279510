/** Pure helpers of the calibration benchmark (bench/calibration.ts): deciles and binomial intervals. */

/** Decile of a probability: [0, 0.1) → 0 … [0.9, 1] → 9 (1 itself falls in the last). */
export function decileOf(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${p} is not in [0, 1]`);
  return Math.min(9, Math.floor(p * 10));
}

/**
 * Wilson score interval for k successes in n trials (95 % by default, z = 1.96): unlike the normal
 * approximation it stays inside [0, 1] and is not zero-width at k = 0 or k = n.
 */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Per-decile tallies: pairs, sum of predictions, true 8/8 pairs. */
export interface DecileTally {
  pairs: number;
  predicted: number;
  observed: number;
}

export function emptyTallies(): DecileTally[] {
  return Array.from({ length: 10 }, () => ({ pairs: 0, predicted: 0, observed: 0 }));
}

export function tally(tallies: DecileTally[], predicted: number, observed: boolean): void {
  const t = tallies[decileOf(predicted)] as DecileTally;
  t.pairs++;
  t.predicted += predicted;
  if (observed) t.observed++;
}

export interface DecileRow {
  decile: string;
  pairs: number;
  meanPredicted: number;
  observedShare: number;
  /** Observed minus mean predicted, in percentage points. */
  gapPoints: number;
  interval: [number, number];
}

export function decileRows(tallies: readonly DecileTally[]): DecileRow[] {
  return tallies.map((t, d) => ({
    decile: d === 9 ? "[0.9, 1.0]" : `[${(d / 10).toFixed(1)}, ${((d + 1) / 10).toFixed(1)})`,
    pairs: t.pairs,
    meanPredicted: t.pairs > 0 ? t.predicted / t.pairs : Number.NaN,
    observedShare: t.pairs > 0 ? t.observed / t.pairs : Number.NaN,
    gapPoints: t.pairs > 0 ? (100 * (t.observed - t.predicted)) / t.pairs : Number.NaN,
    interval: wilsonInterval(t.observed, t.pairs),
  }));
}
