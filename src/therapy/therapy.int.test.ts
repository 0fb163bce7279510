/**
 * An HIE case end to end in the service, on SQLite and PostgreSQL: the protocol activated with a
 * signature, a baby enrolled, doses ordered with hand-computed volumes, the bedside check with its two
 * signatures, the infusion closing the product's custody, and every way the bedside check must block
 * (wrong baby, wrong product, not released, expired, another baby's autologous cells, one person twice, a
 * weight changed since the order), each recorded and audited with nothing given.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, passingCordQc } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import {
  type Team,
  autologousCordBlood,
  clock,
  registerHieBaby,
  team,
  treatmentConsent,
} from "../../test/support/therapy.js";
import { verifyAudit } from "../audit/trail.js";
import { recordProcessing } from "../bank/processing.js";
import { findProduct, registerCollection } from "../bank/products.js";
import { recordQc } from "../bank/qc.js";
import { releaseProduct } from "../bank/release.js";
import { refusalOf } from "../contract/validate.js";
import type { Store } from "../store/connect.js";
import { verifyBedside } from "./bedside.js";
import { recordInfusion } from "./infusions.js";
import { orderDose } from "./orders.js";
import { recordWeight, registerPatient } from "./patients.js";
import { dueDoses, enrolPatient, getPlan, recordMissedDose } from "./plans.js";
import { activateProtocol } from "./protocol-versions.js";
import { patientRecord } from "./record.js";
import { reserveForPatient } from "./reservations.js";
import { PatientRecordSchema } from "./schemas.js";

const BIRTH = "2026-03-08T01:30:00-05:00"; // New York, the night the clocks go forward
const HIE = "hie-autologous-cord-blood";
const c = clock(BIRTH);
const vitals = { heartRate: 142, respiratoryRate: 48, spo2: 97, temperatureC: 36.8 };

describe.each(DIALECTS)("therapy on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  beforeAll(async () => {
    s = store();
    t = await team(s);
  });

  const count = async (table: "bedsideCheck" | "infusion" | "doseOrder" | "plan") =>
    Number((await s.db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);
  const blockedAudits = async () =>
    s.db
      .selectFrom("auditEvent")
      .selectAll()
      .where("action", "=", "bedside.blocked")
      .orderBy("seq")
      .execute();

  const bedside = (
    orderId: string,
    scan: { wristband: string; din: string; productCode: string },
    hours: number,
    verifier = t.nurse2,
  ) =>
    verifyBedside(
      s,
      {
        orderId,
        ...scan,
        administeredBy: { username: t.nurse.username, password: PASSWORD },
        verifiedBy: { username: verifier.username, password: PASSWORD },
      },
      c.act(t.nurse, hours),
    );

  it("treats an HIE baby from birth to the last dose, refusing every unsafe step", async () => {
    // Enrolment needs an activated protocol.
    const baby = await registerHieBaby(s, t, c, "MRN-1001", BIRTH);
    expect(baby.birthAt).toBe("2026-03-08T06:30:00.000Z");
    expect(baby.birthOffset).toBe("-05:00");
    await expectCode(
      enrolPatient(s, { mrn: baby.mrn, protocol: HIE }, c.act(t.physician, 2)),
      "PROTOCOL_NOT_ACTIVE",
    );
    await expectCode(activateProtocol(s, HIE, PASSWORD, c.act(t.nurse, 2)), "FORBIDDEN");
    await expectCode(activateProtocol(s, HIE, "wrong password", c.act(t.physician, 2)), "AUTH_FAILED");
    const activated = await activateProtocol(s, HIE, PASSWORD, c.act(t.physician, 2));
    expect(activated.signature.meaning).toBe("approved");
    await expectCode(activateProtocol(s, HIE, PASSWORD, c.act(t.physician, 2)), "INVALID_INPUT");

    // An infant born at 34+6 weeks is refused with the reason, and nothing is written.
    const early = await registerHieBaby(s, t, c, "MRN-1002", BIRTH, {
      gestationalWeeks: 34,
      gestationalDays: 6,
      birthWeightGrams: 1750,
    });
    const refused = await expectCode(
      enrolPatient(s, { mrn: early.mrn, protocol: HIE }, c.act(t.physician, 2)),
      "NOT_ELIGIBLE",
    );
    expect(refused.message).toContain("34+6 weeks; at least 35+0");
    expect(refused.message).toContain("1750 g; at least 1800 g");
    expect(await count("plan")).toBe(0);

    const { aliquots, unreleased } = await autologousCordBlood(s, t, c, baby.mrn, {
      count: 5,
      keepOneUnreleased: true,
    });
    const [a0, b0] = aliquots as [NonNullable<(typeof aliquots)[0]>, NonNullable<(typeof aliquots)[0]>];
    expect(a0.volumeMl).toBe(4);
    // Eligible, but no treatment consent yet: refused until the parents' consent is recorded.
    const noConsent = await expectCode(
      enrolPatient(s, { mrn: baby.mrn, protocol: HIE }, c.act(t.physician, 4)),
      "CONSENT_REQUIRED",
    );
    expect(noConsent.message).toContain("no treatment consent in force");
    await treatmentConsent(s, t, baby.mrn, c.at(3.9));
    const plan = await enrolPatient(s, { mrn: baby.mrn, protocol: HIE }, c.act(t.physician, 4));
    expect(plan.consentBy).toBe("mother: Ada Okafor");
    // Windows in elapsed hours: 48 h and 72 h after 06:30 UTC, across the spring-forward change.
    expect(plan.doses.map((d) => [d.number, d.latest])).toEqual([
      [1, "2026-03-10T06:30:00.000Z"],
      [2, "2026-03-11T06:30:00.000Z"],
      [3, "2026-03-11T06:30:00.000Z"],
      [4, "2026-03-11T06:30:00.000Z"],
    ]);
    expect(plan.doses.every((d) => d.state === "due")).toBe(true);
    const due = await dueDoses(s, c.act(t.nurse, 5));
    expect(due[0]).toMatchObject({ mrn: baby.mrn, number: 1, state: "due", msToLatest: 43 * 3_600_000 });

    // Dose 1: 5×10^7/kg × 3.2 kg = 1.6×10^8 cells; ÷ 5×10^7 cells/mL = 3.2 mL.
    const order1 = await orderDose(
      s,
      { planId: plan.id, doseNumber: 1, din: a0.din, productCode: a0.code },
      c.act(t.physician, 5),
    );
    expect(order1.concentrationPerMl).toBe(5e7);
    expect(order1.drawMl).toBe(3.2);
    expect(order1.deliveredPerKg).toBeCloseTo(5e7, 0);
    expect(order1.arithmetic).toContain("3.2 kg");
    // Above the protocol's 5×10^7/kg: refused without a signed exception.
    const outside = await expectCode(
      orderDose(
        s,
        { planId: plan.id, doseNumber: 2, din: b0.din, productCode: b0.code, targetPerKg: 6e7 },
        c.act(t.physician, 5),
      ),
      "DOSE_OUTSIDE_PROTOCOL",
    );
    expect(outside.details.field).toBe("targetPerKg");

    const wristband = baby.mrn;
    const right = { wristband, din: a0.dinWithCheck, productCode: a0.code };
    const checked = await bedside(order1.id, right, 6);
    expect(checked.check.outcome).toBe("passed");
    expect(checked.signatures.map((x) => [x.username, x.meaning])).toEqual([
      [t.nurse.username, "administered"],
      [t.nurse2.username, "verified"],
    ]);
    await recordInfusion(
      s,
      {
        checkId: checked.check.id,
        startedAt: c.iso(6.1),
        endedAt: c.iso(6.3),
        volumeMl: 3.2,
        location: "NICU bed 4",
        vitalsBefore: vitals,
        vitalsAfter: { ...vitals, heartRate: 150 },
      },
      c.act(t.nurse, 6.4),
    );
    const given = await findProduct(s.db, { din: a0.din, product: a0.code });
    expect(given.status).toBe("infused");
    const custody = await s.db
      .selectFrom("custodyEvent")
      .selectAll()
      .where("productId", "=", a0.id)
      .orderBy("at")
      .execute();
    expect(custody.at(-1)).toMatchObject({ event: "infused", location: "NICU bed 4" });
    const reservation = await s.db
      .selectFrom("reservation")
      .selectAll()
      .where("productId", "=", a0.id)
      .executeTakeFirstOrThrow();
    expect(reservation.state).toBe("fulfilled");
    // The same check cannot be used twice.
    await expectCode(
      recordInfusion(
        s,
        {
          checkId: checked.check.id,
          startedAt: c.iso(6.5),
          endedAt: c.iso(6.6),
          volumeMl: 1,
          location: "NICU bed 4",
          vitalsBefore: vitals,
          vitalsAfter: vitals,
        },
        c.act(t.nurse, 6.7),
      ),
      "INVALID_INPUT",
    );

    // Dose 2 above the protocol's maximum, with the physician's signed exception.
    const order2 = await orderDose(
      s,
      {
        planId: plan.id,
        doseNumber: 2,
        din: b0.din,
        productCode: b0.code,
        targetPerKg: 6e7,
        exceptionReason: "second dose raised by the trial's safety board amendment 4",
        password: PASSWORD,
      },
      c.act(t.physician, 20),
    );
    expect(order2.exceptionSignatureId).toBeTruthy();
    expect(order2.drawMl).toBe(3.8); // 6×10^7 × 3.2 kg = 1.92×10^8 cells ÷ 5×10^7/mL = 3.84 mL, down to 3.8

    // Every failure blocks, is recorded and audited, and gives nothing.
    const before = (await blockedAudits()).length;
    const cases: {
      name: string;
      scan: typeof right;
      hours: number;
      rule: string;
      text: RegExp;
      verifier?: typeof t.nurse;
    }[] = [];
    const other = await registerHieBaby(s, t, c, "MRN-1003", BIRTH, {
      givenName: "Baby Boy",
      familyName: "Lindqvist",
    });
    const otherBlood = await autologousCordBlood(s, t, c, other.mrn, { count: 2, fin: "G1234" });
    const otherA0 = otherBlood.aliquots[0] as (typeof aliquots)[0] & object;
    cases.push(
      {
        name: "wrong baby",
        scan: { ...right, wristband: other.mrn, din: b0.dinWithCheck, productCode: b0.code },
        hours: 21,
        rule: "patient",
        text: /wrong baby: the wristband is MRN-1003/,
      },
      {
        name: "wrong product",
        scan: { wristband, din: a0.dinWithCheck, productCode: a0.code },
        hours: 21,
        rule: "product",
        text: /wrong product/,
      },
      {
        name: "not released",
        scan: {
          wristband,
          din: (unreleased as typeof a0).dinWithCheck,
          productCode: (unreleased as typeof a0).code,
        },
        hours: 21,
        rule: "status",
        text: /quarantine: not released/,
      },
      {
        name: "another baby's autologous cells",
        scan: { wristband, din: otherA0.dinWithCheck, productCode: otherA0.code },
        hours: 21,
        rule: "product-kind",
        text: /autologous cells of MRN-1003, not of MRN-1001/,
      },
      {
        name: "one person twice",
        scan: { wristband, din: b0.dinWithCheck, productCode: b0.code },
        hours: 21,
        rule: "two-people",
        text: /cannot both administer and verify/,
        verifier: t.nurse,
      },
      {
        name: "a product barcode in the wristband field",
        scan: { wristband: `=${b0.din}00`, din: b0.dinWithCheck, productCode: b0.code },
        hours: 21,
        rule: "patient",
        text: /ISBT 128 product barcode/,
      },
    );
    for (const k of cases) {
      const e = await expectCode(bedside(order2.id, k.scan, k.hours, k.verifier), "BEDSIDE_BLOCKED");
      const results = e.details.results as { rule: string; passed: boolean; reason: string }[];
      const failed = results.filter((r) => !r.passed);
      expect(
        failed.map((r) => r.rule),
        k.name,
      ).toContain(k.rule);
      expect(failed.map((r) => r.reason).join("; "), k.name).toMatch(k.text);
    }
    const audits = await blockedAudits();
    expect(audits.length - before).toBe(cases.length);
    const rows = await s.db.selectFrom("bedsideCheck").selectAll().where("outcome", "=", "blocked").execute();
    expect(rows.length).toBe(cases.length);
    expect((await findProduct(s.db, { din: b0.din, product: b0.code })).status).toBe("reserved");
    expect((await findProduct(s.db, { din: otherA0.din, product: otherA0.code })).status).toBe("reserved");

    // A new weight after the order: the dose must be ordered again.
    await recordWeight(s, baby.mrn, { grams: 3100, measuredAt: c.iso(21.5) }, c.act(t.nurse, 21.6));
    const weighed = await expectCode(
      bedside(order2.id, { wristband, din: b0.dinWithCheck, productCode: b0.code }, 22),
      "BEDSIDE_BLOCKED",
    );
    expect(weighed.message).toMatch(/3100 g .* order the dose again/);
    const order2b = await orderDose(
      s,
      {
        planId: plan.id,
        doseNumber: 2,
        din: b0.din,
        productCode: b0.code,
        replaces: order2.id,
        replaceReason: "new weight 3100 g",
      },
      c.act(t.physician, 22),
    );
    expect(order2b.drawMl).toBe(3.1); // 5×10^7 × 3.1 kg ÷ 5×10^7/mL
    expect(
      (
        await s.db
          .selectFrom("doseOrder")
          .select("state")
          .where("id", "=", order2.id)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe("cancelled");
    const ok2 = await bedside(order2b.id, { wristband, din: b0.dinWithCheck, productCode: b0.code }, 22.2);
    await recordInfusion(
      s,
      {
        checkId: ok2.check.id,
        startedAt: c.iso(22.3),
        endedAt: c.iso(22.5),
        volumeMl: 3.1,
        location: "NICU bed 4",
        vitalsBefore: vitals,
        vitalsAfter: vitals,
      },
      c.act(t.nurse, 22.6),
    );

    // An expired product: aliquots of a collection that expired at 30 h, checked at 40 h.
    const late = await registerHieBaby(s, t, c, "MRN-1004", BIRTH, { familyName: "Moreau" });
    const lateBlood = await autologousCordBlood(s, t, c, late.mrn, { count: 2, expiresHours: 30 });
    await treatmentConsent(s, t, late.mrn, c.at(4.5));
    const latePlan = await enrolPatient(s, { mrn: late.mrn, protocol: HIE }, c.act(t.physician, 5));
    const lateA0 = lateBlood.aliquots[0] as typeof a0;
    const lateOrder = await orderDose(
      s,
      { planId: latePlan.id, doseNumber: 1, din: lateA0.din, productCode: lateA0.code },
      c.act(t.physician, 25),
    );
    const expired = await expectCode(
      bedside(lateOrder.id, { wristband: late.mrn, din: lateA0.dinWithCheck, productCode: lateA0.code }, 40),
      "BEDSIDE_BLOCKED",
    );
    expect(expired.message).toMatch(/expired at 2026-03-09T12:30:00.000Z/);

    // A closed window: dose 3 checked after 72 h.
    const order3 = await orderDose(
      s,
      {
        planId: plan.id,
        doseNumber: 3,
        din: aliquots[2]?.din as string,
        productCode: aliquots[2]?.code as string,
      },
      c.act(t.physician, 60),
    );
    const closed = await expectCode(
      bedside(
        order3.id,
        { wristband, din: aliquots[2]?.dinWithCheck as string, productCode: aliquots[2]?.code as string },
        73,
      ),
      "BEDSIDE_BLOCKED",
    );
    expect(closed.message).toMatch(/dose 3's window closed at 2026-03-11T06:30:00.000Z/);
    expect((await getPlan(s.db, plan.id, c.at(73))).doses.map((d) => d.state)).toEqual([
      "given",
      "given",
      "overdue",
      "overdue",
    ]);

    // The physician records doses 3 and 4 as missed: the plan is complete.
    await recordMissedDose(s, plan.id, 3, "window closed during MRI", c.act(t.physician, 74));
    const done = await recordMissedDose(s, plan.id, 4, "window closed during MRI", c.act(t.physician, 74));
    expect(done.state).toBe("completed");
    const record = await patientRecord(s, baby.mrn, c.act(t.physician, 75));
    expect(record.infusions.map((i) => i.volumeMl)).toEqual([3.2, 3.1]);
    // The record holds to its schema (what the API documents and the web app's types say), JSON and all.
    expect(refusalOf(PatientRecordSchema, JSON.parse(JSON.stringify(record)))).toBeNull();
    expect(record.plans[0]?.checks.length).toBe(10);
    expect(record.weights.map((w) => w.grams)).toEqual([3100, 3200]);
    expect(await count("infusion")).toBe(2);
    expect((await verifyAudit(s)).ok).toBe(true);
  });
  it("plans a cord blood transplant from day 0 and holds a unit's whole dose to the diagnosis's floor", async () => {
    const TX = "allogeneic-cord-blood-transplant";
    const on = (user: Team["physician"], iso: string) => ({ user, at: new Date(iso) });
    await activateProtocol(s, TX, PASSWORD, on(t.physician, "2026-04-01T08:00:00Z"));
    const baby = await registerPatient(
      s,
      {
        mrn: "MRN-2001",
        givenName: "Omar",
        familyName: "Haddad",
        birth: "2025-02-01T10:00:00+02:00",
        sex: "male",
        gestationalWeeks: 40,
        gestationalDays: 0,
        birthWeightGrams: 3600,
        icd10: "E76.01",
        indication: "genetic-disorder",
        diagnosis: "Hurler syndrome (MPS IH)",
      },
      on(t.coordinator, "2026-04-02T08:00:00Z"),
    );
    await treatmentConsent(s, t, baby.mrn, new Date("2026-04-09T15:00:00Z"));
    // Day 0 on 22 April; conditioning from day -9. Without day 0 the plan cannot be scheduled.
    const day0 = "2026-04-22T08:00:00Z";
    await expectCode(
      enrolPatient(
        s,
        {
          mrn: baby.mrn,
          protocol: TX,
        },
        on(t.physician, "2026-04-10T08:00:00Z"),
      ),
      "INVALID_INPUT",
    );
    const plan = await enrolPatient(
      s,
      {
        mrn: baby.mrn,
        protocol: TX,
        day0,
      },
      on(t.physician, "2026-04-10T08:00:00Z"),
    );
    expect(plan.conditioningFrom).toBe("2026-04-13T08:00:00.000Z");
    expect(plan.doses).toMatchObject([
      {
        number: 1,
        earliest: "2026-04-22T08:00:00.000Z",
        latest: "2026-04-23T08:00:00.000Z",
        state: "upcoming",
      },
    ]);
    await recordWeight(
      s,
      baby.mrn,
      { grams: 11000, measuredAt: "2026-04-19T07:00:00Z" },
      on(t.nurse, "2026-04-19T07:05:00Z"),
    );

    // Two released cord units reserved for the child: 1.2×10^9 TNC and 5.2×10^8 TNC.
    const unit = async (tnc: number, fin: string) => {
      const p = await registerCollection(
        s,
        {
          fin,
          source: "cord-blood",
          donorId: `CB-${fin}-${tnc}`,
          consentRef: "PUBLIC-CB v1",
          collectedAt: "2025-06-01T10:00:00Z",
          site: "Public bank",
          volumeMl: 80,
          productCode: "S1234V00",
          aboRhD: "O+",
          storageTemperature: "cryopreserved",
        },
        on(t.tech, "2026-04-12T08:00:00Z"),
      );
      const ref = { din: p.din };
      await recordProcessing(
        s,
        ref,
        {
          step: "volume-reduction",
          performedAt: "2026-04-12T09:00:00Z",
          volumeBeforeMl: 80,
          volumeAfterMl: 25,
          complete: true,
        },
        on(t.tech, "2026-04-12T09:05:00Z"),
      );
      for (const q of [
        ...passingCordQc(),
        { test: "hla", stage: "post-processing", result: "HLA-A*02:01+HLA-A*01:01", testedAt: "" },
      ]) {
        await recordQc(
          s,
          ref,
          { ...q, ...(q.test === "tnc" ? { value: tnc } : {}), testedAt: "2026-04-12T10:00:00Z" },
          on(t.tech, "2026-04-12T10:05:00Z"),
          // The typing is not what this test is about; the bank's tests check typings against the release.
          { validateHla: () => {} },
        );
      }
      await releaseProduct(s, ref, PASSWORD, on(t.qm, "2026-04-14T08:00:00Z"));
      await reserveForPatient(
        s,
        ref,
        baby.mrn,
        "cord search, 5/6",
        on(t.coordinator, "2026-04-14T09:00:00Z"),
      );
      return findProduct(s.db, ref);
    };
    const big = await unit(1.2e9, "G1234");
    const small = await unit(5.2e8, "G1234");
    // The whole unit: 1.2×10^9 TNC ÷ 11 kg = 1.09×10^8/kg, above the non-malignant floor of 5×10^7/kg.
    const order = await orderDose(
      s,
      { planId: plan.id, doseNumber: 1, din: big.din },
      on(t.physician, "2026-04-20T08:00:00Z"),
    );
    expect(order.drawMl).toBe(25);
    expect(order.deliveredPerKg).toBeCloseTo(1.2e9 / 11, 0);
    // 5.2×10^8 ÷ 11 kg = 4.73×10^7/kg: below the floor, refused without a signed exception.
    const low = await expectCode(
      orderDose(
        s,
        { planId: plan.id, doseNumber: 1, din: small.din },
        on(t.physician, "2026-04-20T08:00:00Z"),
      ),
      "DOSE_OUTSIDE_PROTOCOL",
    );
    expect(low.message).toContain("4.73×10^7 cells/kg is below the protocol's 5.00×10^7");
    await expectCode(
      orderDose(
        s,
        {
          planId: plan.id,
          doseNumber: 1,
          din: small.din,
          exceptionReason: "only 6/6 unit",
          password: "not the password",
        },
        on(t.physician, "2026-04-20T08:00:00Z"),
      ),
      "AUTH_FAILED",
    );
    const signed = await orderDose(
      s,
      {
        planId: plan.id,
        doseNumber: 1,
        din: small.din,
        exceptionReason: "the only 6/6 matched unit; board review 2026-04-19",
        password: PASSWORD,
        replaces: order.id,
        replaceReason: "the only 6/6 matched unit instead of the 5/6",
      },
      on(t.physician, "2026-04-20T08:00:00Z"),
    );
    const signature = await s.db
      .selectFrom("signature")
      .selectAll()
      .where("id", "=", signed.exceptionSignatureId as string)
      .executeTakeFirstOrThrow();
    expect(signature).toMatchObject({
      username: t.physician.username,
      meaning: "approved",
      entityType: "dose-order",
      entityId: signed.id,
    });
    // The newer order replaced the first, naming it.
    expect(
      (
        await s.db
          .selectFrom("doseOrder")
          .select("state")
          .where("id", "=", order.id)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe("cancelled");
    // Before day 0 the bedside check is blocked: the window has not opened.
    const early = await expectCode(
      verifyBedside(
        s,
        {
          orderId: signed.id,
          wristband: baby.mrn,
          din: small.dinWithCheck,
          productCode: small.code,
          administeredBy: { username: t.nurse.username, password: PASSWORD },
          verifiedBy: { username: t.physician.username, password: PASSWORD },
        },
        { user: t.nurse, at: new Date("2026-04-21T08:00:00Z") },
      ),
      "BEDSIDE_BLOCKED",
    );
    expect(early.message).toContain("dose 1's window opens at 2026-04-22T08:00:00.000Z");
  });
});
