/**
 * Bad input to every therapy service that takes it, on SQLite and PostgreSQL: refused as INVALID_INPUT
 * naming the field, with no coercion (an MRN true, a null weight, a true volume), and nothing written: no
 * row in therapy's tables and no audit event. Reads are checked by role in the service itself.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, clock, hieBaby, registerHieBaby, team } from "../../test/support/therapy.js";
import { createUser } from "../accounts/users.js";
import type { Store } from "../store/connect.js";
import { verifyBedside } from "./bedside.js";
import { recordInfusion } from "./infusions.js";
import { orderDose } from "./orders.js";
import { listPatients, patientEligibility, readPatient, recordWeight, registerPatient } from "./patients.js";
import { dueDoses, enrolPatient, recordMissedDose, withdrawPlan } from "./plans.js";
import { activateProtocol, listProtocols } from "./protocol-versions.js";
import { patientRecord, planRecord } from "./record.js";

const BIRTH = "2026-05-04T03:10:00+02:00";
const c = clock(BIRTH);
const PLAN = "7d5a0a3e-3c3a-4c61-9d0f-2b1f4f6f0a11";
const vitals = { heartRate: 140, respiratoryRate: 45, spo2: 97, temperatureC: 36.8 };
const TABLES = [
  "patient",
  "patientWeight",
  "plan",
  "planDose",
  "doseOrder",
  "bedsideCheck",
  "infusion",
] as const;

describe.each(DIALECTS)("therapy refuses bad input on %s", (dialect) => {
  const store = useStore(dialect);
  let s: Store;
  let t: Team;
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await registerHieBaby(s, t, c, "MRN-7001", BIRTH);
  });

  /** Rows of therapy's tables and audit events: what a refusal must leave as it was. */
  const written = async () => {
    const counts: number[] = [];
    for (const table of [...TABLES, "auditEvent" as const]) {
      const r = await s.db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      counts.push(Number(r.n));
    }
    return counts;
  };

  /** Refused as INVALID_INPUT naming the field, and nothing written. */
  const refused = async (p: () => Promise<unknown>, field: string, reason?: RegExp) => {
    const before = await written();
    const e = await expectCode(p(), "INVALID_INPUT");
    expect(e.details.field, e.message).toBe(field);
    expect(e.message).toContain(field);
    if (reason) expect(e.message).toMatch(reason);
    expect(await written(), `${field}: nothing written`).toEqual(before);
    return e;
  };

  it("refuses a patient's identity of the wrong type, out of range or unknown, naming the field", async () => {
    const baby = (over: Record<string, unknown>) => ({ ...hieBaby("MRN-7100", BIRTH), ...over });
    const register = (over: Record<string, unknown>) => () =>
      registerPatient(s, baby(over) as never, c.act(t.coordinator, 1));
    // No coercion: true is not the MRN "TRUE", null is not 0 g, "38" is not 38 weeks.
    await refused(register({ mrn: true }), "mrn", /must be text/);
    await refused(register({ birthWeightGrams: null }), "birthWeightGrams", /finite number/);
    await refused(register({ gestationalWeeks: "38" }), "gestationalWeeks", /whole number/);
    await refused(register({ cordBloodCollectedMl: true }), "cordBloodCollectedMl");
    // Enums are own values: prototype names are not sexes or indications.
    await refused(register({ sex: "toString" }), "sex", /female, male, undetermined/);
    await refused(register({ indication: "__proto__" }), "indication");
    await refused(register({ respiratorySupport: "constructor" }), "respiratorySupport");
    // Physiological bounds: 20 to 44 completed weeks, 0 to 6 days, 300 to 7000 g at birth.
    await refused(register({ gestationalWeeks: 19 }), "gestationalWeeks", /minimum 20/);
    await refused(register({ gestationalWeeks: 45 }), "gestationalWeeks", /maximum 44/);
    await refused(register({ gestationalDays: 7 }), "gestationalDays");
    await refused(register({ gestationalDays: 2.5 }), "gestationalDays");
    await refused(register({ birthWeightGrams: 299 }), "birthWeightGrams", /minimum 300/);
    await refused(register({ birthWeightGrams: 7001 }), "birthWeightGrams", /maximum 7000/);
    await refused(register({ cordBloodCollectedMl: -1 }), "cordBloodCollectedMl");
    await refused(register({ antibodies: [{ specificity: "A2", mfi: -5 }] }), "antibodies.0.mfi");
    // Text is bounded and has no control characters; a name is more than spaces.
    await refused(register({ givenName: "x".repeat(1_000_000) }), "givenName", /longer than 200/);
    await refused(register({ diagnosis: "HIE\u0000" }), "diagnosis", /control character/);
    await refused(register({ familyName: "   " }), "familyName");
    await refused(register({ icd10: "HIE" }), "icd10", /ICD-10/);
    // Times strictly: 30 February does not roll over to 2 March; a time needs its zone.
    await refused(register({ birth: "2026-02-30T10:00:00Z" }), "birth");
    await refused(register({ birth: "2026-05-04T03:10:00" }), "birth");
    await refused(register({ nickname: "Bub" }), "nickname", /not a known field/);
    await refused(register({ motherMrn: "M 1" }), "motherMrn", /medical record number/);
    // At the edges, a patient is registered: 300 g at 20+0 weeks is a valid (if extreme) record.
    const edge = await registerPatient(
      s,
      hieBaby("mrn-7101", BIRTH, { gestationalWeeks: 20, gestationalDays: 0, birthWeightGrams: 300 }),
      c.act(t.coordinator, 1),
    );
    expect(edge.mrn).toBe("MRN-7101");
  });

  it("refuses bad weights, plans, orders, checks and infusions before reading or writing anything", async () => {
    const mrn = "MRN-7001";
    await refused(
      () => recordWeight(s, mrn, { grams: null, measuredAt: c.iso(5) } as never, c.act(t.nurse, 6)),
      "grams",
    );
    await refused(
      () => recordWeight(s, mrn, { grams: 150_001, measuredAt: c.iso(5) }, c.act(t.nurse, 6)),
      "grams",
    );
    await refused(
      () => recordWeight(s, true as never, { grams: 3100, measuredAt: c.iso(5) }, c.act(t.nurse, 6)),
      "mrn",
    );
    await refused(
      () => enrolPatient(s, { mrn, protocol: "toString" } as never, c.act(t.physician, 6)),
      "protocol",
    );
    await refused(
      () =>
        enrolPatient(
          s,
          { mrn, protocol: "allogeneic-cord-blood-transplant", day0: "2026-13-01T00:00:00Z" },
          c.act(t.physician, 6),
        ),
      "day0",
    );
    const order = { planId: PLAN, doseNumber: 1, din: "G123426000001" };
    await refused(() => orderDose(s, { ...order, doseNumber: 1.5 }, c.act(t.physician, 6)), "doseNumber");
    await refused(
      () => orderDose(s, { ...order, doseNumber: true } as never, c.act(t.physician, 6)),
      "doseNumber",
    );
    await refused(
      () => orderDose(s, { ...order, targetPerKg: Number.POSITIVE_INFINITY }, c.act(t.physician, 6)),
      "targetPerKg",
    );
    await refused(() => orderDose(s, { ...order, targetPerKg: 0 }, c.act(t.physician, 6)), "targetPerKg");
    await refused(
      () => orderDose(s, { ...order, planId: "1; drop table plan" }, c.act(t.physician, 6)),
      "planId",
    );
    await refused(() => recordMissedDose(s, PLAN, 1, "   ", c.act(t.physician, 6)), "reason");
    await refused(() => withdrawPlan(s, PLAN, "x".repeat(501), c.act(t.physician, 6)), "reason");
    const scan = {
      orderId: PLAN,
      wristband: mrn,
      din: "=G12342600000100",
      productCode: "=<S1234100",
      administeredBy: { username: t.nurse.username, password: PASSWORD },
      verifiedBy: { username: t.nurse2.username, password: PASSWORD },
    };
    await refused(() => verifyBedside(s, { ...scan, orderId: "order-1" }, c.act(t.nurse, 6)), "orderId");
    await refused(
      () =>
        verifyBedside(
          s,
          { ...scan, verifiedBy: { username: t.nurse2.username } } as never,
          c.act(t.nurse, 6),
        ),
      "verifiedBy.password",
    );
    const infusion = {
      checkId: PLAN,
      startedAt: c.iso(6),
      endedAt: c.iso(6.2),
      volumeMl: 3.2,
      location: "NICU bed 2",
      vitalsBefore: vitals,
      vitalsAfter: vitals,
    };
    const infuse = (over: Record<string, unknown>) => () =>
      recordInfusion(s, { ...infusion, ...over } as never, c.act(t.nurse, 6.5));
    // true is not 1 mL; a temperature of 370 °C is a typing error; a severity is one of the list.
    await refused(infuse({ volumeMl: true }), "volumeMl");
    await refused(infuse({ volumeMl: 0 }), "volumeMl");
    await refused(infuse({ vitalsAfter: { ...vitals, temperatureC: 370 } }), "vitalsAfter.temperatureC");
    await refused(infuse({ vitalsBefore: { ...vitals, spo2: null } }), "vitalsBefore.spo2");
    await refused(infuse({ reactions: [{ description: "rash", severity: "" }] }), "reactions.0.severity");
    await refused(() => activateProtocol(s, "valueOf", PASSWORD, c.act(t.physician, 6)), "protocol");
    await refused(() => listPatients(s, { limit: 0 }, { user: t.nurse }), "limit");
    await refused(() => listPatients(s, { limit: Number.POSITIVE_INFINITY }, { user: t.nurse }), "limit");
    await refused(() => dueDoses(s, c.act(t.nurse, 6), { horizonHours: 0 }), "horizonHours");
    await refused(() => patientEligibility(s, mrn, "hie", c.act(t.nurse, 6)), "protocol");
  });

  it("checks reads by role in the service, so the CLI and the API agree", async () => {
    const researcher = await createUser(
      s,
      { username: "rita", printedName: "Rita Research", roles: ["researcher"], password: PASSWORD },
      "system",
      c.at(0),
    );
    const act = c.act(researcher, 6);
    const reads: [string, () => Promise<unknown>][] = [
      ["list", () => listPatients(s, {}, act)],
      ["read", () => readPatient(s, "MRN-7001", act)],
      ["record", () => patientRecord(s, "MRN-7001", act)],
      ["plan", () => planRecord(s, PLAN, act)],
      ["due", () => dueDoses(s, act)],
      ["protocols", () => listProtocols(s, act)],
      ["eligibility", () => patientEligibility(s, "MRN-7001", "hie-autologous-cord-blood", act)],
    ];
    for (const [name, read] of reads) {
      const e = await expectCode(read(), "FORBIDDEN");
      expect(e.message, name).toContain("rita");
    }
    // The auditor reads; the page tells a reader without write roles that there is nothing to do.
    const auditor = await createUser(
      s,
      { username: "audrey", printedName: "Audrey Audit", roles: ["auditor"], password: PASSWORD },
      "system",
      c.at(0),
    );
    const record = await patientRecord(s, "MRN-7001", c.act(auditor, 6));
    expect(record.actions).toEqual([]);
    expect((await listPatients(s, {}, c.act(auditor, 6))).actions).toEqual([]);
    expect((await patientRecord(s, "MRN-7001", c.act(t.physician, 6))).actions).toEqual([
      "recordWeight",
      "enrol",
    ]);
    expect((await listPatients(s, {}, c.act(t.coordinator, 6))).actions).toEqual(["registerPatient"]);
  });
});
