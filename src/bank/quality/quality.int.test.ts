/**
 * The bank's quality system (issue 18 parts 3 to 6) on SQLite and PostgreSQL: an open deviation blocks
 * release until closed; the 21 CFR 1271.350(a) and (b) clocks and the EU clock at their edges; CAPAs
 * overdue from the day after their due date; an excursion alarms at the reading that crosses the threshold,
 * lists the units in the device and escalates when unacknowledged (injected clock); a silent sensor
 * alarms; device tokens; idempotent readings; hostile input. Expected dates are counted on the calendar.
 */
import { describe, expect, it } from "vitest";
import {
  PASSWORD,
  type People,
  TEST_PATIENTS,
  act,
  defineBoxes,
  nextTime,
  passingCordQc,
  people,
  recordAll,
  registerCord,
  releasedCord,
} from "../../../test/support/bank.js";
import { DIALECTS, useStore } from "../../../test/support/databases.js";
import { expectCode } from "../../../test/support/expect-code.js";
import { type User, createUser } from "../../accounts/users.js";
import { auditOf } from "../../audit/trail.js";
import type { Store } from "../../store/connect.js";
import type { Act } from "../act.js";
import {
  acknowledgeAlarm,
  addEquipment,
  assessDeviation,
  closeAlarm,
  closeDeviation,
  closeVigilance,
  completeCapa,
  discardProduct,
  divideProduct,
  findProduct,
  getAlarm,
  getDeviation,
  getVigilanceCase,
  importReadings,
  issueDeviceToken,
  listAlarms,
  listCapas,
  listVigilanceCases,
  lookback,
  moveProduct,
  openCapa,
  parseLocation,
  parseReadingsCsv,
  postReadings,
  qualityDashboard,
  recordDeviation,
  recordInvestigation,
  recordProcessing,
  recordVigilance,
  releaseCheck,
  releaseProduct,
  reserveProduct,
  setMonitoring,
  shipProduct,
  storeProduct,
  submitDeviationReport,
  submitVigilanceReport,
  sweepAlarms,
} from "../index.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
const at = (iso: string, user: User): Act => ({ user, at: new Date(iso) });
const MIN = 60_000;

