/**
 * Engraftment and graft failure from daily counts, by CIBMTR's definitions (FIELD-FACTS.md):
 * - neutrophils: the first of three consecutive values on different days with ANC ≥ 0.5×10^9/L, counted
 *   only after the post-transplant nadir;
 * - platelets: the first of three consecutive values on different days ≥ 20×10^9/L after the nadir, with
 *   no platelet transfusion in the 7 days before the first of them nor on the three days (a transfused
 *   count is supported, not the graft's);
 * - primary graft failure: no neutrophil engraftment by day +42 for cord blood, +30 otherwise.
 * Days are counted from day 0 (the infusion). Pure functions: the caller passes every value.
 */

export interface Count {
  /** Day relative to day 0. */
  day: number;
  /** ×10^9/L. */
  value: number;
}

export const ANC_THRESHOLD = 0.5;
export const PLATELET_THRESHOLD = 20;

/** One value per day, the lowest of the day's when several were drawn (a recovery is never overstated). */
function daily(counts: readonly Count[]): Count[] {
  const byDay = new Map<number, number>();
  for (const c of counts) {
    if (!Number.isInteger(c.day) || !Number.isFinite(c.value) || c.value < 0) {
      throw new RangeError(`count on day ${c.day}: ${c.value} is not a count (×10^9/L) on a whole day`);
    }
    byDay.set(c.day, Math.min(byDay.get(c.day) ?? Number.POSITIVE_INFINITY, c.value));
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, value]) => ({ day, value }));
}

/** The nadir: the lowest value from day 0 on; of equal lows, the last (recovery is counted after it). */
export function nadir(counts: readonly Count[]): Count | undefined {
  let low: Count | undefined;
  for (const c of daily(counts)) {
    if (c.day < 0) continue;
    if (!low || c.value <= low.value) low = c;
  }
  return low;
}

function firstOfThree(
  counts: readonly Count[],
  threshold: number,
  eligible: (run: Count[]) => boolean = () => true,
): number | null {
  const low = nadir(counts);
  if (!low) return null;
  const after = daily(counts).filter((c) => c.day > low.day);
  for (let i = 0; i + 2 < after.length; i++) {
    const run = after.slice(i, i + 3);
    if (run.every((c) => c.value >= threshold) && eligible(run)) return (run[0] as Count).day;
  }
  return null;
}

/** The day of neutrophil engraftment, or null when not (yet) engrafted. */
export function neutrophilEngraftment(anc: readonly Count[]): number | null {
  return firstOfThree(anc, ANC_THRESHOLD);
}

/** The day of platelet engraftment, or null; `transfusionDays` are the days platelets were transfused. */
export function plateletEngraftment(
  platelets: readonly Count[],
  transfusionDays: readonly number[],
): number | null {
  return firstOfThree(platelets, PLATELET_THRESHOLD, (run) => {
    const first = (run[0] as Count).day;
    const last = (run[2] as Count).day;
    return !transfusionDays.some((t) => t >= first - 7 && t <= last);
  });
}

export type GraftSource = "cord-blood" | "bone-marrow" | "peripheral-blood";

export type GraftOutcome =
  | { state: "engrafted"; day: number }
  | { state: "primary-graft-failure"; byDay: number }
  | { state: "not-evaluable"; reason: string };

/** Primary graft failure: no neutrophil engraftment by day +42 (cord blood) or +30, with follow-up that long. */
export function graftOutcome(
  anc: readonly Count[],
  source: GraftSource,
  followUp: { lastDay: number; diedOnDay?: number },
): GraftOutcome {
  const cutoff = source === "cord-blood" ? 42 : 30;
  const day = neutrophilEngraftment(anc);
  if (day !== null && day <= cutoff) return { state: "engrafted", day };
  if (followUp.diedOnDay !== undefined && followUp.diedOnDay < cutoff && day === null) {
    return {
      state: "not-evaluable",
      reason: `died on day +${followUp.diedOnDay}, before day +${cutoff}, without engraftment`,
    };
  }
  if (day !== null) return { state: "primary-graft-failure", byDay: cutoff };
  if (followUp.lastDay < cutoff) {
    return {
      state: "not-evaluable",
      reason: `followed to day +${followUp.lastDay}; graft failure is judged at day +${cutoff}`,
    };
  }
  return { state: "primary-graft-failure", byDay: cutoff };
}
