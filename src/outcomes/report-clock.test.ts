/**
 * The expedited report's clock from 21 CFR 312.32's days (7 for fatal or life-threatening, 15 otherwise,
 * from when the program learned of the event): due up to the due time, overdue from the next instant,
 * submitted with the days late.
 */
import { describe, expect, it } from "vitest";
import { expeditedReport } from "./adverse-events.js";
import { reportClock } from "./report-clock.js";

const AWARE = "2026-03-01T10:00:00.000Z";
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(AWARE) + days * DAY);

describe("the expedited report's clock", () => {
  const life = expeditedReport({
    serious: true,
    expected: false,
    attribution: "possible",
    grade: 4,
    awareAt: AWARE,
  });
  const other = expeditedReport({
    serious: true,
    expected: false,
    attribution: "probable",
    grade: 3,
    awareAt: AWARE,
  });
  const open = (r: typeof life) => ({ ...r, reportedAt: null });

  it("counts 7 days for grade 4 and 15 for grade 3 from awareness", () => {
    expect(life.reportDueAt).toBe("2026-03-08T10:00:00.000Z");
    expect(other.reportDueAt).toBe("2026-03-16T10:00:00.000Z");
  });

  it("is due with whole days left up to the due time, overdue from just after it", () => {
    expect(reportClock(open(life), at(0))).toEqual({ state: "due", days: 7 });
    expect(reportClock(open(life), at(6.5))).toEqual({ state: "due", days: 0 });
    expect(reportClock(open(life), at(7))).toEqual({ state: "due", days: 0 });
    expect(reportClock(open(life), new Date(at(7).getTime() + 1))).toEqual({ state: "overdue", days: 1 });
    expect(reportClock(open(life), at(8))).toEqual({ state: "overdue", days: 1 });
    // Due seven months ago: overdue by the days since (2026-03-08 to 2026-10-08 is 214 days).
    expect(reportClock(open(life), new Date("2026-10-08T10:00:00.000Z"))).toEqual({
      state: "overdue",
      days: 214,
    });
  });

  it("is submitted with the days late, 0 when on time; not required when not expedited", () => {
    expect(reportClock({ ...life, reportedAt: at(3).toISOString() }, at(30))).toEqual({
      state: "submitted",
      days: 0,
    });
    expect(reportClock({ ...life, reportedAt: at(9.5).toISOString() }, at(30))).toEqual({
      state: "submitted",
      days: 3,
    });
    const none = expeditedReport({
      serious: false,
      expected: false,
      attribution: "definite",
      grade: 3,
      awareAt: AWARE,
    });
    expect(reportClock({ ...none, reportedAt: null }, at(30))).toEqual({ state: "not-required", days: null });
  });
});
