/**
 * The regulatory clocks, pure: a due date is a UTC calendar date N days after the day of learning (day 0);
 * the report is due through that whole day and overdue from the next day on; a submitted report stops it.
 */
import type { ClockState } from "./constants.js";

/** The UTC calendar day of an instant. */
export function utcDay(at: Date | string): string {
  return (typeof at === "string" ? new Date(at) : at).toISOString().slice(0, 10);
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The due date of a clock of `days` started by an event learned of at `learnedAt`. */
export function dueDate(learnedAt: string, days: number): string {
  return addDays(utcDay(learnedAt), days);
}

/** Where a clock stands at `now`. */
export function clockState(due: string, submittedAt: string | null, now: Date): ClockState {
  if (submittedAt !== null) return "submitted";
  return utcDay(now) > due ? "overdue" : "due";
}
