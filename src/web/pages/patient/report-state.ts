/** The expedited report's clock as words (the server computes the state and days: report-clock.ts). */
import type { AdverseEventView, ReportClock } from "../../../outcomes/schemas";
import { day } from "../../components";

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

export function reportText(
  e: Pick<AdverseEventView, "reportDueAt" | "reportedAt" | "reportReference" | "reportedBy">,
  clock: ReportClock,
): string {
  switch (clock.state) {
    case "not-required":
      return "—";
    case "due":
      return `due ${day(e.reportDueAt)} (${days(clock.days ?? 0)} left)`;
    case "overdue":
      return `overdue by ${days(clock.days ?? 0)} (due ${day(e.reportDueAt)})`;
    case "submitted":
      return `submitted ${day(e.reportedAt)}, ${e.reportReference ?? "no reference"}, by ${e.reportedBy ?? "—"}${clock.days ? ` (${days(clock.days)} late)` : ""}`;
  }
}
