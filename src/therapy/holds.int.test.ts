/**
 * A held product at the ward (issue 14), on SQLite and PostgreSQL: a reserved autologous aliquot whose
 * sterility turns positive is held with its siblings; its open dose order is listed as flagged, a new order
 * is refused (and audited), and the bedside check blocks it with the rule not-on-hold.
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
import { type Product, openHoldsOf, recordQc } from "../bank/index.js";
import type { Store } from "../store/connect.js";
import { verifyBedside } from "./bedside.js";
import { openOrdersOfHeldProducts } from "./facts.js";
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
