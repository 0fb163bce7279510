/**
 * Jensen et al. 2019 (Am J Respir Crit Care Med 200:751): the BPD grade is the support at 36 weeks PMA —
 * none: no BPD; nasal cannula ≤ 2 L/min: 1; > 2 L/min or non-invasive positive pressure: 2; invasive
 * ventilation: 3. The expected grades are the paper's table, not Cradle's.
 */
import { describe, expect, it } from "vitest";
import { BPD_SUPPORTS, jensenBpdGrade, pmaDays, weeksAndDays } from "./bpd.js";
import { checkForm } from "./forms.js";

const JENSEN_2019 = {
  none: "no-bpd",
  "nasal-cannula-up-to-2-l-min": "grade-1",
  "nasal-cannula-over-2-l-min": "grade-2",
  "non-invasive-positive-pressure": "grade-2",
  "invasive-ventilation": "grade-3",
} as const;

describe("BPD grade at 36 weeks PMA (Jensen 2019)", () => {
  it("grades each mode of support as the paper does, every boundary", () => {
    for (const support of BPD_SUPPORTS) expect(jensenBpdGrade(support)).toBe(JENSEN_2019[support]);
  });

  it("accepts the derived grade and refuses any other, naming the field and the derived grade", () => {
    for (const [support, grade] of Object.entries(JENSEN_2019)) {
      expect(checkForm("bpd", { support, grade })).toEqual({ support, grade });
      for (const other of ["no-bpd", "grade-1", "grade-2", "grade-3"].filter((g) => g !== grade)) {
        expect(() => checkForm("bpd", { support, grade: other })).toThrow(
          expect.objectContaining({
            details: expect.objectContaining({ field: "data.grade", derived: grade }),
          }),
        );
      }
    }
  });

  it("refuses a support or grade outside the lists", () => {
    expect(() => checkForm("bpd", { support: "oxygen", grade: "grade-1" })).toThrow(/data.support/);
    expect(() => checkForm("bpd", { support: "none", grade: "0" })).toThrow(/data.grade/);
  });

  it("counts PMA as gestational age plus whole days of life", () => {
    const born = { birthAt: "2026-01-10T04:00:00+01:00", gestationalWeeks: 25, gestationalDays: 3 };
    // 25+3 is 178 days; 36+0 is 252 days, 74 days of life later.
    expect(pmaDays(born, "2026-03-25T03:00:00.000Z")).toBe(252);
    expect(pmaDays(born, "2026-03-25T02:59:59.000Z")).toBe(251);
    expect(weeksAndDays(252)).toBe("36+0");
    expect(weeksAndDays(259)).toBe("37+0");
  });
});
