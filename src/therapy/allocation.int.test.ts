/**
 * Randomised arms on SQLite and PostgreSQL (MSC for BPD, version 2: an MSC arm and a control arm). An
 * enrolment on the randomised protocol must carry the arm its randomisation assigned, made after the
 * parents' consent and not in the future, with a reference used once; a protocol without arms takes none.
 * A baby on the control arm has no dose scheduled and no dose can be ordered for her (refused, audited).
 * Outcomes count a randomised baby from her randomisation (intention to treat), given cells or not, and
 * compare the arms within the protocol only.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, clock, hieBaby, team, treatmentConsent } from "../../test/support/therapy.js";
import { outcomesReport, recordFollowUp } from "../outcomes/index.js";
import type { Store } from "../store/connect.js";
import { orderDose } from "./orders.js";
import { registerPatient } from "./patients.js";
import { dueDoses, enrolPatient } from "./plans.js";
import { activateProtocol } from "./protocol-versions.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const DAY = 24;
const MSC = "msc-bronchopulmonary-dysplasia";

describe.each(DIALECTS)("randomised arms on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  const plans: Record<string, string> = {};

  const register = async (mrn: string) => {
    await registerPatient(
      s,
      {
        mrn,
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
    // Consent at day 5 + 1 h; randomisation may follow it, never precede it.
    await treatmentConsent(s, t, mrn, c.at(DAY * 5 + 1));
  };
  const enrol = (mrn: string, allocation?: { arm: string; reference: string; randomisedAt: string }) =>
    enrolPatient(
      s,
      { mrn, protocol: MSC, ...(allocation ? { allocation } : {}) },
      c.act(t.physician, DAY * 5 + 3),
    );
  const refusedEnrolments = async (mrn: string) =>
    (
      await sql<{
        n: number | string;
      }>`select count(*) as n from audit_event where action = 'plan.enrol.refused' and entity_id = ${mrn}`.execute(
        s.db,
      )
    ).rows.map((r) => Number(r.n))[0];

  beforeAll(async () => {
    s = store();
    t = await team(s);
    await activateProtocol(s, MSC, PASSWORD, c.act(t.physician, 1));
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
    for (const n of [1, 2, 3, 4, 5, 6]) await register(`MRN-R${n}`);
  });

  it("refuses an enrolment without an allocation, with an arm the protocol lacks, or at a wrong time, and audits each", async () => {
    await expect(enrol("MRN-R1")).rejects.toMatchObject({
      code: "ALLOCATION_INVALID",
      details: { field: "allocation" },
      message: expect.stringMatching(/randomised: give the arm .*msc or control/),
    });
    await expect(
      enrol("MRN-R1", { arm: "placebo", reference: "R-1", randomisedAt: c.iso(DAY * 5 + 2) }),
    ).rejects.toMatchObject({
      code: "ALLOCATION_INVALID",
      details: { field: "allocation.arm", value: "placebo" },
    });
    // One minute before the consent was signed.
    await expect(
      enrol("MRN-R1", { arm: "msc", reference: "R-1", randomisedAt: c.iso(DAY * 5 + 1 - 1 / 60) }),
    ).rejects.toMatchObject({
      details: { field: "allocation.randomisedAt" },
      message: expect.stringMatching(/before the treatment consent/),
    });
    // One minute after the enrolment itself: in the future.
    await expect(
      enrol("MRN-R1", { arm: "msc", reference: "R-1", randomisedAt: c.iso(DAY * 5 + 3 + 1 / 60) }),
    ).rejects.toMatchObject({ details: { field: "allocation.randomisedAt" }, message: /in the future/ });
    // Wrong types never reach the rules.
    await expect(
      enrol("MRN-R1", { arm: null, reference: "R-1", randomisedAt: c.iso(DAY * 5 + 2) } as never),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "allocation.arm" } });
    await expect(
      enrol("MRN-R1", { arm: "msc", reference: " \t", randomisedAt: c.iso(DAY * 5 + 2) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "allocation.reference" } });
    expect(await refusedEnrolments("MRN-R1")).toBe(4);
    const rows = await s.db.selectFrom("plan").select("id").where("mrn", "=", "MRN-R1").execute();
    expect(rows).toEqual([]);
  });

  it("takes no allocation on a protocol without arms", async () => {
    await registerPatient(s, hieBaby("MRN-H1", BIRTH), c.act(t.coordinator, 2));
    await treatmentConsent(s, t, "MRN-H1", c.at(3));
    await expect(
      enrolPatient(
        s,
        {
          mrn: "MRN-H1",
          protocol: "hie-autologous-cord-blood",
          allocation: { arm: "msc", reference: "R-X", randomisedAt: c.iso(4) },
        },
        c.act(t.physician, 5),
      ),
    ).rejects.toMatchObject({ details: { field: "allocation" }, message: /is not randomised/ });
  });

  it("records the arm: the MSC arm has its dose, the control arm none", async () => {
    const msc = await enrol("MRN-R1", { arm: "msc", reference: " R-1 ", randomisedAt: c.iso(DAY * 5 + 2) });
    expect(msc.allocation).toEqual({
      arm: "msc",
      title: "MSCs, 1×10^7 cells/kg intratracheally",
      receivesCells: true,
      reference: "R-1",
      randomisedAt: c.iso(DAY * 5 + 2),
    });
    expect(msc.doses.map((d) => d.number)).toEqual([1]);
    const control = await enrol("MRN-R2", {
      arm: "control",
      reference: "R-2",
      randomisedAt: c.iso(DAY * 5 + 2),
    });
    expect(control.allocation).toMatchObject({ arm: "control", receivesCells: false });
    expect(control.doses).toEqual([]);
    const due = await dueDoses(s, c.act(t.nurse, DAY * 6), { horizonHours: 24 * 14 });
    expect(due.map((d) => d.mrn)).toContain("MRN-R1");
    expect(due.map((d) => d.mrn)).not.toContain("MRN-R2");
    plans.R1 = msc.id;
    plans.R2 = control.id;
  });

  it("refuses a reference already used for another baby", async () => {
    await expect(
      enrol("MRN-R3", { arm: "msc", reference: "R-2", randomisedAt: c.iso(DAY * 5 + 2) }),
    ).rejects.toMatchObject({
      details: { field: "allocation.reference", value: "R-2" },
      message: expect.stringMatching(/already recorded for MRN-R2/),
    });
  });

  it("refuses any dose order for the control arm, before any product is looked up, and audits it", async () => {
    await expect(
      orderDose(
        s,
        { planId: plans.R2 as string, doseNumber: 1, din: "G123426000001" },
        c.act(t.physician, DAY * 6),
      ),
    ).rejects.toMatchObject({ code: "ARM_RECEIVES_NO_CELLS", message: /control arm .*receives no cells/ });
    const audit = await s.db
      .selectFrom("auditEvent")
      .select("action")
      .where("action", "=", "dose.order.refused")
      .execute();
    expect(audit.length).toBe(1);
    expect(await s.db.selectFrom("doseOrder").select("id").execute()).toEqual([]);
  });

  it("counts both arms from randomisation, and tests them only within the protocol", async () => {
    for (const [n, arm] of [
      [3, "msc"],
      [4, "msc"],
      [5, "control"],
      [6, "control"],
    ] as const) {
      plans[`R${n}`] = (
        await enrol(`MRN-R${n}`, { arm, reference: `R-${n}`, randomisedAt: c.iso(DAY * 5 + 2) })
      ).id;
    }
    // Seen alive at the day+28 visit: 28 days after birth and 1 hour.
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await recordFollowUp(
        s,
        {
          planId: plans[`R${n}`] as string,
          visit: "day+28",
          form: "vital-status",
          observedAt: c.iso(DAY * 28 + 1),
          data: { alive: true },
        },
        c.act(t.physician, DAY * 28 + 2),
      );
    }
    const report = await outcomesReport(s, c.act(t.physician, DAY * 30), { protocol: MSC, groupBy: "arm" });
    expect(Object.keys(report.survival.groups).sort()).toEqual(["arm control", "arm msc"]);
    expect(report.comparison.survival.groups).toEqual([
      { group: "arm control", subjects: 3, events: 0 },
      { group: "arm msc", subjects: 3, events: 0 },
    ]);
    // Nobody died: no test, and the reason says so.
    expect(report.comparison.survival.result).toBeNull();
    // The curve's last time: whole days from the randomisation (day 5 + 2 h) to day 28 + 1 h, 22 days,
    // for the control babies as for the treated ones, though none of them was given cells.
    const last = (g: string) => report.survival.groups[g]?.at(-1)?.time;
    expect(last("arm control")).toBe(22);
    expect(last("arm msc")).toBe(22);
    const across = await outcomesReport(s, c.act(t.physician, DAY * 30), { groupBy: "arm" });
    expect(across.comparison.survival.reason).toMatch(/within one randomised protocol/);
  });
});
