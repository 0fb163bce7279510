/**
 * Holds and markers that are never silently superseded (issue 14), on SQLite and PostgreSQL: a positive
 * sterility after release holds the unit and its siblings; reserve and ship are refused and audited; the
 * dashboard lists the holds; only a quality manager's signed disposition lifts them, each decision with its
 * status. A contradicting marker needs a reason and a retest kind, and a reactive screening result keeps the
 * product ineligible until a disposition.
 */
import { describe, expect, it } from "vitest";
import {
  PASSWORD,
  type People,
  TEST_PATIENTS,
  act,
  nextTime,
  passingCordQc,
  people,
  recordAll,
  registerCord,
} from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { auditOf } from "../audit/trail.js";
import {
  bankDashboard,
  cancelReservation,
  dispositionProduct,
  divideProduct,
  findProduct,
  holdsOf,
  openHoldsOf,
  qcOf,
  receiveProduct,
  recordProcessing,
  recordQc,
  releaseCheck,
  releaseProduct,
  reserveProduct,
  shipProduct,
} from "./index.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
const JUSTIFY = "repeat culture negative, contamination at sampling documented in deviation DV-2026-014";

describe.each(DIALECTS)("holds on %s", (dialect) => {
  const store = useStore(dialect);
  let team: People | undefined;
  const staff = async () => {
    team ??= await people(store());
    return team;
  };

  /** A cord unit divided into three, each released; the first reserved. */
  async function releasedDivisions() {
    const s = store();
    const p = await staff();
    const unit = await registerCord(s, p.tech);
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "cryopreservation", performedAt: nextTime(), complete: true },
      act(p.tech),
    );
    await recordAll(
      s,
      unit,
      [...passingCordQc(), { test: "hla", stage: "post-processing", result: TYPING, testedAt: nextTime() }],
      p.tech,
    );
    const divisions = await divideProduct(s, { din: unit.din }, [30, 30, 22], act(p.tech));
    const refs = divisions.map((d) => ({ din: d.din, product: d.code }));
    for (const r of refs) await releaseProduct(s, r, PASSWORD, act(p.qm));
    await reserveProduct(
      s,
      refs[0] as (typeof refs)[0],
      "MRN-4242",
      "matched for MRN-4242",
      act(p.coordinator),
      TEST_PATIENTS,
    );
    return { p, din: unit.din, refs: refs as [(typeof refs)[0], (typeof refs)[0], (typeof refs)[0]] };
  }

  it("a released unit whose sterility turns positive is held with its siblings; reserve and ship are refused and audited; the dashboard lists it", async () => {
    const s = store();
    const { p, refs } = await releasedDivisions();
    const [a, b, c] = refs;
    await recordQc(
      s,
      a,
      {
        test: "sterility",
        stage: "post-processing",
        result: "positive",
        testedAt: nextTime(),
        retest: "confirmatory",
        reason: "retained culture sample grew Staphylococcus epidermidis at day 5",
      },
      act(p.tech),
    );
    for (const r of refs) {
      const prod = await findProduct(s.db, r);
      const holds = await openHoldsOf(s.db, prod.id);
      expect(holds, prod.id).toHaveLength(1);
      expect(holds[0]?.reason).toContain("sterility-negative");
      expect((await auditOf(s, "product", prod.id)).map((e) => e.action)).toContain("product.hold");
    }
    const bProduct = await findProduct(s.db, b);
    const refused = await expectCode(
      reserveProduct(s, b, "MRN-4242", "second unit", act(p.coordinator), TEST_PATIENTS),
      "PRODUCT_ON_HOLD",
    );
    expect(refused.message).toContain(bProduct.id);
    expect(refused.message).toContain("sterility-negative");
    expect((await findProduct(s.db, b)).status).toBe("available");
    expect((await auditOf(s, "product", bProduct.id)).map((e) => e.action)).toContain(
      "reservation.create.refused",
    );
    const aProduct = await findProduct(s.db, a);
    await expectCode(
      shipProduct(s, a, { destination: "City NICU", courier: "MedEx", shipperId: "DS-1" }, act(p.tech)),
      "PRODUCT_ON_HOLD",
    );
    expect((await findProduct(s.db, a)).status).toBe("reserved");
    expect((await auditOf(s, "product", aProduct.id)).map((e) => e.action)).toContain(
      "shipment.ship.refused",
    );

    const dashboard = await bankDashboard(s, new Date(nextTime()));
    const held = dashboard.holds.filter((h) => h.hold.din === aProduct.din);
    expect(held.map((h) => h.hold.productId).sort()).toEqual(
      [aProduct.id, bProduct.id, (await findProduct(s.db, c)).id].sort(),
    );
    expect(held.find((h) => h.hold.productId === aProduct.id)).toMatchObject({
      reservationPatientId: "MRN-4242",
      reservedBy: p.coordinator.username,
      shipmentDestination: null,
    });
    expect(held.find((h) => h.hold.productId === bProduct.id)?.reservedBy).toBeNull();

    // Only a quality manager, signing, with a documented justification.
    await expectCode(
      dispositionProduct(s, a, { decision: "release", reason: JUSTIFY }, PASSWORD, act(p.tech)),
      "FORBIDDEN",
    );
    await expectCode(
      dispositionProduct(s, a, { decision: "release", reason: JUSTIFY }, "wrong password", act(p.qm)),
      "AUTH_FAILED",
    );
    await expectCode(
      dispositionProduct(s, a, { decision: "release", reason: "ok" }, PASSWORD, act(p.qm)),
      "INVALID_INPUT",
    );
    expect(await openHoldsOf(s.db, aProduct.id)).toHaveLength(1);

    // Quarantine: the reserved unit returns to quarantine and its reservation ends.
    const q = await dispositionProduct(
      s,
      a,
      { decision: "quarantine", reason: JUSTIFY },
      PASSWORD,
      act(p.qm),
    );
    expect(q.product.status).toBe("quarantine");
    expect(q.signature.meaning).toBe("disposition");
    expect(q.holds.every((h) => h.state === "closed" && h.disposition === "quarantine")).toBe(true);
    expect(await openHoldsOf(s.db, aProduct.id)).toEqual([]);
    // Release with justification: stays available, can be reserved again.
    const r = await dispositionProduct(s, b, { decision: "release", reason: JUSTIFY }, PASSWORD, act(p.qm));
    expect(r.product.status).toBe("available");
    await reserveProduct(s, b, "MRN-4242", "after disposition", act(p.coordinator), TEST_PATIENTS);
    // Discard.
    const d = await dispositionProduct(s, c, { decision: "discard", reason: JUSTIFY }, PASSWORD, act(p.qm));
    expect(d.product.status).toBe("discarded");
    expect((await holdsOf(s.db, d.product.id)).map((h) => h.disposition)).toEqual(["discard"]);
    // Nothing left to dispose of.
    await expectCode(
      dispositionProduct(s, b, { decision: "release", reason: JUSTIFY }, PASSWORD, act(p.qm)),
      "STATUS_TRANSITION_ILLEGAL",
    );
    expect(
      (await bankDashboard(s, new Date(nextTime()))).holds.filter((h) => h.hold.din === aProduct.din),
    ).toEqual([]);
  });

  it("a unit held while in transit is refused at receipt, audited, stays out of stock, and is received after a signed release", async () => {
    const s = store();
    const { p, refs } = await releasedDivisions();
    const a = refs[0];
    await shipProduct(s, a, { destination: "City NICU", courier: "MedEx", shipperId: "DS-7" }, act(p.tech));
    const product = await findProduct(s.db, a);
    expect(product.status).toBe("shipped");
    await recordQc(
      s,
      a,
      {
        test: "sterility",
        stage: "post-processing",
        result: "positive",
        testedAt: nextTime(),
        retest: "confirmatory",
        reason: "retained culture sample grew Staphylococcus epidermidis at day 5",
      },
      act(p.tech),
    );
    // The shipping bank's dashboard names the shipment the hold affects.
    const held = (await bankDashboard(s, new Date(nextTime()))).holds.find(
      (h) => h.hold.productId === product.id,
    );
    expect(held).toMatchObject({ status: "shipped", shipmentDestination: "City NICU" });

    const receipt = {
      condition: "shipper intact, seals unbroken",
      excursionReason: "logger lost; probe -160 °C",
    };
    const refused = await expectCode(receiveProduct(s, a, receipt, act(p.coordinator)), "PRODUCT_ON_HOLD");
    expect(refused.message).toContain(product.id);
    expect(refused.message).toContain("sterility-negative");
    expect(refused.message).toContain("receiving it into stock at City NICU");
    expect(refused.details.operation).toContain("quarantine storage");
    expect((await findProduct(s.db, a)).status).toBe("shipped");
    const events = (await auditOf(s, "product", product.id)).filter(
      (e) => e.action === "shipment.receive.refused",
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: p.coordinator.username, reason: refused.message });
    expect(events[0]?.after).toMatchObject({ code: "PRODUCT_ON_HOLD" });

    await dispositionProduct(s, a, { decision: "release", reason: JUSTIFY }, PASSWORD, act(p.qm));
    const received = await receiveProduct(s, a, receipt, act(p.coordinator));
    expect(received.product.status).toBe("received");
  });

  it("a positive maternal HIV is not superseded by a negative without a reason; as a repeat it is kept, and the unit stays ineligible until a signed disposition", async () => {
    const s = store();
    const p = await staff();
    const unit = await registerCord(s, p.tech);
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "cryopreservation", performedAt: nextTime(), complete: true },
      act(p.tech),
    );
    const ref = { din: unit.din };
    await recordQc(
      s,
      ref,
      { test: "hiv", stage: "maternal", result: "positive", testedAt: nextTime() },
      act(p.tech),
    );
    const refused = await expectCode(
      recordQc(
        s,
        ref,
        { test: "hiv", stage: "maternal", result: "negative", testedAt: nextTime() },
        act(p.tech),
      ),
      "RESULT_CONTRADICTS",
    );
    expect(refused.message).toContain(unit.id);
    expect(refused.message).toContain("positive");
    expect((await auditOf(s, "product", unit.id)).map((e) => e.action)).toContain("product.qc.hiv.refused");
    // A retest kind without a reason is refused too.
    await expectCode(
      recordQc(
        s,
        ref,
        { test: "hiv", stage: "maternal", result: "negative", testedAt: nextTime(), retest: "repeat" },
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    await recordQc(
      s,
      ref,
      {
        test: "hiv",
        stage: "maternal",
        result: "negative",
        testedAt: nextTime(),
        retest: "repeat",
        reason: "initial reactive screen, repeat in duplicate non-reactive",
      },
      act(p.tech),
    );
    await recordAll(
      s,
      unit,
      [
        ...passingCordQc().filter((q) => q.test !== "hiv"),
        { test: "hla", stage: "post-processing", result: TYPING, testedAt: nextTime() },
      ],
      p.tech,
    );
    const history = (await qcOf(s.db, unit.id)).filter((r) => r.test === "hiv");
    expect(history.map((r) => [r.result, r.retest])).toEqual([
      ["positive", null],
      ["negative", "repeat"],
    ]);
    const failing = (await releaseCheck(s, ref)).filter((r) => !r.passed);
    expect(failing.map((r) => r.rule)).toEqual(["hiv-cord-blood-maternal"]);
    await expectCode(releaseProduct(s, ref, PASSWORD, act(p.qm)), "RELEASE_CRITERIA_FAILED");
    // The disposition covers the reactive screen; the unit, in quarantine, may then be released.
    const d = await dispositionProduct(s, ref, { decision: "release", reason: JUSTIFY }, PASSWORD, act(p.qm));
    expect(d.product.status).toBe("quarantine");
    expect((await releaseCheck(s, ref)).every((r) => r.passed)).toBe(true);
    expect((await releaseProduct(s, ref, PASSWORD, act(p.qm))).product.status).toBe("available");
    // A reactive result after release holds it again.
    await recordQc(
      s,
      ref,
      {
        test: "hiv",
        stage: "maternal",
        result: "positive",
        testedAt: nextTime(),
        retest: "confirmatory",
        reason: "confirmatory NAT on the archived maternal sample",
      },
      act(p.tech),
    );
    expect(await openHoldsOf(s.db, unit.id)).toHaveLength(1);
  });

  it("an HLA confirmatory typing discordant with the listed one holds a released unit", async () => {
    const s = store();
    const { p, refs } = await releasedDivisions();
    await recordQc(
      s,
      refs[1],
      {
        test: "hla",
        stage: "post-thaw",
        result: "A*03:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01",
        testedAt: nextTime(),
      },
      act(p.tech),
      { validateHla: () => {} },
    );
    const holds = await openHoldsOf(s.db, (await findProduct(s.db, refs[1])).id);
    expect(holds[0]?.reason).toContain("discordant");
    expect(await openHoldsOf(s.db, (await findProduct(s.db, refs[0])).id)).toHaveLength(1);
    await cancelReservation(s, refs[0], "unit on hold", act(p.coordinator));
  });
});
