/**
 * Numbers as tables and exports print them: days whole (completed days since the reference time, never
 * 146.4), probabilities to 4 decimals, variances to 4 significant digits (no 15-decimal floats).
 */
const DAY = 86_400_000;

/** Completed whole days from `from` to `to` (ms), 0 at least. */
export function wholeDays(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / DAY));
}

/** A probability or estimate to 4 decimals. */
export function p4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** A small quantity (a variance) to 4 significant digits. */
export function sig4(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(4));
}

/** An optional number for a CSV cell: empty when null. */
export const cell = (x: number | null | undefined, f: (x: number) => number): number | "" =>
  x === null || x === undefined ? "" : f(x);
