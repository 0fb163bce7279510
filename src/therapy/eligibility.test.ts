/** Each protocol's eligibility rules, at their edges, with every failure reported with its reason. */
import { describe, expect, it } from "vitest";
import { type Infant, evaluateEligibility } from "./eligibility.js";

const birth = new Date("2026-03-01T04:30:00Z");
const hours = (h: number) => new Date(birth.getTime() + h * 3_600_000);
const hieBaby: Infant = {
  birth,
  gestationalWeeks: 39,
  gestationalDays: 2,
  birthWeightGrams: 3400,
  indication: "neonatal-brain-injury",
  icd10: "P91.6",
  cordBloodCollectedMl: 62,
};

const failing = (r: { results: { rule: string; passed: boolean }[] }) =>
  r.results.filter((x) => !x.passed).map((x) => x.rule);

describe("HIE eligibility", () => {
  it("admits a term baby at 6 hours of age", () => {
    expect(evaluateEligibility("hie-autologous-cord-blood", hieBaby, hours(6)).eligible).toBe(true);
  });

  it("holds the edges: 35+0 weeks, 1800 g and 40 mL pass; a day, a gram or a millilitre less fail", () => {
    const edge = {
      ...hieBaby,
      gestationalWeeks: 35,
      gestationalDays: 0,
      birthWeightGrams: 1800,
      cordBloodCollectedMl: 40,
    };
    expect(evaluateEligibility("hie-autologous-cord-blood", edge, hours(6)).eligible).toBe(true);
    const under = {
      ...hieBaby,
      gestationalWeeks: 34,
      gestationalDays: 6,
      birthWeightGrams: 1799,
      cordBloodCollectedMl: 39.9,
    };
    const r = evaluateEligibility("hie-autologous-cord-blood", under, hours(6));
    expect(failing(r)).toEqual(["gestational-age", "birth-weight", "cord-blood-volume"]);
    expect(r.results.find((x) => x.rule === "gestational-age")?.reason).toBe(
      "born at 34+6 weeks; at least 35+0 weeks",
    );
  });

  it("closes at 48 hours of age", () => {
    expect(failing(evaluateEligibility("hie-autologous-cord-blood", hieBaby, hours(47.99)))).toEqual([]);
    expect(failing(evaluateEligibility("hie-autologous-cord-blood", hieBaby, hours(48)))).toEqual([
      "first-dose-window",
    ]);
  });

  it("reports a missing collection and the wrong indication", () => {
    const r = evaluateEligibility(
      "hie-autologous-cord-blood",
      { ...hieBaby, cordBloodCollectedMl: undefined, indication: "genetic-disorder" },
      hours(1),
    );
    expect(failing(r)).toEqual(["indication", "cord-blood-volume"]);
    expect(r.results.find((x) => x.rule === "cord-blood-volume")?.reason).toBe(
      "no cord blood collection recorded",
    );
  });
});

describe("BPD and transplant eligibility", () => {
  const preterm: Infant = {
    birth,
    gestationalWeeks: 25,
    gestationalDays: 3,
    birthWeightGrams: 720,
    indication: "complication-of-prematurity",
    icd10: "P27.1",
    respiratorySupport: "mechanical-ventilation",
  };

  it("admits a ventilated 25-week infant on days 5 to 14, not on day 4 or after day 14", () => {
    expect(evaluateEligibility("msc-bronchopulmonary-dysplasia", preterm, hours(5 * 24)).eligible).toBe(true);
    expect(
      failing(evaluateEligibility("msc-bronchopulmonary-dysplasia", preterm, hours(4 * 24 + 23))),
    ).toEqual(["day-of-life"]);
    expect(
      failing(evaluateEligibility("msc-bronchopulmonary-dysplasia", preterm, hours(14 * 24 + 1))),
    ).toEqual(["day-of-life"]);
    expect(
      failing(
        evaluateEligibility(
          "msc-bronchopulmonary-dysplasia",
          { ...preterm, gestationalWeeks: 29, gestationalDays: 0, respiratorySupport: "cpap" },
          hours(6 * 24),
        ),
      ),
    ).toEqual(["gestational-age", "respiratory-support"]);
  });

  it("takes a transplant for an inherited disorder (Krabbe) and refuses a bad ICD-10 code", () => {
    const krabbe: Infant = { ...hieBaby, indication: "genetic-disorder", icd10: "E75.23" };
    expect(evaluateEligibility("allogeneic-cord-blood-transplant", krabbe, hours(24 * 20)).eligible).toBe(
      true,
    );
    expect(() =>
      evaluateEligibility("allogeneic-cord-blood-transplant", { ...krabbe, icd10: "Krabbe" }, hours(1)),
    ).toThrow(/icd10 "Krabbe"/);
    expect(() => evaluateEligibility("hie", krabbe, hours(1))).toThrow(/not one of/);
  });
});