describe.each(DIALECTS)("quality system on %s", (dialect) => {
  const store = useStore(dialect);
  let team: (People & { second: User }) | undefined;
  const staff = async () => {
    if (!team) {
      const p = await people(store());
      const second = await createUser(
        store(),
        { username: "sam", printedName: "Sam Second", roles: ["quality-manager"], password: PASSWORD },
        "system",
        new Date("2026-01-01T00:00:00Z"),
      );
      team = { ...p, second };
    }
    return team;
  };

  /** A cord unit processed and QC'd to pass every criterion: in quarantine, ready to release. */
  async function readyToRelease(donorId = "INF-RTR") {
    const s = store();
    const p = await staff();
    const unit = await registerCord(s, p.tech, { donorId });
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
    return unit;
  }

  it("a product under an open deviation is not released (refusal names it, audited) until the deviation is closed with a signed decision", async () => {
    const s = store();
    const p = await staff();
    const unit = await readyToRelease();
    const d = await recordDeviation(
      s,
      {
        kind: "unplanned",
        discoveredAt: nextTime(),
        description: "controlled-rate freezer profile deviated by 4 °C/min during cryopreservation",
        products: [{ din: unit.din }],
        equipment: ["CRF-02"],
      },
      act(p.tech),
    );
    expect(d.state).toBe("open");
    expect(d.distributed).toBe(false);
    expect(d.report).toBeNull();
    expect(d.links.map((l) => l.kind).sort()).toEqual(["equipment", "product"]);
    const check = await releaseCheck(s, { din: unit.din });
    expect(check.find((r) => r.rule === "no-open-deviation")?.passed).toBe(false);
    const refused = await expectCode(
      releaseProduct(s, { din: unit.din }, PASSWORD, act(p.qm)),
      "DEVIATION_OPEN",
    );
    expect(refused.message).toContain(d.id);
    expect((await findProduct(s.db, { din: unit.din })).status).toBe("quarantine");
    expect((await auditOf(s, "product", unit.id)).map((e) => e.action)).toContain("product.release.refused");
    // Closing needs an assessment first, and a lab technologist may not assess or close.
    await expectCode(
      closeDeviation(
        s,
        d.id,
        { decision: "accept", reason: "profile within validated range" },
        PASSWORD,
        act(p.qm),
      ),
      "QUALITY_STATE",
    );
    await expectCode(
      assessDeviation(
        s,
        d.id,
        { impact: "post-thaw viability of the retained segment 91 %", reportable: false },
        act(p.tech),
      ),
      "FORBIDDEN",
    );
    await assessDeviation(
      s,
      d.id,
      { impact: "post-thaw viability of the retained segment 91 %", reportable: false },
      act(p.qm),
    );
    await expectCode(releaseProduct(s, { din: unit.din }, PASSWORD, act(p.qm)), "DEVIATION_OPEN");
    await expectCode(
      closeDeviation(
        s,
        d.id,
        { decision: "accept", reason: "profile within validated range" },
        "wrong password",
        act(p.qm),
      ),
      "AUTH_FAILED",
    );
    const closed = await closeDeviation(
      s,
      d.id,
      { decision: "accept", reason: "profile within validated range, segment viability 91 %" },
      PASSWORD,
      act(p.qm),
    );
    expect(closed.state).toBe("closed");
    expect(closed.closureSignatureId).not.toBeNull();
    expect((await auditOf(s, "deviation", d.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "deviation.record",
        "deviation.assess",
        "signature.refused",
        "signature.approved",
        "deviation.close",
      ]),
    );
    const released = await releaseProduct(s, { din: unit.din }, PASSWORD, act(p.qm));
    expect(released.product.status).toBe("available");
  });

  it("a deviation closed rejecting the product keeps barring its release", async () => {
    const s = store();
    const p = await staff();
    const unit = await readyToRelease();
    const d = await recordDeviation(
      s,
      {
        kind: "unplanned",
        discoveredAt: nextTime(),
        description: "bag seal leak found at visual inspection",
        products: [{ din: unit.din }],
      },
      act(p.tech),
    );
    await assessDeviation(
      s,
      d.id,
      { impact: "sterility of the unit cannot be assured", reportable: false },
      act(p.qm),
    );
    await closeDeviation(
      s,
      d.id,
      { decision: "reject", reason: "unit not suitable for release" },
      PASSWORD,
      act(p.qm),
    );
    await expectCode(releaseProduct(s, { din: unit.din }, PASSWORD, act(p.qm)), "DEVIATION_OPEN");
  });

  it("a deviation in a distributed product carries the 1271.350(b) clock: due through day 45 after discovery, overdue on day 46; a reportable one closes only after its report", async () => {
    const s = store();
    const p = await staff();
    const released = await releasedCord(s, p, TYPING, {
      donorId: "INF-DIST",
    });
    // Discovered on 1 March (day 0): 30 more days of March end on the 31st, 15 of April on the 15th.
    const d = await recordDeviation(
      s,
      {
        kind: "unplanned",
        discoveredAt: "2026-03-01T10:00:00Z",
        description: "release criteria checked against a superseded SOP version",
        products: [{ din: released.din }],
      },
      at("2026-03-02T09:00:00Z", p.tech),
    );
    expect(d.distributed).toBe(true);
    expect(d.report?.dueDate).toBe("2026-04-15");
    expect((await getDeviation(s.db, d.id, new Date("2026-04-15T23:59:59.999Z"))).report?.state).toBe("due");
    expect((await getDeviation(s.db, d.id, new Date("2026-04-16T00:00:00Z"))).report?.state).toBe("overdue");
    const dash = await qualityDashboard(s, new Date("2026-04-16T00:00:00Z"));
    expect(dash.reportsDue.find((r) => r.id === d.id)).toMatchObject({
      kind: "deviation",
      dueDate: "2026-04-15",
      state: "overdue",
    });
    await assessDeviation(
      s,
      d.id,
      { impact: "criteria unchanged between versions; product suitable", reportable: true },
      at("2026-03-03T09:00:00Z", p.qm),
    );
    await expectCode(
      closeDeviation(
        s,
        d.id,
        { decision: "accept", reason: "criteria unchanged, report pending" },
        PASSWORD,
        at("2026-03-03T09:10:00Z", p.qm),
      ),
      "QUALITY_STATE",
    );
    const submitted = await submitDeviationReport(
      s,
      d.id,
      { reference: "FDA-3486-2026-0042", submittedAt: "2026-04-15T16:00:00Z" },
      at("2026-04-15T16:05:00Z", p.qm),
    );
    expect(submitted.report).toMatchObject({
      state: "submitted",
      reference: "FDA-3486-2026-0042",
      submittedBy: "quinn",
    });
    await closeDeviation(
      s,
      d.id,
      { decision: "accept", reason: "criteria unchanged; report submitted" },
      PASSWORD,
      at("2026-04-15T16:10:00Z", p.qm),
    );
  });

  it("a deviation touching no distributed product cannot be assessed reportable", async () => {
    const s = store();
    const p = await staff();
    const unit = await readyToRelease();
    const d = await recordDeviation(
      s,
      {
        kind: "planned",
        discoveredAt: nextTime(),
        description: "planned use of the backup centrifuge",
        products: [{ din: unit.din }],
      },
      act(p.tech),
    );
    await expectCode(
      assessDeviation(s, d.id, { impact: "no impact on the product", reportable: true }, act(p.qm)),
      "INVALID_INPUT",
    );
  });

  it("CAPAs have an owner and a due date; open past the due date they are overdue (the due date itself is not)", async () => {
    const s = store();
    const p = await staff();
    const c = await openCapa(
      s,
      {
        kind: "corrective",
        description: "retrain the night shift on the freezer profile SOP",
        owner: "tina",
        dueDate: "2026-03-31",
      },
      at("2026-03-02T09:00:00Z", p.qm),
    );
    expect(c.overdue).toBe(false);
    const onTheDay = await listCapas(s.db, new Date("2026-03-31T23:59:59Z"), { open: true });
    expect(onTheDay.find((x) => x.id === c.id)?.overdue).toBe(false);
    const after = await qualityDashboard(s, new Date("2026-04-01T00:00:00Z"));
    expect(after.capas.find((x) => x.id === c.id)?.overdue).toBe(true);
    await expectCode(
      openCapa(
        s,
        {
          kind: "preventive",
          description: "an action with nobody behind it",
          owner: "nobody",
          dueDate: "2026-04-30",
        },
        act(p.qm),
      ),
      "INVALID_INPUT",
    );
    const done = await completeCapa(
      s,
      c.id,
      { outcome: "night shift retrained, quiz passed by all" },
      at("2026-04-02T09:00:00Z", p.qm),
    );
    expect(done).toMatchObject({ state: "done", overdue: false, completedBy: "quinn" });
  });

  describe("freezer and tank monitoring", () => {
    const T0 = Date.parse("2026-06-01T02:00:00Z");
    const t = (minutes: number) => new Date(T0 + minutes * MIN);

    it("an excursion alarms at the reading that crosses −150 °C, lists the units in the tank with their exposure, escalates after 15 unacknowledged minutes, and is acknowledged and closed signed", async () => {
      const s = store();
      const p = await staff();
      await defineBoxes(s, p.tech, ["TANK-A/R1/B1", "TANK-A/R2/B3"]);
      const u1 = await releasedCord(s, p, TYPING, {
        donorId: "INF-T1",
      });
      const u2 = await releasedCord(s, p, TYPING, {
        donorId: "INF-T2",
      });
      await storeProduct(s, { din: u1.din }, parseLocation("TANK-A/R1/B1/A1"), act(p.tech));
      await storeProduct(s, { din: u2.din }, parseLocation("TANK-A/R2/B3/C4"), act(p.tech));
      const settings = await setMonitoring(
        s,
        { device: "tank-a", escalateTo: "sam" },
        { user: p.qm, at: t(-60) },
      );
      expect(settings).toMatchObject({
        maxCelsius: -150,
        ackMinutes: 15,
        silentMinutes: 30,
        escalateTo: "sam",
      });
      const first = await importReadings(
        s,
        "TANK-A",
        [
          { at: t(-10).toISOString(), celsius: -190, ln2Level: 80 },
          { at: t(-5).toISOString(), celsius: -150 }, // at the threshold: not warmer
        ],
        { user: p.tech, at: t(-4) },
      );
      expect(first.alarmsRaised).toEqual([]);
      const warm = await importReadings(s, "TANK-A", [{ at: t(0).toISOString(), celsius: -149.5 }], {
        user: p.tech,
        at: t(0),
      });
      expect(warm.alarmsRaised).toHaveLength(1);
      const id = warm.alarmsRaised[0] as string;
      // Still warm: the same condition, no second alarm.
      expect(
        (
          await importReadings(s, "TANK-A", [{ at: t(5).toISOString(), celsius: -140 }], {
            user: p.tech,
            at: t(5),
          })
        ).alarmsRaised,
      ).toEqual([]);
      const alarm = await getAlarm(s.db, id, t(10));
      expect(alarm).toMatchObject({
        device: "TANK-A",
        kind: "excursion",
        state: "open",
        value: -149.5,
        threshold: -150,
        startedAt: t(0).toISOString(),
      });
      expect(
        alarm.products.map((x) => [x.productId, x.rack, x.box, x.position, x.exposureMinutes]).sort(),
      ).toEqual(
        [
          [u1.id, "R1", "B1", "A1", 10],
          [u2.id, "R2", "B3", "C4", 10],
        ].sort(),
      );
      expect((await sweepAlarms(s, new Date(T0 + 15 * MIN - 1))).escalated).toEqual([]);
      expect((await sweepAlarms(s, t(15))).escalated).toEqual([id]);
      expect(await getAlarm(s.db, id, t(15))).toMatchObject({
        escalatedTo: "sam",
        escalatedAt: t(15).toISOString(),
      });
      expect((await sweepAlarms(s, t(20))).escalated).toEqual([]); // once
      expect((await auditOf(s, "alarm", id)).map((e) => e.action)).toContain("alarm.escalate");
      // Back in range at +25: exposure ends there.
      await importReadings(s, "TANK-A", [{ at: t(25).toISOString(), celsius: -185 }], {
        user: p.tech,
        at: t(25),
      });
      await expectCode(
        closeAlarm(
          s,
          id,
          { actions: "lid gasket replaced", impact: "units below −135 °C throughout", password: PASSWORD },
          { user: p.qm, at: t(26) },
        ),
        "QUALITY_STATE",
      );
      const acked = await acknowledgeAlarm(
        s,
        id,
        { note: "lid found ajar, closed", password: PASSWORD },
        { user: p.second, at: t(26) },
      );
      expect(acked).toMatchObject({
        state: "acknowledged",
        acknowledgedBy: "sam",
        recoveredAt: t(25).toISOString(),
      });
      expect(acked.products.every((x) => x.exposureMinutes === 25)).toBe(true);
      await expectCode(
        closeAlarm(
          s,
          id,
          { actions: "lid gasket replaced", impact: "units below −135 °C throughout", password: PASSWORD },
          { user: p.tech, at: t(30) },
        ),
        "FORBIDDEN",
      );
      const closed = await closeAlarm(
        s,
        id,
        {
          actions: "lid gasket replaced",
          impact: "peak −140 °C for 25 minutes: units stay below their glass transition",
          password: PASSWORD,
        },
        { user: p.qm, at: t(30) },
      );
      expect(closed.state).toBe("closed");
      expect(closed.closeSignatureId).not.toBeNull();
    });

    it("an alarm's products come from the storage history: one moved out during the excursion is listed with when it left, one stored after recovery is not; a look-back from the tank's equipment finds the same", async () => {
      const s = store();
      const p = await staff();
      await defineBoxes(s, p.tech, ["TANK-H/R1/B1", "TANK-I/R1/B1"]);
      const stays = await releasedCord(s, p, TYPING, { donorId: "INF-E1" });
      const leaves = await releasedCord(s, p, TYPING, { donorId: "INF-E2" });
      const later = await releasedCord(s, p, TYPING, { donorId: "INF-E3" });
      await storeProduct(s, { din: stays.din }, parseLocation("TANK-H/R1/B1/A1"), act(p.tech));
      await storeProduct(s, { din: leaves.din }, parseLocation("TANK-H/R1/B1/B2"), act(p.tech));
      await setMonitoring(s, { device: "TANK-H", escalateTo: "sam" }, { user: p.qm, at: t(-60) });
      const warm = await importReadings(s, "TANK-H", [{ at: t(0).toISOString(), celsius: -120 }], {
        user: p.tech,
        at: t(0),
      });
      const id = warm.alarmsRaised[0] as string;
      // Ten minutes in, one unit is rescued to the other tank (moved within TANK-H first: one stay merged).
      await moveProduct(s, { din: leaves.din }, parseLocation("TANK-H/R1/B1/C3"), "away from the lid", {
        user: p.tech,
        at: t(4),
      });
      await moveProduct(
        s,
        { din: leaves.din },
        parseLocation("TANK-I/R1/B1/A1"),
        "rescued from the warm tank",
        {
          user: p.tech,
          at: t(10),
        },
      );
      await importReadings(s, "TANK-H", [{ at: t(25).toISOString(), celsius: -190 }], {
        user: p.tech,
        at: t(25),
      });
      await storeProduct(s, { din: later.din }, parseLocation("TANK-H/R1/B1/A2"), {
        user: p.tech,
        at: t(30),
      });
      const alarm = await getAlarm(s.db, id, t(40));
      expect(alarm.products.map((x) => [x.productId, x.location, x.leftAt, x.exposureMinutes])).toEqual([
        [stays.id, "TANK-H/R1/B1/A1", null, 25],
        [leaves.id, "TANK-H/R1/B1/C3", t(10).toISOString(), 10],
      ]);
      // The same answer after the fact: the list does not drift as products move on.
      await moveProduct(s, { din: stays.din }, parseLocation("TANK-I/R1/B1/B1"), "tank emptied for service", {
        user: p.tech,
        at: t(50),
      });
      expect((await getAlarm(s.db, id, t(60))).products.map((x) => [x.productId, x.exposureMinutes])).toEqual(
        [
          [stays.id, 25],
          [leaves.id, 10],
        ],
      );
      await addEquipment(
        s,
        {
          assetId: "TANK-H-EQ",
          kind: "ln2-tank",
          model: "MVE 1500",
          serial: "MVE-77",
          storageDevice: "TANK-H",
          calibrationDue: "2027-01-01",
          maintenanceDue: "2027-01-01",
        },
        { user: p.tech, at: t(61) },
      );
      const back = await lookback(s.db, {
        origin: "equipment",
        ref: "TANK-H-EQ",
        from: t(0).toISOString(),
        to: t(25).toISOString(),
      });
      expect(back.products.map((x) => x.productId).sort()).toEqual([stays.id, leaves.id].sort());
      const after = await lookback(s.db, {
        origin: "equipment",
        ref: "TANK-H-EQ",
        from: t(26).toISOString(),
        to: t(40).toISOString(),
      });
      expect(after.products.map((x) => x.productId).sort()).toEqual([stays.id, later.id].sort());
    });

    it("readings are idempotent by device and time; a different value at the same time is refused and nothing is written", async () => {
      const s = store();
      const p = await staff();
      await defineBoxes(s, p.tech, ["TANK-B/R1/B1"]);
      await setMonitoring(s, { device: "TANK-B", escalateTo: "sam" }, { user: p.qm, at: t(-60) });
      const r = { at: "2026-06-01T02:00:00+02:00", celsius: -190.5 };
      expect((await importReadings(s, "TANK-B", [r], { user: p.tech, at: t(0) })).stored).toBe(1);
      // The same instant written in UTC is the same reading.
      const again = await importReadings(s, "TANK-B", [{ at: "2026-06-01T00:00:00Z", celsius: -190.5 }], {
        user: p.tech,
        at: t(1),
      });
      expect(again).toMatchObject({ stored: 0, duplicates: 1 });
      await expectCode(
        importReadings(
          s,
          "TANK-B",
          [
            { at: "2026-06-01T00:01:00Z", celsius: -190 },
            { at: "2026-06-01T00:00:00Z", celsius: -120 },
          ],
          { user: p.tech, at: t(2) },
        ),
        "READING_CONFLICT",
      );
      const again2 = await importReadings(s, "TANK-B", [{ at: "2026-06-01T00:01:00Z", celsius: -190 }], {
        user: p.tech,
        at: t(3),
      });
      expect(again2.stored).toBe(1); // the refused batch wrote nothing
      await expectCode(
        importReadings(
          s,
          "TANK-B",
          [
            { at: "2026-06-01T00:05:00Z", celsius: -190 },
            { at: "2026-06-01T00:05:00Z", celsius: -191 },
          ],
          { user: p.tech, at: t(4) },
        ),
        "READING_CONFLICT",
      );
    });

    it("a silent sensor alarms once its interval passes without a reading, and a new reading ends it", async () => {
      const s = store();
      const p = await staff();
      await defineBoxes(s, p.tech, ["TANK-C/R1/B1"]);
      await setMonitoring(
        s,
        { device: "TANK-C", escalateTo: "sam", silentMinutes: 30 },
        { user: p.qm, at: t(-60) },
      );
      await importReadings(s, "TANK-C", [{ at: t(0).toISOString(), celsius: -190 }], {
        user: p.tech,
        at: t(0),
      });
      await sweepAlarms(s, new Date(T0 + 30 * MIN - 1));
      const mine = async () =>
        (await listAlarms(s.db, t(40), { open: true })).filter((a) => a.device === "TANK-C");
      expect(await mine()).toEqual([]);
      const loud = await sweepAlarms(s, t(30));
      const silent = await mine();
      expect(silent).toHaveLength(1);
      expect(silent[0]).toMatchObject({
        kind: "silent",
        startedAt: t(0).toISOString(),
        raisedAt: t(30).toISOString(),
      });
      expect(loud.raised).toContain(silent[0]?.id);
      await sweepAlarms(s, t(35));
      expect(await mine()).toHaveLength(1);
      await importReadings(s, "TANK-C", [{ at: t(36).toISOString(), celsius: -190 }], {
        user: p.tech,
        at: t(36),
      });
      expect((await mine())[0]?.recoveredAt).toBe(t(36).toISOString());
    });

    it("the monitoring system posts with its device token: missing, wrong and rotated tokens are refused and audited", async () => {
      const s = store();
      const p = await staff();
      await defineBoxes(s, p.tech, ["TANK-D/R1/B1"]);
      await setMonitoring(s, { device: "TANK-D", escalateTo: "sam" }, { user: p.qm, at: t(-60) });
      const body = (m: number) => ({
        device: "TANK-D",
        readings: [{ at: t(m).toISOString(), celsius: -191 }],
      });
      await expectCode(postReadings(s, body(0), undefined, t(0)), "DEVICE_TOKEN_INVALID"); // no token yet
      await expectCode(issueDeviceToken(s, "TANK-D", { user: p.tech, at: t(0) }), "FORBIDDEN");
      const first = await issueDeviceToken(s, "TANK-D", { user: p.qm, at: t(0) });
      expect(first.token).toMatch(/^cdm_/);
      expect((await postReadings(s, body(1), first.token, t(1))).stored).toBe(1);
      await expectCode(postReadings(s, body(2), `${first.token}x`, t(2)), "DEVICE_TOKEN_INVALID");
      const second = await issueDeviceToken(s, "TANK-D", { user: p.qm, at: t(3) });
      expect(second.token).not.toBe(first.token);
      await expectCode(postReadings(s, body(4), first.token, t(4)), "DEVICE_TOKEN_INVALID");
      expect((await postReadings(s, body(5), second.token, t(5))).stored).toBe(1);
      const actions = (await auditOf(s, "storage-device", "TANK-D")).map((e) => e.action);
      expect(actions.filter((a) => a === "monitoring.readings.refused")).toHaveLength(3);
      expect(actions).toEqual(expect.arrayContaining(["monitoring.token.create", "monitoring.token.rotate"]));
      expect(JSON.stringify(await auditOf(s, "storage-device", "TANK-D"))).not.toContain(second.token);
      // A device nobody set up for monitoring is refused before any token is looked at.
      await defineBoxes(s, p.tech, ["TANK-E/R1/B1"]);
      await expectCode(
        postReadings(s, { ...body(6), device: "TANK-E" }, second.token, t(6)),
        "MONITORING_NOT_SET",
      );
    });

    it("hostile readings are refused, naming the field: NaN, Infinity, impossible dates, the future, __proto__, bad CSV", async () => {
      const s = store();
      const p = await staff();
      await defineBoxes(s, p.tech, ["TANK-F/R1/B1"]);
      await setMonitoring(s, { device: "TANK-F", escalateTo: "sam" }, { user: p.qm, at: t(-60) });
      const a = { user: p.tech, at: t(0) };
      const bad: unknown[] = [
        { at: t(0).toISOString(), celsius: Number.NaN },
        { at: t(0).toISOString(), celsius: Number.POSITIVE_INFINITY },
        { at: t(0).toISOString(), celsius: -300 },
        { at: t(0).toISOString(), celsius: null },
        { at: "2026-02-30T10:00:00Z", celsius: -190 },
        { at: "2026-06-01T02:00:00", celsius: -190 },
        { at: t(6).toISOString(), celsius: -190 },
        JSON.parse(`{"at":"${t(0).toISOString()}","celsius":-190,"__proto__":{"x":1}}`),
        { at: t(0).toISOString(), celsius: -190, ln2Level: 101 },
      ];
      for (const r of bad) {
        await expectCode(importReadings(s, "TANK-F", [r as never], a), "INVALID_INPUT");
      }
      for (const csv of [
        "at,celsius\n2026-06-01T02:00:00Z,NaN",
        "at,celsius\n2026-06-01T02:00:00Z,Infinity",
        "at,celsius\n2026-06-01T02:00:00Z,1e3",
        "at,celsius\n2026-02-30T02:00:00Z,-190",
        "when,temp\n2026-06-01T02:00:00Z,-190",
        "at,celsius\n2026-06-01T02:00:00Z,-190,extra",
      ]) {
        expect(() => parseReadingsCsv(csv), csv).toThrow(/csv/);
      }
      expect(parseReadingsCsv("at,celsius,ln2_level\r\n2026-06-01T02:00:00Z,-190.5,72\r\n")).toEqual([
        { at: "2026-06-01T02:00:00Z", celsius: -190.5, ln2Level: 72 },
      ]);
      const dev = {
        kind: "unplanned",
        discoveredAt: nextTime(),
        description: "x".repeat(10),
        equipment: ["CRF-01"],
      };
      for (const over of [
        { description: null },
        { description: "bad\u0000control characters" },
        { description: "y".repeat(5000) },
        { discoveredAt: "2026-13-01T00:00:00Z" },
        { discoveredAt: "2099-01-01T00:00:00Z" },
        { kind: "__proto__" },
        { equipment: ["\u202eCRF"] },
      ]) {
        await expectCode(recordDeviation(s, { ...dev, ...over } as never, act(p.tech)), "INVALID_INPUT");
      }
      await expectCode(
        recordDeviation(
          s,
          JSON.parse(
            `{"kind":"planned","discoveredAt":"${nextTime()}","description":"valid description","equipment":["E1"],"__proto__":{"admin":true}}`,
          ),
          act(p.tech),
        ),
        "INVALID_INPUT",
      );
      await expectCode(
        recordDeviation(
          s,
          { kind: "planned", discoveredAt: nextTime(), description: "touches nothing at all" },
          act(p.tech),
        ),
        "INVALID_INPUT",
      );
    });
  });

  /** Reserved for a known patient and shipped: a product a treating centre has. */
  async function shipToCentre(
    s: Store,
    p: People,
    ref: { din: string; product?: string },
    destination = "City NICU",
  ) {
    await reserveProduct(s, ref, "MRN-4242", "matched for MRN-4242", act(p.coordinator), TEST_PATIENTS);
    await shipProduct(s, ref, { destination, courier: "MedEx", shipperId: "DS-1" }, act(p.tech));
  }

  it("a report naming a product still in the bank, or one shipped to another centre, is refused as the wrong product, audited, nothing written; one shipped to the centre and discarded since can still be reported", async () => {
    const s = store();
    const p = await staff();
    const kept = await releasedCord(s, p, TYPING, { donorId: "INF-VIG3" });
    const report = {
      kind: "complaint" as const,
      din: kept.din,
      centre: "City NICU",
      learnedAt: "2026-03-11T08:00:00Z",
      description: "bag seal leaking on arrival",
      serious: false,
      communicableDisease: false,
    };
    const before = (await listVigilanceCases(s.db, new Date("2026-03-11T09:00:00Z"))).length;
    const refused = await expectCode(
      recordVigilance(s, report, at("2026-03-11T09:00:00Z", p.coordinator)),
      "PRODUCT_NOT_DISTRIBUTED",
    );
    expect(refused.details).toMatchObject({ field: "din", status: "available" });
    expect((await listVigilanceCases(s.db, new Date("2026-03-11T09:00:00Z"))).length).toBe(before);
    expect((await auditOf(s, "product", kept.id)).map((e) => e.action)).toContain("vigilance.record.refused");
    await shipToCentre(s, p, { din: kept.din });
    await discardProduct(s, { din: kept.din }, "seal leaking: destroyed at the centre", act(p.tech));
    // Another centre's report on it names the wrong product or the wrong centre.
    const elsewhere = await expectCode(
      recordVigilance(s, { ...report, centre: "Mercy NICU" }, at("2026-03-11T09:04:00Z", p.coordinator)),
      "PRODUCT_NOT_AT_CENTRE",
    );
    expect(elsewhere.details).toMatchObject({
      field: "centre",
      value: "Mercy NICU",
      destinations: ["City NICU"],
    });
    expect((await listVigilanceCases(s.db, new Date("2026-03-11T09:04:00Z"))).length).toBe(before);
    // The centre as the shipment names it, whatever the case and spacing.
    const filed = await recordVigilance(
      s,
      { ...report, centre: "city  NICU." },
      at("2026-03-11T09:05:00Z", p.coordinator),
    );
    expect(filed.productId).toBe(kept.id);
    expect(
      (await auditOf(s, "product", kept.id)).filter((e) => e.action === "vigilance.record.refused"),
    ).toHaveLength(2);
  });

  it("a centre renamed since the shipment reports under its new name with the name it was shipped to; a former name that was no shipment's destination, or one given for a unit never shipped, is refused on that field", async () => {
    const s = store();
    const p = await staff();
    const unit = await releasedCord(s, p, TYPING, { donorId: "INF-VIG4" });
    await shipToCentre(s, p, { din: unit.din }, "St Mary NICU");
    const report = {
      kind: "complaint" as const,
      din: unit.din,
      centre: "St Mary Children's Hospital NICU",
      learnedAt: "2026-03-11T08:00:00Z",
      description: "label smudged on arrival",
      serious: false,
      communicableDisease: false,
    };
    const t = "2026-03-11T09:00:00Z";
    // The new name alone is not a centre the unit was shipped to: refused, and the refusal says what to do.
    const bare = await expectCode(recordVigilance(s, report, at(t, p.coordinator)), "PRODUCT_NOT_AT_CENTRE");
    expect(bare.details).toMatchObject({ field: "centre", destinations: ["St Mary NICU"] });
    expect(bare.message).toContain("shippedAs");
    const wrongFormer = await expectCode(
      recordVigilance(s, { ...report, shippedAs: "Mercy NICU" }, at(t, p.coordinator)),
      "PRODUCT_NOT_AT_CENTRE",
    );
    expect(wrongFormer.details).toMatchObject({ field: "shippedAs", value: "Mercy NICU" });
    expect((await listVigilanceCases(s.db, new Date(t))).filter((c) => c.din === unit.din)).toHaveLength(0);
    const filed = await recordVigilance(s, { ...report, shippedAs: "st mary  nicu" }, at(t, p.coordinator));
    expect(filed).toMatchObject({
      productId: unit.id,
      centre: "St Mary Children's Hospital NICU",
      shippedAs: "st mary  nicu",
    });
    expect((await getVigilanceCase(s.db, filed.id, new Date(t))).shippedAs).toBe("st mary  nicu");
    // Named as shipped, a former name is refused (it would be dropped or misfiled); without one it files.
    const asShipped = { ...report, centre: "St Mary NICU" };
    const both = await expectCode(
      recordVigilance(s, { ...asShipped, shippedAs: "St Mary NICU" }, at(t, p.coordinator)),
      "PRODUCT_NOT_AT_CENTRE",
    );
    expect(both.details).toMatchObject({ field: "shippedAs", value: "St Mary NICU" });
    expect((await recordVigilance(s, asShipped, at(t, p.coordinator))).shippedAs).toBeNull();
    // A unit still in the bank is refused as never distributed, a former name or not.
    const onSite = await releasedCord(s, p, TYPING, { donorId: "INF-VIG5" });
    const withName = { ...report, din: onSite.din, shippedAs: "St Mary NICU" };
    await expectCode(recordVigilance(s, withName, at(t, p.coordinator)), "PRODUCT_NOT_DISTRIBUTED");
    // Infused on site (set here directly: the bedside's own tests walk that path), it was shipped nowhere,
    // so under no name.
    await s.db.updateTable("product").set({ status: "infused" }).where("id", "=", onSite.id).execute();
    const nowhere = await expectCode(
      recordVigilance(s, withName, at(t, p.coordinator)),
      "PRODUCT_NOT_AT_CENTRE",
    );
    expect(nowhere.details).toMatchObject({ field: "shippedAs", destinations: [] });
    expect(
      (await recordVigilance(s, { ...report, din: onSite.din }, at(t, p.coordinator))).shippedAs,
    ).toBeNull();
  });

  it("an adverse reaction is linked to the product and donor, lists the other products of the DIN and of the donor, and carries the FDA 15-day and EU clocks", async () => {
    const s = store();
    const p = await staff();
    const unit = await registerCord(s, p.tech, { donorId: "INF-VIG" });
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
    const [a, b] = await divideProduct(s, { din: unit.din }, [41, 41], act(p.tech));
    const other = await registerCord(s, p.tech, { donorId: "INF-VIG" });
    const unrelated = await registerCord(s, p.tech, { donorId: "INF-ELSE" });
    if (!a || !b) throw new Error("two divisions expected");
    // The centre reports on the division it was sent.
    await releaseProduct(s, { din: a.din, product: a.code }, PASSWORD, act(p.qm));
    await shipToCentre(s, p, { din: a.din, product: a.code }, "City Children's Hospital");
    const c = await recordVigilance(
      s,
      {
        kind: "adverse-reaction",
        din: unit.din,
        product: a.code,
        centre: "City Children's Hospital",
        learnedAt: "2026-03-10T09:00:00Z",
        description: "bacteraemia with the organism later grown from the bag's retained segment",
        serious: true,
        communicableDisease: true,
      },
      at("2026-03-10T10:00:00Z", p.coordinator),
      { euDays: 7 },
    );
    expect(c).toMatchObject({ productId: a.id, donorId: "INF-VIG" });
    // 10 March is day 0: the 15th calendar day is 25 March; the EU's 7th is 17 March.
    expect(c.fda?.dueDate).toBe("2026-03-25");
    expect(c.eu?.dueDate).toBe("2026-03-17");
    const ids = c.related.map((r) => [r.productId, r.relation]);
    expect(ids).toEqual(
      expect.arrayContaining([
        [b.id, "same-din"],
        [other.id, "same-donor"],
      ]),
    );
    expect(ids.map(([id]) => id)).not.toContain(unrelated.id);
    expect(ids.map(([id]) => id)).not.toContain(a.id);
    expect((await getVigilanceCase(s.db, c.id, new Date("2026-03-25T23:59:59Z"))).fda?.state).toBe("due");
    expect((await getVigilanceCase(s.db, c.id, new Date("2026-03-26T00:00:00Z"))).fda?.state).toBe("overdue");
    expect((await getVigilanceCase(s.db, c.id, new Date("2026-03-18T00:00:00Z"))).eu?.state).toBe("overdue");
    const dash = await qualityDashboard(s, new Date("2026-03-18T00:00:00Z"));
    expect(dash.reportsDue.filter((r) => r.id === c.id).map((r) => [r.kind, r.dueDate, r.state])).toEqual([
      ["vigilance-eu", "2026-03-17", "overdue"],
      ["vigilance-fda", "2026-03-25", "due"],
    ]);
    await recordInvestigation(
      s,
      c.id,
      { findings: "segment culture grew the same organism; sibling division quarantined" },
      at("2026-03-12T09:00:00Z", p.qm),
    );
    await expectCode(
      closeVigilance(
        s,
        c.id,
        { reason: "investigation complete", password: PASSWORD },
        at("2026-03-12T09:05:00Z", p.qm),
      ),
      "QUALITY_STATE",
    );
    await submitVigilanceReport(
      s,
      c.id,
      { authority: "fda", reference: "MW-2026-117", submittedAt: "2026-03-20T12:00:00Z" },
      at("2026-03-20T12:00:00Z", p.qm),
    );
    await submitVigilanceReport(
      s,
      c.id,
      { authority: "eu", reference: "EU-SOHO-88", submittedAt: "2026-03-20T12:00:00Z" },
      at("2026-03-20T12:01:00Z", p.qm),
    );
    const closed = await closeVigilance(
      s,
      c.id,
      { reason: "both reports submitted, sibling discarded", password: PASSWORD },
      at("2026-03-20T12:02:00Z", p.qm),
    );
    expect(closed).toMatchObject({
      state: "closed",
      fda: { state: "submitted" },
      eu: { state: "submitted" },
    });
  });

  it("the clocks count UTC calendar days; a complaint or a non-serious reaction has no FDA clock", async () => {
    const s = store();
    const p = await staff();
    const unit = await releasedCord(s, p, TYPING, { donorId: "INF-VIG2" });
    await shipToCentre(s, p, { din: unit.din }, "North NICU");
    const late = await recordVigilance(
      s,
      {
        kind: "adverse-reaction",
        din: unit.din,
        centre: "North NICU",
        // 23:30 in New York is 04:30 UTC on 11 March: day 0 is 11 March.
        learnedAt: "2026-03-10T23:30:00-05:00",
        description: "fever and rash within an hour of infusion",
        serious: true,
        communicableDisease: true,
      },
      at("2026-03-11T05:00:00Z", p.qm),
      { euDays: 1 },
    );
    expect(late.fda?.dueDate).toBe("2026-03-26");
    expect(late.eu?.dueDate).toBe("2026-03-12");
    const complaint = await recordVigilance(
      s,
      {
        kind: "complaint",
        din: unit.din,
        centre: "North NICU",
        learnedAt: "2026-03-11T08:00:00Z",
        description: "label partly unreadable on arrival",
        serious: false,
        communicableDisease: false,
      },
      at("2026-03-11T09:00:00Z", p.coordinator),
    );
    expect(complaint.fda).toBeNull();
    expect(complaint.eu).toBeNull();
    await expectCode(
      recordVigilance(
        s,
        {
          kind: "complaint",
          din: unit.din,
          centre: "North NICU",
          learnedAt: "2026-03-11T08:00:00Z",
          description: "a complaint by a lab tech",
          serious: false,
          communicableDisease: false,
        },
        at("2026-03-11T09:00:00Z", p.tech),
      ),
      "FORBIDDEN",
    );
  });
});
