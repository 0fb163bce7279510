/** Engraftment, graft failure and MAGIC grades against CIBMTR's and MAGIC's worked definitions. */
import { describe, expect, it } from "vitest";
import { graftOutcome, nadir, neutrophilEngraftment, plateletEngraftment } from "./engraftment.js";
import { acuteGvhdGrade, liverStage, lowerGiStage, skinStage } from "./gvhd.js";

const series = (values: number[], from = 0) => values.map((value, i) => ({ day: from + i, value }));

describe("platelet engraftment", () => {
  it("CIBMTR's example: day 7, not day 1 — the three values at day 1–3 come before the nadir on day 4", () => {
    const platelets = series([10, 35, 30, 25, 10, 15, 19, 23, 25, 40, 50]);
    expect(nadir(platelets)).toEqual({ day: 4, value: 10 });
    expect(plateletEngraftment(platelets, [])).toBe(7);
  });

  it("waits until 7 days after the last platelet transfusion", () => {
    const platelets = series([10, 35, 30, 25, 10, 15, 19, 23, 25, 40, 50, 45, 48, 52, 60, 61, 63, 64, 65]);
    // Transfused on day 5: days 7–12 have it in the 7 days before; day 13 is the first unsupported start.
    expect(plateletEngraftment(platelets, [5])).toBe(13);
    // A transfusion on one of the three days supports that value too: day 8's transfusion rules out every
    // start up to day 15 (its 7 days before, or the run itself, hold day 8).
    expect(plateletEngraftment(platelets, [8])).toBe(16);
    expect(plateletEngraftment(platelets.slice(0, 18), [8])).toBeNull();
  });

  it("is not reached without three values at or above 20", () => {
    expect(plateletEngraftment(series([8, 12, 21, 25, 19, 22]), [])).toBeNull();
  });
});

describe("neutrophil engraftment and graft failure", () => {
  const anc = [
    { day: 0, value: 1.2 },
    { day: 3, value: 0.1 },
    { day: 7, value: 0.0 },
    { day: 14, value: 0.2 },
    { day: 18, value: 0.5 },
    { day: 19, value: 0.45 },
    { day: 20, value: 0.6 },
    { day: 21, value: 0.8 },
    { day: 22, value: 1.1 },
  ];

  it("is the first of three consecutive values ≥ 0.5 after the nadir, on different days", () => {
    // Day 0's 1.2 is before the nadir (day 7); day 18's 0.5 is followed by 0.45: day 20.
    expect(neutrophilEngraftment(anc)).toBe(20);
    // Two draws on day 19, one below: the day counts as its lowest.
    expect(neutrophilEngraftment([...anc, { day: 19, value: 0.7 }])).toBe(20);
  });

  it("calls primary graft failure at day +42 for cord blood and +30 otherwise", () => {
    const late = anc.map((c) => (c.day >= 18 ? { ...c, day: c.day + 18 } : c)); // engrafts on day 38
    expect(graftOutcome(late, "cord-blood", { lastDay: 100 })).toEqual({ state: "engrafted", day: 38 });
    expect(graftOutcome(late, "bone-marrow", { lastDay: 100 })).toEqual({
      state: "primary-graft-failure",
      byDay: 30,
    });
    const none = anc.slice(0, 4);
    expect(graftOutcome(none, "cord-blood", { lastDay: 35 }).state).toBe("not-evaluable");
    expect(graftOutcome(none, "cord-blood", { lastDay: 42 })).toEqual({
      state: "primary-graft-failure",
      byDay: 42,
    });
    expect(graftOutcome(none, "cord-blood", { lastDay: 20, diedOnDay: 20 }).state).toBe("not-evaluable");
  });
});

describe("acute GVHD (MAGIC)", () => {
  it("stages organs from measurements, children's stool per kg", () => {
    expect([0, 10, 25, 50, 51].map((x) => skinStage(x))).toEqual([0, 1, 2, 2, 3]);
    expect(skinStage(60, true)).toBe(4);
    expect([2, 2.1, 3, 3.1, 6, 6.1, 15, 15.1].map(liverStage)).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
    // A 4 kg infant: 36 mL/day = 9 mL/kg (0), 40 = 10 mL/kg (1), 80 = 20 (2), 124 = 31 (3).
    expect([36, 40, 80, 124].map((ml) => lowerGiStage({ mlPerDay: ml, weightKg: 4 }))).toEqual([0, 1, 2, 3]);
    // Over 50 kg: adult volumes.
    expect([499, 500, 1000, 1501].map((ml) => lowerGiStage({ mlPerDay: ml, weightKg: 70 }))).toEqual([
      0, 1, 2, 3,
    ]);
    expect(lowerGiStage({ mlPerDay: 0, weightKg: 4 }, true)).toBe(4);
  });

  it("grades overall from the stages", () => {
    expect(acuteGvhdGrade({ skin: 0, liver: 0, upperGi: 0, lowerGi: 0 })).toBe(0);
    expect(acuteGvhdGrade({ skin: 2, liver: 0, upperGi: 0, lowerGi: 0 })).toBe(1);
    expect(acuteGvhdGrade({ skin: 3, liver: 0, upperGi: 0, lowerGi: 0 })).toBe(2);
    expect(acuteGvhdGrade({ skin: 1, liver: 0, upperGi: 1, lowerGi: 0 })).toBe(2);
    expect(acuteGvhdGrade({ skin: 0, liver: 0, upperGi: 0, lowerGi: 1 })).toBe(2);
    expect(acuteGvhdGrade({ skin: 3, liver: 2, upperGi: 1, lowerGi: 0 })).toBe(3);
    expect(acuteGvhdGrade({ skin: 0, liver: 0, upperGi: 0, lowerGi: 3 })).toBe(3);
    expect(acuteGvhdGrade({ skin: 4, liver: 0, upperGi: 0, lowerGi: 0 })).toBe(4);
    expect(acuteGvhdGrade({ skin: 1, liver: 4, upperGi: 1, lowerGi: 2 })).toBe(4);
  });
});
