/**
 * Materials, look-back and recall (issue 18 parts 1-2), on SQLite and PostgreSQL. Expected values come
 * from the definitions: a lot expiring on a date is usable through that date in the step's zone and refused
 * the next day; equipment past its calibration due date is refused; a look-back from a lot finds the
 * collections whose steps used it and every product of them (all divisions, shipped ones too) and nothing
 * else; a recall cannot close while an action is open.
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
} from "../../../test/support/bank.js";
import { DIALECTS, useStore } from "../../../test/support/databases.js";
import { expectCode } from "../../../test/support/expect-code.js";
import { auditOf } from "../../audit/trail.js";
import type { Store } from "../../store/connect.js";
import {
  addEquipment,
  addLot,
  closeRecall,
  closeRecallAction,
  decideLot,
  dispositionProduct,
  divideProduct,
  findProduct,
  listEquipment,
  listLots,
  listRecalls,
  lookback,
  openHoldsOf,
  openRecall,
  processingOf,
  qcOf,
  recallRecord,
  recordProcessing,
  recordQc,
  recordService,
  releaseProduct,
  reserveProduct,
  shipProduct,
} from "../index.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

describe.each(DIALECTS)("materials, look-back and recall on %s", (dialect) => {
  const store = useStore(dialect);
  let team: People | undefined;
  const staff = async () => {
    team ??= await people(store());
    return team;
  };

  async function acceptedLot(s: Store, p: People, lotNumber: string, expiresOn = "2027-12-31") {
    const lot = await addLot(
      s,
      {
        kind: "cryoprotectant",
        material: "DMSO 55% / Dextran 40 5%",
        supplier: "CryoSure",
        lotNumber,
        expiresOn,
        receivedAt: "2026-02-01T09:00:00Z",
      },
      act(p.tech),
    );
    return decideLot(
      s,
      lot.id,
      { decision: "accepted", reason: "certificate of analysis checked" },
      act(p.qm),
    );
  }

  it("a lot is usable through its expiry date in the step's zone and refused the day after, naming it, audited, nothing written", async () => {
    const s = store();
    const p = await staff();
    const lot = await acceptedLot(s, p, "DM-0228", "2026-02-28");
    const unit = await registerCord(s, p.tech);
    // 23:59 on 28 February in New York (04:59 UTC on 1 March): the expiry day itself.
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "volume-reduction", performedAt: "2026-02-28T23:59:00-05:00", lotIds: [lot.id] },
      act(p.tech),
    );
    // Midnight on 1 March in New York: the day after.
    const refused = await expectCode(
      recordProcessing(
        s,
        { din: unit.din },
        { step: "red-cell-depletion", performedAt: "2026-03-01T00:00:00-05:00", lotIds: [lot.id] },
        act(p.tech),
      ),
      "LOT_EXPIRED",
    );
    expect(refused.message).toContain("DM-0228");
    expect(refused.message).toContain("2026-02-28");
    expect(refused.details.field).toBe("lotIds.0");
    expect((await processingOf(s, unit.id)).map((r) => r.step)).toEqual(["volume-reduction"]);
    expect((await auditOf(s, "product", unit.id)).map((e) => e.action)).toContain("product.process.refused");
  });

  it("a pending or rejected lot is refused; a rejected lot stays rejected", async () => {
    const s = store();
    const p = await staff();
    const pending = await addLot(
      s,
      {
        kind: "bag-set",
        material: "CPD cord blood bag set",
        supplier: "Macopharma",
        lotNumber: "BS-1",
        expiresOn: "2027-06-30",
        receivedAt: "2026-02-10T09:00:00Z",
      },
      act(p.tech),
    );
    const unit = await registerCord(s, p.tech);
    const e = await expectCode(
      recordProcessing(
        s,
        { din: unit.din },
        { step: "volume-reduction", performedAt: nextTime(), lotIds: [pending.id] },
        act(p.tech),
      ),
      "LOT_NOT_ACCEPTED",
    );
    expect(e.message).toContain("BS-1");
    await expectCode(
      decideLot(s, pending.id, { decision: "accepted", reason: "ok" }, act(p.tech)),
      "FORBIDDEN",
    );
    await decideLot(s, pending.id, { decision: "rejected", reason: "seal broken on arrival" }, act(p.qm));
    const r = await expectCode(
      recordProcessing(
        s,
        { din: unit.din },
        { step: "volume-reduction", performedAt: nextTime(), lotIds: [pending.id] },
        act(p.tech),
      ),
      "LOT_NOT_ACCEPTED",
    );
    expect(r.message).toContain("rejected");
    expect(r.message).toContain("seal broken");
    await expectCode(
      decideLot(s, pending.id, { decision: "accepted", reason: "second look" }, act(p.qm)),
      "STATUS_TRANSITION_ILLEGAL",
    );
    expect(await processingOf(s, unit.id)).toEqual([]);
  });

  it("equipment past its calibration due date is refused for processing and QC, naming it, until calibrated", async () => {
    const s = store();
    const p = await staff();
    await addEquipment(
      s,
      {
        assetId: "cc-07",
        kind: "cell-counter",
        model: "Sysmex XN-350",
        serial: "SX-33211",
        calibrationDue: "2026-02-28",
        maintenanceDue: "2026-12-31",
      },
      act(p.tech),
    );
    const unit = await registerCord(s, p.tech);
    // The due date itself (in its zone) is within calibration; the next day is not.
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "volume-reduction", performedAt: "2026-02-28T22:00:00Z", assetIds: ["CC-07"] },
      act(p.tech),
    );
    const e = await expectCode(
      recordQc(
        s,
        { din: unit.din },
        { test: "tnc", stage: "post-processing", value: 1.1e9, testedAt: nextTime(), assetIds: ["cc-07"] },
        act(p.tech),
      ),
      "EQUIPMENT_OUT_OF_SERVICE",
    );
    expect(e.message).toContain("CC-07");
    expect(e.message).toContain("calibration");
    expect(await qcOf(s.db, unit.id)).toEqual([]);
    await recordService(
      s,
      "CC-07",
      { kind: "calibration", performedOn: "2026-03-01", nextDue: "2026-09-01" },
      act(p.tech),
    );
    const [eq] = await listEquipment(s.db);
    expect(eq?.calibrationDue).toBe("2026-09-01");
    expect(eq?.services.map((x) => x.kind)).toEqual(["calibration"]);
    await recordQc(
      s,
      { din: unit.din },
      { test: "tnc", stage: "post-processing", value: 1.1e9, testedAt: nextTime(), assetIds: ["CC-07"] },
      act(p.tech),
    );
    expect(await qcOf(s.db, unit.id)).toHaveLength(1);
  });

  /** A cord unit cryopreserved with the given lot, passing QC, divided in three, released; the first reserved and shipped. */
  async function unitWith(s: Store, p: People, lotId: string, donor: string, ship: boolean) {
    const unit = await registerCord(s, p.tech, { donorId: `INF-${donor}`, motherId: `MOT-${donor}` });
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "cryopreservation", performedAt: nextTime(), complete: true, lotIds: [lotId] },
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
    if (ship) {
      const first = refs[0] as (typeof refs)[0];
      await reserveProduct(s, first, "MRN-4242", "matched for MRN-4242", act(p.coordinator), TEST_PATIENTS);
      await shipProduct(
        s,
        first,
        { destination: "City NICU", courier: "MedEx", shipperId: "DS-1" },
        act(p.tech),
      );
    }
    return { unit, ids: divisions.map((d) => d.id) };
  }

  it("a look-back from a lot finds exactly the units processed with it (divisions and shipped ones), and a recall holds them and closes only when every action is closed", async () => {
    const s = store();
    const p = await staff();
    const contaminated = await acceptedLot(s, p, "DM-BAD");
    const clean = await acceptedLot(s, p, "DM-GOOD");
    const a = await unitWith(s, p, contaminated.id, "A1", true);
    const b = await unitWith(s, p, clean.id, "B2", false);

    const found = await lookback(s.db, { origin: "lot", ref: contaminated.id });
    expect(found.collections).toBe(1);
    expect(found.products.map((x) => x.productId).sort()).toEqual([a.unit.id, ...a.ids].sort());
    expect(found.products.some((x) => b.ids.includes(x.productId))).toBe(false);
    const shipped = found.products.find((x) => x.productId === a.ids[0]);
    expect(shipped).toMatchObject({
      status: "shipped",
      reservedFor: "MRN-4242",
      reservedBy: p.coordinator.username,
    });
    expect(shipped?.shipments.map((x) => x.destination)).toEqual(["City NICU"]);
    expect(found.parties.map((x) => [x.kind, x.name])).toEqual([
      ["centre", "City NICU"],
      ["physician", p.coordinator.username],
    ]);
    expect(found.parties[0]?.message).toContain(a.ids[0]);
    // From the donor or the mother, and from the DIN: the same collection.
    expect((await lookback(s.db, { origin: "donor", ref: "MOT-A1" })).products).toHaveLength(4);
    expect((await lookback(s.db, { origin: "product", ref: a.unit.din })).products).toHaveLength(4);

    const opened = await openRecall(
      s,
      { origin: "lot", ref: contaminated.id, reason: "lot DM-BAD: supplier reports Bacillus contamination" },
      act(p.qm),
    );
    expect(opened.recall.state).toBe("open");
    // The divided parent has ended (its cells are in the divisions): the three divisions are held.
    for (const id of a.ids)
      expect((await openHoldsOf(s.db, id)).map((h) => [h.source, h.recallId])).toEqual([
        ["recall", opened.recall.id],
      ]);
    expect(await openHoldsOf(s.db, a.unit.id)).toEqual([]);
    for (const id of b.ids) expect(await openHoldsOf(s.db, id)).toEqual([]);
    expect(opened.actions.map((x) => x.kind).sort()).toEqual([
      "hold",
      "hold",
      "hold",
      "notify",
      "notify",
      "retrieve",
    ]);
    // The list counts each recall's products and open actions (grouped, one query each for the page).
    const listed = (await listRecalls(s.db)).find((x) => x.id === opened.recall.id);
    expect(listed).toMatchObject({ products: opened.products.length, openActions: 6 });
    // The divided parent (ended) and its three divisions, as the look-back from the product found.
    expect(opened.products.length).toBe(4);
    const notice = opened.actions.find((x) => x.kind === "notify" && x.party === "City NICU");
    expect(notice?.message).toContain("Bacillus");
    expect(notice?.message).toContain("do not thaw or infuse");

    const refused = await expectCode(
      closeRecall(s, opened.recall.id, { note: "done", password: PASSWORD }, act(p.qm)),
      "RECALL_ACTIONS_OPEN",
    );
    expect(refused.message).toContain("6 open action(s)");
    expect((await auditOf(s, "recall", opened.recall.id)).map((e) => e.action)).toContain(
      "recall.close.refused",
    );
    const hold = opened.actions.find((x) => x.kind === "hold") as (typeof opened.actions)[0];
    await expectCode(
      closeRecallAction(s, opened.recall.id, hold.id, { outcome: "held" }, act(p.qm)),
      "RECALL_ACTIONS_OPEN",
    );

    for (const id of a.ids) {
      const prod = (await lookback(s.db, { origin: "product", ref: a.unit.din })).products.find(
        (x) => x.productId === id,
      );
      await dispositionProduct(
        s,
        { din: a.unit.din, product: prod?.code as string },
        { decision: "discard", reason: "recalled: processed with contaminated DMSO lot DM-BAD" },
        PASSWORD,
        act(p.qm),
      );
    }
    let rec = await recallRecord(s.db, opened.recall.id, act(p.qm));
    for (const x of rec.actions) {
      rec = await closeRecallAction(
        s,
        opened.recall.id,
        x.id,
        { outcome: `${x.kind} done` },
        act(x.kind === "notify" ? p.coordinator : p.qm),
      );
    }
    // The coordinator closed the last notice; the close is the quality manager's.
    expect(rec.mayClose).toBe(false);
    expect((await recallRecord(s.db, opened.recall.id, act(p.qm))).mayClose).toBe(true);
    await expectCode(
      closeRecall(s, opened.recall.id, { note: "all done", password: "wrong password" }, act(p.qm)),
      "AUTH_FAILED",
    );
    const closed = await closeRecall(
      s,
      opened.recall.id,
      { note: "all units discarded, centre confirmed", password: PASSWORD },
      act(p.qm),
    );
    expect(closed.recall.state).toBe("closed");
    expect((await listRecalls(s.db)).find((x) => x.id === opened.recall.id)).toMatchObject({
      state: "closed",
      products: 4,
      openActions: 0,
    });
    expect(closed.signature?.meaning).toBe("approved");
    expect(closed.signature?.username).toBe(p.qm.username);
    expect(
      closed.actions.every((x) => x.state === "closed" && x.closedBy !== null && x.closedAt !== null),
    ).toBe(true);
    expect(
      (await findProduct(s.db, { din: a.unit.din, product: rec.products[1]?.whereabouts.code as string }))
        .status,
    ).toBe("discarded");
    const kinds = (await auditOf(s, "recall", opened.recall.id)).map((e) => e.action);
    expect(kinds).toEqual(
      expect.arrayContaining(["recall.open", "recall.action.close", "recall.close", "signature.approved"]),
    );
    await expectCode(
      closeRecallAction(s, opened.recall.id, hold.id, { outcome: "again" }, act(p.qm)),
      "RECALL_CLOSED",
    );
  });

  it("a look-back from equipment counts only steps inside its window; a recall of nothing is refused", async () => {
    const s = store();
    const p = await staff();
    await addEquipment(
      s,
      {
        assetId: "CENT-02",
        kind: "centrifuge",
        model: "Sepax 2",
        serial: "SPX-1",
        calibrationDue: "2027-01-01",
        maintenanceDue: "2027-01-01",
      },
      act(p.tech),
    );
    const unit = await registerCord(s, p.tech, { donorId: "INF-C3", motherId: "MOT-C3" });
    const at = nextTime();
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "volume-reduction", performedAt: at, assetIds: ["CENT-02"] },
      act(p.tech),
    );
    const inside = await lookback(s.db, {
      origin: "equipment",
      ref: "cent-02",
      from: "2026-02-01T00:00:00Z",
      to: at,
    });
    expect(inside.products.map((x) => x.productId)).toEqual([unit.id]);
    const before = await lookback(s.db, {
      origin: "equipment",
      ref: "CENT-02",
      from: "2026-02-01T00:00:00Z",
      to: "2026-02-27T00:00:00Z",
    });
    expect(before.products).toEqual([]);
    await expectCode(lookback(s.db, { origin: "equipment", ref: "CENT-02" }), "INVALID_INPUT");
    await expectCode(
      openRecall(
        s,
        {
          origin: "equipment",
          ref: "CENT-02",
          from: "2026-02-01T00:00:00Z",
          to: "2026-02-27T00:00:00Z",
          reason: "rotor fault",
        },
        act(p.qm),
      ),
      "NOTHING_AFFECTED",
    );
    await expectCode(
      openRecall(s, { origin: "donor", ref: "MOT-C3", reason: "positive" }, act(p.tech)),
      "FORBIDDEN",
    );
  });

  it("wrong-type and hostile input is refused by name and writes nothing", async () => {
    const s = store();
    const p = await staff();
    const [lotsBefore, equipmentBefore] = [(await listLots(s.db)).length, (await listEquipment(s.db)).length];
    const good = {
      kind: "test-kit",
      material: "BacT/ALERT aerobic bottle",
      supplier: "bioMérieux",
      lotNumber: "BA-77",
      expiresOn: "2027-01-31",
      receivedAt: "2026-02-01T09:00:00Z",
    };
    const bad: [string, unknown][] = [
      ["null", null],
      ["proto", JSON.parse('{"__proto__": {"acceptance": "accepted"}, "kind": "test-kit"}')],
      ["huge", { ...good, material: "x".repeat(100_000) }],
      ["impossible date", { ...good, expiresOn: "2026-02-30" }],
      ["Infinity", { ...good, expiresOn: Number.POSITIVE_INFINITY }],
      ["unknown kind", { ...good, kind: "toString" }],
      ["extra field", { ...good, acceptance: "accepted" }],
      ["time without zone", { ...good, receivedAt: "2026-02-01T09:00:00" }],
    ];
    for (const [what, input] of bad) {
      const e = await expectCode(addLot(s, input as never, act(p.tech)), "INVALID_INPUT");
      expect(e.message.length, what).toBeGreaterThan(0);
    }
    const unit = await registerCord(s, p.tech);
    await expectCode(
      recordProcessing(
        s,
        { din: unit.din },
        { step: "volume-reduction", performedAt: nextTime(), lotIds: ["not-a-uuid"] },
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    await expectCode(
      recordProcessing(
        s,
        { din: unit.din },
        { step: "volume-reduction", performedAt: nextTime(), lotIds: [crypto.randomUUID()] },
        act(p.tech),
      ),
      "MATERIAL_NOT_FOUND",
    );
    await expectCode(lookback(s.db, { origin: "__proto__", ref: "x" } as never), "INVALID_INPUT");
    await expectCode(lookback(s.db, { origin: "lot", ref: null } as never), "INVALID_INPUT");
    await expectCode(
      addEquipment(
        s,
        {
          assetId: "X/1",
          kind: "centrifuge",
          model: "m",
          serial: "s",
          calibrationDue: "2027-01-01",
          maintenanceDue: "2027-01-01",
        },
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    expect(await listLots(s.db)).toHaveLength(lotsBefore);
    expect(await listEquipment(s.db)).toHaveLength(equipmentBefore);
    expect(await processingOf(s, unit.id)).toEqual([]);
  });
});
