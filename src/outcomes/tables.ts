/** The outcomes report's tables as CSV, each as a user downloads it from the outcomes page (csv-numbers.ts). */
import { stringify } from "csv-stringify/sync";
import { cell, p4, sig4 } from "./csv-numbers.js";
import type { ReportTable } from "./formats.js";
import type { OutcomesReport } from "./report-schemas.js";

export function reportCsv(report: OutcomesReport, table: ReportTable): string {
  if (table === "survival") {
    return stringify(
      Object.entries(report.survival.groups).flatMap(([group, steps]) =>
        steps.map((s) => ({
          group,
          time_days: s.time,
          n_risk: s.nRisk,
          n_event: s.nEvent,
          n_censor: s.nCensor,
          survival: p4(s.survival),
          std_err: cell(s.stdErr, p4),
          lower: cell(s.lower, p4),
          upper: cell(s.upper, p4),
        })),
      ),
      {
        header: true,
        columns: [
          "group",
          "time_days",
          "n_risk",
          "n_event",
          "n_censor",
          "survival",
          "std_err",
          "lower",
          "upper",
        ],
      },
    );
  }
  if (table === "engraftment") {
    return stringify(
      report.engraftment.flatMap((c) =>
        c.points.map((p) => ({
          group: c.group,
          day: p.time,
          cumulative_incidence: p4(p.estimate),
          variance: sig4(p.variance),
        })),
      ),
      { header: true, columns: ["group", "day", "cumulative_incidence", "variance"] },
    );
  }
  return stringify(
    report.adverseEvents.map((r) => ({
      term: r.term,
      grade_1: r.grades[0],
      grade_2: r.grades[1],
      grade_3: r.grades[2],
      grade_4: r.grades[3],
      grade_5: r.grades[4],
      serious: r.serious,
    })),
    { header: true, columns: ["term", "grade_1", "grade_2", "grade_3", "grade_4", "grade_5", "serious"] },
  );
}
