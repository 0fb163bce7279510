/**
 * A match probability's predictive category, from P(0 of 8) and P(≤ 1 of 8) mismatches at allele level.
 * Thresholds: "likely" at 0.95, so that confirmatory typing is expected to confirm at least 19 prospects in
 * 20 and a coordinator may treat the listing as that match pending it; "probable" at 0.60, better than even
 * odds with a margin for the frequency set's own error, worth typing but not to be counted on. These are
 * Cradle's choices (not a registry's published cut-offs) and are to be checked against the calibration
 * benchmark (issue 17's acceptance).
 */
export const CATEGORY_THRESHOLDS = { likely: 0.95, probable: 0.6 } as const;

export const MATCH_CATEGORIES = [
  "8/8 likely",
  "8/8 probable",
  "7/8 or better likely",
  "7/8 or better probable",
  "mismatched",
] as const;
export type MatchCategory = (typeof MATCH_CATEGORIES)[number];

/** `eight` is P(0, 1, … mismatches of 8). */
export function categoryOf(eight: readonly number[]): MatchCategory {
  const p0 = eight[0] ?? 0;
  const p1 = p0 + (eight[1] ?? 0);
  const { likely, probable } = CATEGORY_THRESHOLDS;
  if (p0 >= likely) return "8/8 likely";
  if (p0 >= probable) return "8/8 probable";
  if (p1 >= likely) return "7/8 or better likely";
  if (p1 >= probable) return "7/8 or better probable";
  return "mismatched";
}
