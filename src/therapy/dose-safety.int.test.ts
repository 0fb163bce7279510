/**
 * Dose safety on SQLite and PostgreSQL (issue 14): an infusion above its order beyond the tolerance is
 * refused and audited unless a physician signs an override with a reason; the dose given per kg is shown
 * next to the ordered one; a second order for a dose names the order it replaces and why; a passed bedside
 * check is read back until it is used or expires; a verifier with a one-time password pending or a disabled
 * account blocks the check, recorded and audited.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
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
import { type User, createUser } from "../accounts/users.js";
import type { Product } from "../bank/index.js";
import type { Store } from "../store/connect.js";
import { verifyBedside } from "./bedside.js";
import { infusionTolerancePercent, recordInfusion } from "./infusions.js";
import { orderDose } from "./orders.js";
import { enrolPatient } from "./plans.js";
import { activateProtocol } from "./protocol-versions.js";
import { patientRecord, planRecord } from "./record.js";
import type { DoseOrder } from "./schemas/order.js";

const BIRTH = "2026-06-01T02:00:00Z";
const MRN = "MRN-8001";
const c = clock(BIRTH);
const vitals = { heartRate: 140, respiratoryRate: 45, spo2: 97, temperatureC: 36.8 };

describe.each(DIALECTS)("dose safety on %s", (dialect) => {
  const store = useStore(dialect);
  let s: Store;
  let t: Team;
  let planId: string;
  let aliquots: Product[];
  let order1: DoseOrder;

  const audits = async (action: string) =>
    s.db.selectFrom("auditEvent").selectAll().where("action", "=", action).orderBy("seq").execute();
  const infusions = async () =>
    Number(
      (await s.db.selectFrom("infusion").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow()).n,
    );
  const aliquot = (i: number) => aliquots[i] as Product;
  const order = (doseNumber: number, i: number, hours: number, over: Record<string, string> = {}) =>
    orderDose(
      s,
      { planId, doseNumber, din: aliquot(i).din, productCode: aliquot(i).code, ...over },
      c.act(t.physician, hours),
    );
  const bedside = (orderId: string, i: number, hours: number, verifier: User = t.nurse2) =>
    verifyBedside(
      s,
      {
        orderId,
        wristband: MRN,
        din: aliquot(i).dinWithCheck,
        productCode: aliquot(i).code,
        administeredBy: { username: t.nurse.username, password: PASSWORD },
        verifiedBy: { username: verifier.username, password: PASSWORD },
      },
      c.act(t.nurse, hours),
    );
  const infuse = (checkId: string, volumeMl: number, hours: number, override?: unknown) =>
    recordInfusion(
      s,
      {
        checkId,
        startedAt: c.iso(hours),
        endedAt: c.iso(hours + 0.1),
        volumeMl,
        location: "NICU bed 2",
        vitalsBefore: vitals,
        vitalsAfter: vitals,
        ...(override ? { override: override as never } : {}),
      },
      c.act(t.nurse, hours + 0.15),
    );

  beforeAll(async () => {
    s = store();
    t = await team(s);
    // 2800 g at birth: 5×10^7/kg × 2.8 kg ÷ 5×10^7 cells/mL = 2.8 mL per dose, from aliquots of 5 mL.
    await registerHieBaby(s, t, c, MRN, BIRTH, { birthWeightGrams: 2800 });
    ({ aliquots } = await autologousCordBlood(s, t, c, MRN, { count: 4 }));
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 3.2));
    await treatmentConsent(s, t, MRN, c.at(3.5));
    planId = (
      await enrolPatient(s, { mrn: MRN, protocol: "hie-autologous-cord-blood" }, c.act(t.physician, 4))
    ).id;
    order1 = await order(1, 0, 5);
    expect(order1.drawMl).toBe(2.8);
  });

  it("keeps a passed check open for the bedside page until it expires, then not", async () => {
    const checked = await bedside(order1.id, 0, 6);
    const record = await planRecord(s, planId, c.act(t.nurse, 6.5));
    expect(record.openChecks).toEqual([
      {
        checkId: checked.check.id,
        orderId: order1.id,
        doseNumber: 1,
        administeredBy: t.nurse.username,
        verifiedBy: t.nurse2.username,
        checkedAt: c.iso(6),
        expiresAt: c.iso(7),
      },
    ]);
    // The patient record carries it too; an hour after the check it is gone.
    const patient = await patientRecord(s, MRN, c.act(t.nurse, 6.5));
    expect(patient.plans[0]?.openChecks.map((k) => k.checkId)).toEqual([checked.check.id]);
    expect((await planRecord(s, planId, c.act(t.nurse, 7.01))).openChecks).toEqual([]);
  });

  it("refuses 4.5 mL against an order of 2.8 mL unless a physician signs an override with a reason", async () => {
    const { check } = await bedside(order1.id, 0, 8);
    const refusedBefore = (await audits("infusion.refused")).length;
    // No reason, no signature.
    const plain = await expectCode(infuse(check.id, 4.5, 8.1), "INFUSION_ABOVE_ORDER");
    expect(plain.details.field).toBe("volumeMl");
    expect(plain.message).toContain("above the ordered 2.8 mL by more than 10 %");
    // A reason, but the signature fails: a wrong password, then a nurse who is not a physician.
    const reason = "the line was primed with the product; the whole syringe was given";
    const wrong = await expectCode(
      infuse(check.id, 4.5, 8.1, {
        reason,
        physician: { username: t.physician.username, password: "not the password" },
      }),
      "INFUSION_ABOVE_ORDER",
    );
    expect(wrong.message).toContain("the physician's signature failed");
    // The failed signature is its own event, naming the check it was to approve and the physician.
    const failedSignature = (await audits("signature.refused")).at(-1);
    expect(failedSignature).toMatchObject({
      actor: t.nurse.username,
      entityType: "bedside-check",
      entityId: check.id,
    });
    expect(JSON.parse(failedSignature?.afterJson ?? "{}")).toEqual({
      signer: t.physician.username,
      meaning: "approved",
      code: "AUTH_FAILED",
    });
    const nurse = await expectCode(
      infuse(check.id, 4.5, 8.1, { reason, physician: { username: t.nurse2.username, password: PASSWORD } }),
      "INFUSION_ABOVE_ORDER",
    );
    expect(nurse.message).toContain("is not a physician");
    const refused = await audits("infusion.refused");
    expect(refused.length - refusedBefore).toBe(3);
    expect(refused.at(-1)).toMatchObject({ actor: t.nurse.username, entityId: MRN });
    expect(JSON.parse(refused.at(-1)?.afterJson ?? "{}")).toMatchObject({
      code: "INFUSION_ABOVE_ORDER",
      volumeMl: 4.5,
      orderedMl: 2.8,
    });
    expect(await infusions()).toBe(0);
    // A passed check survives the refusals: it is still open.
    expect((await planRecord(s, planId, c.act(t.nurse, 8.2))).openChecks.map((k) => k.checkId)).toEqual([
      check.id,
    ]);

    // With the physician's signature: recorded, the override audited as its own event with the reason.
    const given = await infuse(check.id, 4.5, 8.2, {
      reason,
      physician: { username: t.physician.username, password: PASSWORD },
    });
    expect(given.overrideReason).toBe(reason);
    expect(given.overrideSignatureId).toBeTruthy();
    const signature = await s.db
      .selectFrom("signature")
      .selectAll()
      .where("id", "=", given.overrideSignatureId as string)
      .executeTakeFirstOrThrow();
    expect(signature).toMatchObject({
      username: t.physician.username,
      entityType: "infusion",
      entityId: given.id,
    });
    const override = await audits("infusion.override");
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ reason, entityId: MRN });

    // The dose given per kg, next to the ordered: 4.5 mL × 5×10^7/mL ÷ 2.8 kg = 8.04×10^7/kg.
    expect(given.orderedPerKg).toBeCloseTo(5e7, 0);
    expect(given.givenPerKg).toBeCloseTo((4.5 * 5e7) / 2.8, 0);
    const patient = await patientRecord(s, MRN, c.act(t.nurse, 8.5));
    expect(patient.infusions[0]?.givenPerKg).toBeCloseTo((4.5 * 5e7) / 2.8, 0);
    const plan = await planRecord(s, planId, c.act(t.nurse, 8.5));
    const o1 = plan.orders.find((o) => o.id === order1.id);
    expect(o1?.deliveredPerKg).toBeCloseTo(5e7, 0);
    expect(o1?.given?.volumeMl).toBe(4.5);
    expect(o1?.given?.perKg).toBeCloseTo((4.5 * 5e7) / 2.8, 0);
    expect(o1?.given?.arithmetic).toContain("4.5 mL");
    expect(plan.openChecks).toEqual([]);
  });

  it("audits a failed e-signature on a protocol activation as signature.refused, naming the protocol", async () => {
    await expectCode(
      activateProtocol(
        s,
        "hie-autologous-cord-blood",
        "not the physician's password",
        c.act(t.physician, 8.7),
      ),
      "AUTH_FAILED",
    );
    const event = (await audits("signature.refused")).at(-1);
    expect(event).toMatchObject({ actor: t.physician.username, entityType: "protocol" });
    expect(event?.entityId).toContain("hie-autologous-cord-blood");
    expect(JSON.parse(event?.afterJson ?? "{}")).toEqual({
      signer: t.physician.username,
      meaning: "approved",
      code: "AUTH_FAILED",
    });
  });

  it("accepts a volume within the tolerance without an override", async () => {
    expect(infusionTolerancePercent()).toBe(10);
    const o2 = await order(2, 1, 9);
    const { check } = await bedside(o2.id, 1, 9.5);
    const overridesBefore = (await audits("infusion.override")).length;
    // An override where none is needed is refused, not signed.
    await expectCode(
      infuse(check.id, 3.0, 9.6, {
        reason: "no reason",
        physician: { username: t.physician.username, password: PASSWORD },
      }),
      "INVALID_INPUT",
    );
    const given = await infuse(check.id, 3.0, 9.6); // 3.0 ≤ 2.8 × 1.1 = 3.08
    expect(given.overrideReason).toBeNull();
    expect(given.givenPerKg).toBeCloseTo((3.0 * 5e7) / 2.8, 0);
    expect((await audits("infusion.override")).length).toBe(overridesBefore);
  });

  it("refuses a second order for a dose unless it names the order it replaces and why", async () => {
    const first = await order(3, 2, 10);
    const refusedBefore = (await audits("dose.refused")).length;
    const silent = await expectCode(order(3, 3, 10.5), "DOSE_ALREADY_ORDERED");
    expect(silent.details.field).toBe("replaces");
    expect(silent.message).toContain(first.id);
    const noReason = await expectCode(order(3, 3, 10.5, { replaces: first.id }), "DOSE_ALREADY_ORDERED");
    expect(noReason.details.field).toBe("replaceReason");
    const wrong = await expectCode(
      order(3, 3, 10.5, { replaces: crypto.randomUUID(), replaceReason: "other bag" }),
      "INVALID_INPUT",
    );
    expect(wrong.details.field).toBe("replaces");
    expect((await audits("dose.refused")).length - refusedBefore).toBe(3);
    // Naming no open order to replace is refused too.
    await expectCode(order(4, 3, 10.5, { replaces: first.id, replaceReason: "x" }), "INVALID_INPUT");
    expect(
      (await planRecord(s, planId, c.act(t.nurse, 10.6))).orders.find((o) => o.id === first.id)?.state,
    ).toBe("ordered");

    const reason = "aliquot C0 was dropped on the floor";
    const second = await order(3, 3, 11, { replaces: first.id, replaceReason: reason });
    expect(second.replacesId).toBe(first.id);
    const plan = await planRecord(s, planId, c.act(t.nurse, 11.1));
    const old = plan.orders.find((o) => o.id === first.id);
    expect(old).toMatchObject({
      state: "cancelled",
      replacedById: second.id,
      replaceReason: reason,
      replacedBy: t.physician.username,
      replacedAt: c.iso(11),
    });
    expect(plan.orders.find((o) => o.id === second.id)).toMatchObject({
      state: "ordered",
      replacesId: first.id,
    });
    const replaced = await audits("dose.replaced");
    expect(replaced.at(-1)).toMatchObject({ reason, actor: t.physician.username, entityId: MRN });
  });

  it("blocks a verifier with a one-time password pending, and a disabled verifier, and audits both", async () => {
    const plan = await planRecord(s, planId, c.act(t.nurse, 12));
    const open = plan.orders.find((o) => o.doseNumber === 3 && o.state === "ordered") as DoseOrder;
    const blockedBefore = (await audits("bedside.blocked")).length;
    const pending = await createUser(
      s,
      {
        username: "otto",
        printedName: "Otto New",
        roles: ["nurse"],
        password: PASSWORD,
        mustChangePassword: true,
      },
      "system",
      c.at(0),
    );
    const otp = await expectCode(bedside(open.id, 3, 12, pending), "BEDSIDE_BLOCKED");
    expect(otp.details.field).toBe("people-active");
    expect(otp.message).toContain("otto has not completed the first sign-in (one-time password pending)");

    await s.db
      .updateTable("userAccount")
      .set({ disabled: 1 })
      .where("username", "=", t.nurse2.username)
      .execute();
    const disabled = await expectCode(bedside(open.id, 3, 12.1), "BEDSIDE_BLOCKED");
    expect(disabled.details.field).toBe("people-active");
    expect(disabled.message).toContain(`${t.nurse2.username}'s account is disabled`);
    // Recording an infusion on a blocked check is refused, and audited as a refused infusion.
    const refusedBefore = (await audits("infusion.refused")).length;
    await expectCode(infuse(disabled.details.checkId as string, 2.8, 12.15), "BEDSIDE_BLOCKED");
    const refusedInfusions = await audits("infusion.refused");
    expect(refusedInfusions.length - refusedBefore).toBe(1);
    expect(JSON.parse(refusedInfusions.at(-1)?.afterJson ?? "{}")).toMatchObject({
      code: "BEDSIDE_BLOCKED",
      checkId: disabled.details.checkId,
      orderId: open.id,
    });
    const blocked = await audits("bedside.blocked");
    expect(blocked.length - blockedBefore).toBe(2);
    expect(blocked.at(-1)?.reason).toContain("account is disabled");
    const rows = await s.db
      .selectFrom("bedsideCheck")
      .select(["outcome", "verifiedBy"])
      .where("orderId", "=", open.id)
      .orderBy("checkedAt")
      .execute();
    expect(rows).toEqual([
      { outcome: "blocked", verifiedBy: "otto" },
      { outcome: "blocked", verifiedBy: t.nurse2.username },
    ]);
    expect((await planRecord(s, planId, c.act(t.nurse, 12.2))).openChecks).toEqual([]);
    await s.db
      .updateTable("userAccount")
      .set({ disabled: 0 })
      .where("username", "=", t.nurse2.username)
      .execute();
  });
});
