/**
 * The BPD grade at 36 weeks PMA on SQLite and PostgreSQL: a baby born at 25+3 (178 days) reaches 36+0 on
 * day 74 of life; the assessment is accepted from 35+0 (day 67) to 37+0 (day 81), refused on day 66 and
 * day 82 naming the PMA and the target; every Jensen 2019 grade is stored, a mismatched one refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, clock, team, treatmentConsent } from "../../test/support/therapy.js";
import type { Store } from "../store/connect.js";
import { activateProtocol, enrolPatient, registerPatient } from "../therapy/index.js";
import { planFollowUp, recordFollowUp } from "./index.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const DAY = 24;

describe.each(DIALECTS)("BPD at 36 weeks PMA on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  let planId: string;
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await activateProtocol(s, "msc-bronchopulmonary-dysplasia", PASSWORD, c.act(t.physician, 1));
    await registerPatient(
      s,
      {
        mrn: "MRN-BPD1",
        givenName: "Baby",
        familyName: "Nakamura",
        birth: BIRTH,
        sex: "female",
        gestationalWeeks: 25,
        gestationalDays: 3,
        birthWeightGrams: 780,
        icd10: "P27.1",
        indication: "complication-of-prematurity",
        diagnosis: "Evolving bronchopulmonary dysplasia, ventilator dependent",
        respiratorySupport: "mechanical-ventilation",
      },
      c.act(t.coordinator, DAY * 5),
    );
    await treatmentConsent(s, t, "MRN-BPD1", c.at(DAY * 5 + 1));
    planId = (
      await enrolPatient(
        s,
        {
          mrn: "MRN-BPD1",
          protocol: "msc-bronchopulmonary-dysplasia",
          allocation: { arm: "msc", reference: "R-001", randomisedAt: c.iso(DAY * 5 + 1.5) },
        },
        c.act(t.physician, DAY * 5 + 2),
      )
    ).id;
  });

  const bpd = (day: number, support: string, grade: string) =>
    recordFollowUp(
      s,
      {
        planId,
        visit: "pma-36-weeks",
        form: "bpd",
        observedAt: c.iso(DAY * day + 1),
        data: { support, grade },
      },
      c.act(t.physician, DAY * 120),
    );

  it("places the visit at 36+0 for this baby: day 74 ± 7", async () => {
    const { visits } = await planFollowUp(s, planId, c.act(t.nurse, DAY * 60));
    expect(visits.find((v) => v.visit === "pma-36-weeks")).toMatchObject({
      day: 74,
      tolerance: 7,
      forms: ["bpd", "vital-status"],
    });
  });

  it("accepts 35+0 and 37+0 with every grade, refuses 34+6 and 37+1 naming both ages", async () => {
    expect((await bpd(67, "none", "no-bpd")).data).toEqual({ support: "none", grade: "no-bpd" });
    expect((await bpd(74, "nasal-cannula-up-to-2-l-min", "grade-1")).data.grade).toBe("grade-1");
    expect((await bpd(74, "nasal-cannula-over-2-l-min", "grade-2")).data.grade).toBe("grade-2");
    expect((await bpd(74, "non-invasive-positive-pressure", "grade-2")).data.grade).toBe("grade-2");
    expect((await bpd(81, "invasive-ventilation", "grade-3")).data.grade).toBe("grade-3");
    await expect(bpd(66, "none", "no-bpd")).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "observedAt" },
      message: expect.stringMatching(/34\+6 weeks postmenstrual age \(born at 25\+3.*8 days before 36\+0/),
    });
    await expect(bpd(82, "none", "no-bpd")).rejects.toMatchObject({
      details: { field: "observedAt" },
      message: expect.stringMatching(/37\+1 weeks postmenstrual age.*8 days after 36\+0/),
    });
  });

  it("refuses a grade that is not the support's, and stores nothing", async () => {
    const before = (await planFollowUp(s, planId, c.act(t.nurse, DAY * 120))).forms.length;
    await expect(bpd(74, "non-invasive-positive-pressure", "grade-3")).rejects.toMatchObject({
      details: { field: "data.grade", value: "grade-3", derived: "grade-2" },
    });
    expect((await planFollowUp(s, planId, c.act(t.nurse, DAY * 120))).forms.length).toBe(before);
  });
});
