/**
 * The expedited report's clock (21 CFR 312.32, due dates from expeditedReport): not required, due (with the
 * whole days left), overdue (with the whole days past the due time), or submitted (with the days it was
 * late, 0 when on time). Pure: the reader's clock is passed in.
 */
import type { AdverseEvent, ReportClock } from "./schemas.js";

const DAY = 86_400_000;

export function reportClock(
  e: Pick<AdverseEvent, "expedited" | "reportDueAt" | "reportedAt">,
  now: Date,
): ReportClock {
  if (!e.expedited || e.reportDueAt === null) return { state: "not-required", days: null };
  const due = Date.parse(e.reportDueAt);
  if (e.reportedAt !== null) {
    return { state: "submitted", days: Math.max(0, Math.ceil((Date.parse(e.reportedAt) - due) / DAY)) };
  }
  const t = now.getTime();
  // A report due in 2.1 days has 2 whole days left; one 0.1 day past due is 1 day overdue.
  return t <= due
    ? { state: "due", days: Math.floor((due - t) / DAY) }
    : { state: "overdue", days: Math.ceil((t - due) / DAY) };
}
