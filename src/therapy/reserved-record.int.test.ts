/**
 * The baby's record lists the products the bank holds reserved for that baby (issue 14: a dose order is
 * placed by choosing one of them), on SQLite and PostgreSQL: only this baby's active reservations, not an
 * aliquot left in quarantine, a product put on hold marked so, a cancelled reservation gone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, autologousCordBlood, clock, registerHieBaby, team } from "../../test/support/therapy.js";
import { type Product, cancelReservation, recordQc } from "../bank/index.js";
import type { Store } from "../store/connect.js";
import { patientRecord } from "./record.js";

const BIRTH = "2026-06-12T04:00:00+02:00";
const c = clock(BIRTH);

describe.each(DIALECTS)("products reserved for a baby, on the record, on %s", (dialect) => {
  const store = useStore(dialect);
  let s: Store;
  let t: Team;
  let aliquots: Product[];
  let unreleased: Product | undefined;
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await registerHieBaby(s, t, c, "MRN-8201", BIRTH);
    await registerHieBaby(s, t, c, "MRN-8202", BIRTH, { familyName: "Other" });
    ({ aliquots, unreleased } = await autologousCordBlood(s, t, c, "MRN-8201", {
      count: 3,
      keepOneUnreleased: true,
    }));
  });
  const reserved = async (mrn: string, hours: number) =>
    (await patientRecord(s, mrn, c.act(t.physician, hours))).reserved;

  it("lists this baby's reserved products with volume and expiry, and not the one in quarantine", async () => {
    const list = await reserved("MRN-8201", 3.5);
    expect(list.map((r) => r.code)).toEqual(aliquots.map((a) => a.code));
    expect(list.map((r) => r.code)).not.toContain(unreleased?.code);
    // 20 mL divided in three aliquots.
    for (const r of list) {
      expect(r.volumeMl).toBeCloseTo(20 / 3, 6);
      expect(r).toMatchObject({ status: "reserved", onHold: false, reservedBy: t.coordinator.username });
      expect(r.expiresAt).toBe(c.iso(72));
    }
    expect(await reserved("MRN-8202", 3.5)).toEqual([]);
  });

  it("marks a product put on hold by a result after release, and drops a cancelled reservation", async () => {
    const [a0, a1] = aliquots as [Product, Product];
    await recordQc(
      s,
      { din: a0.din, product: a0.code },
      {
        test: "sterility",
        stage: "post-processing",
        result: "positive",
        testedAt: c.iso(4),
        retest: "confirmatory",
        reason: "culture flagged positive",
      },
      c.act(t.tech, 4.1),
    );
    // The hold reaches the sibling aliquots too: every division of the DIN is held.
    const held = await reserved("MRN-8201", 4.2);
    expect(held.map((r) => r.onHold)).toEqual([true, true]);
    await cancelReservation(
      s,
      { din: a1.din, product: a1.code },
      "unit not needed",
      c.act(t.coordinator, 4.3),
    );
    expect((await reserved("MRN-8201", 4.4)).map((r) => r.code)).toEqual([a0.code]);
  });
});
