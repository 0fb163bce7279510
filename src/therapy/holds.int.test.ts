/**
 * A held product at the ward (issue 14), on SQLite and PostgreSQL: a reserved autologous aliquot whose
 * sterility turns positive is held with its siblings; its open dose order is listed as flagged, a new order
 * is refused (and audited), and the bedside check blocks it with the rule not-on-hold. A hold placed after
 * a passed check refuses the infusion itself, audited as a refused infusion.
 */
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
import { auditOf } from "../audit/trail.js";
import { type Product, getProductById, openHoldsOf, recordQc } from "../bank/index.js";
import type { Store } from "../store/connect.js";
import { verifyBedside } from "./bedside.js";
import { heldOrders, openOrdersOfHeldProducts } from "./facts.js";
import { recordInfusion } from "./infusions.js";
import { orderDose } from "./orders.js";
import { enrolPatient } from "./plans.js";
import { activateProtocol } from "./protocol-versions.js";

const BIRTH = "2026-06-10T04:00:00+02:00";
const c = clock(BIRTH);
const MRN = "MRN-8101";

describe.each(DIALECTS)("a held product at the ward on %s", (dialect) => {
  const store = useStore(dialect);
  let s: Store;
  let t: Team;
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 0.2));
  });

  it("flags the open order, refuses a new order and blocks the bedside check", async () => {
    await registerHieBaby(s, t, c, MRN, BIRTH);
    const { aliquots } = await autologousCordBlood(s, t, c, MRN, { count: 2 });
    const [a0, a1] = aliquots as [Product, Product];
    await treatmentConsent(s, t, MRN, c.at(3.5));
    const plan = await enrolPatient(
      s,
      { mrn: MRN, protocol: "hie-autologous-cord-blood" },
      c.act(t.physician, 4),
    );
    const order = await orderDose(
      s,
      { planId: plan.id, doseNumber: 1, din: a0.din, productCode: a0.code },
      c.act(t.physician, 4.5),
    );
    await recordQc(
      s,
      { din: a0.din, product: a0.code },
      {
        test: "sterility",
        stage: "post-processing",
        result: "positive",
        testedAt: c.iso(4.6),
        retest: "confirmatory",
        reason: "blood culture bottle flagged positive at 40 hours",
      },
      c.act(t.tech, 4.7),
    );
    expect(await openHoldsOf(s.db, a0.id)).toHaveLength(1);
    expect(await openHoldsOf(s.db, a1.id)).toHaveLength(1);

    const flagged = await openOrdersOfHeldProducts(s.db);
    expect(flagged.map((f) => [f.orderId, f.productId, f.mrn])).toEqual([[order.id, a0.id, MRN]]);
    expect(flagged[0]?.holdReason).toContain("sterility-negative");
    // The dashboard's flag for the ward and the physician, with the baby's name; not for the lab.
    const dashboard = await heldOrders(s, c.act(t.nurse, 4.8));
    expect(dashboard).toEqual([
      expect.objectContaining({
        orderId: order.id,
        mrn: MRN,
        doseNumber: 1,
        state: "ordered",
        productId: a0.id,
      }),
    ]);
    expect(dashboard[0]?.name).toMatch(/\S+ \S+/);
    await expectCode(heldOrders(s, c.act(t.tech, 4.8)), "FORBIDDEN");

    const refused = await expectCode(
      orderDose(
        s,
        { planId: plan.id, doseNumber: 1, din: a1.din, productCode: a1.code },
        c.act(t.physician, 5),
      ),
      "PRODUCT_ON_HOLD",
    );
    expect(refused.message).toContain(a1.id);
    expect((await auditOf(s, "product", a1.id)).map((e) => e.action)).toContain("dose.order.refused");

    const blocked = await expectCode(
      verifyBedside(
        s,
        {
          orderId: order.id,
          wristband: MRN,
          din: a0.dinWithCheck,
          productCode: a0.code,
          administeredBy: { username: t.nurse.username, password: PASSWORD },
          verifiedBy: { username: t.nurse2.username, password: PASSWORD },
        },
        c.act(t.nurse, 6),
      ),
      "BEDSIDE_BLOCKED",
    );
    expect(blocked.details.field).toBe("not-on-hold");
    expect(blocked.message).toContain("on hold");
  });
});

describe.each(DIALECTS)("a hold placed after the bedside check on %s", (dialect) => {
  const store = useStore(dialect);
  const MRN2 = "MRN-8102";
  const vitals = { heartRate: 140, respiratoryRate: 45, spo2: 97, temperatureC: 36.8 };

  it("refuses the infusion with PRODUCT_ON_HOLD, audits it as a refused infusion, and gives nothing", async () => {
    const s = store();
    const t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 0.2));
    await registerHieBaby(s, t, c, MRN2, BIRTH);
    const { aliquots } = await autologousCordBlood(s, t, c, MRN2, { count: 2 });
    const a0 = aliquots[0] as Product;
    await treatmentConsent(s, t, MRN2, c.at(3.5));
    const plan = await enrolPatient(
      s,
      { mrn: MRN2, protocol: "hie-autologous-cord-blood" },
      c.act(t.physician, 4),
    );
    const order = await orderDose(
      s,
      { planId: plan.id, doseNumber: 1, din: a0.din, productCode: a0.code },
      c.act(t.physician, 4.5),
    );
    const { check } = await verifyBedside(
      s,
      {
        orderId: order.id,
        wristband: MRN2,
        din: a0.dinWithCheck,
        productCode: a0.code,
        administeredBy: { username: t.nurse.username, password: PASSWORD },
        verifiedBy: { username: t.nurse2.username, password: PASSWORD },
      },
      c.act(t.nurse, 5),
    );
    expect(check.outcome).toBe("passed");
    // Between the check and the infusion the lab reads a positive culture: the product is held.
    await recordQc(
      s,
      { din: a0.din, product: a0.code },
      {
        test: "sterility",
        stage: "post-processing",
        result: "positive",
        testedAt: c.iso(5.05),
        retest: "confirmatory",
        reason: "blood culture bottle flagged positive at 40 hours",
      },
      c.act(t.tech, 5.1),
    );
    const refused = await expectCode(
      recordInfusion(
        s,
        {
          checkId: check.id,
          startedAt: c.iso(5.2),
          endedAt: c.iso(5.3),
          volumeMl: 2,
          location: "NICU bed 4",
          vitalsBefore: vitals,
          vitalsAfter: vitals,
        },
        c.act(t.nurse, 5.35),
      ),
      "PRODUCT_ON_HOLD",
    );
    expect(refused.message).toContain(a0.id);
    expect(refused.message).toContain("sterility-negative");
    const events = (await auditOf(s, "patient", MRN2)).filter((e) => e.action === "infusion.refused");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: t.nurse.username, reason: refused.message });
    expect(events[0]?.after).toMatchObject({
      code: "PRODUCT_ON_HOLD",
      checkId: check.id,
      orderId: order.id,
      productId: a0.id,
      volumeMl: 2,
    });
    // Nothing was given: no infusion, the product still reserved, the order still verified.
    expect(await s.db.selectFrom("infusion").select("id").where("mrn", "=", MRN2).execute()).toEqual([]);
    expect((await getProductById(s, a0.id)).status).toBe("reserved");
    expect(
      (await s.db.selectFrom("doseOrder").select("state").where("id", "=", order.id).executeTakeFirst())
        ?.state,
    ).toBe("verified");
  });
});
