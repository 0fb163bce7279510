/**
 * Reserving for registered patients only (issue 14), on SQLite and PostgreSQL: therapy's patient records
 * decide who a product may be reserved for. An MRN no patient has is refused naming the field, audited,
 * and nothing else is written; a product on hold or not yet released cannot be reserved at all.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { act, nextTime, registerCord, releasedCord } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, hieBaby, team } from "../../test/support/therapy.js";
import { auditOf } from "../audit/trail.js";
import { findProduct, recordQc } from "../bank/index.js";
import type { Store } from "../store/connect.js";
import { registerPatient } from "./patients.js";
import { reserveForPatient } from "./reservations.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

describe.each(DIALECTS)("reserving for a registered patient on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  const bankPeople = () => ({ tech: t.tech, qm: t.qm, coordinator: t.coordinator });
  const reservations = async () =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from reservation`.execute(s.db)).rows[0]?.n,
    );

  beforeAll(async () => {
    s = store();
    t = await team(s);
    await registerPatient(s, hieBaby("INF-2026-0042", "2026-02-20T04:10:00Z"), act(t.physician));
  });

  it("reserves for a registered patient, the MRN read as typed on a keyboard", async () => {
    const unit = await releasedCord(s, bankPeople(), TYPING, { donorId: "INF-9001", motherId: "MOT-9001" });
    const r = await reserveForPatient(
      s,
      { din: unit.din },
      "  inf-2026-0042 ",
      "cord search: 6/8",
      act(t.coordinator),
    );
    expect(r).toMatchObject({ patientId: "INF-2026-0042", state: "active", reservedBy: "cole" });
    expect((await findProduct(s.db, { din: unit.din })).status).toBe("reserved");
  });

  it("refuses an MRN no patient has, naming the field; the refusal is audited, nothing else written", async () => {
    const unit = await releasedCord(s, bankPeople(), TYPING, { donorId: "INF-9002", motherId: "MOT-9002" });
    const before = await reservations();
    const e = await expectCode(
      reserveForPatient(s, { din: unit.din }, "INF-2026-9999", "cord search", act(t.coordinator)),
      "PATIENT_NOT_FOUND",
    );
    expect(e.details).toMatchObject({ field: "patientId", value: "INF-2026-9999" });
    expect(e.message).toContain("INF-2026-9999");
    expect(await reservations()).toBe(before);
    const product = await findProduct(s.db, { din: unit.din });
    expect(product.status).toBe("available");
    const events = await auditOf(s, "product", product.id);
    expect(events.at(-1)).toMatchObject({ action: "reservation.create.refused", actor: "cole" });
    expect(events.at(-1)?.after).toMatchObject({ code: "PATIENT_NOT_FOUND" });

    // A product barcode scanned into the patient field is bad input, refused before anything is asked.
    const scanned = await expectCode(
      reserveForPatient(s, { din: unit.din }, `=${unit.din}`, "cord search", act(t.coordinator)),
      "INVALID_INPUT",
    );
    expect(scanned.details.field).toBe("patientId");
    expect(await reservations()).toBe(before);
  });

  it("refuses a product on hold, and one not yet released", async () => {
    const unit = await releasedCord(s, bankPeople(), TYPING, { donorId: "INF-9003", motherId: "MOT-9003" });
    await recordQc(
      s,
      { din: unit.din },
      {
        test: "sterility",
        stage: "post-processing",
        result: "positive",
        testedAt: nextTime(),
        retest: "confirmatory",
        reason: "retained culture sample grew at day 5",
      },
      act(t.tech),
    );
    const before = await reservations();
    await expectCode(
      reserveForPatient(s, { din: unit.din }, "INF-2026-0042", "cord search", act(t.coordinator)),
      "PRODUCT_ON_HOLD",
    );
    expect((await findProduct(s.db, { din: unit.din })).status).toBe("available");

    const quarantined = await registerCord(s, t.tech, { donorId: "INF-9004", motherId: "MOT-9004" });
    await expectCode(
      reserveForPatient(s, { din: quarantined.din }, "INF-2026-0042", "cord search", act(t.coordinator)),
      "STATUS_TRANSITION_ILLEGAL",
    );
    expect((await findProduct(s.db, { din: quarantined.din })).status).toBe(quarantined.status);
    expect(await reservations()).toBe(before);
  });
});
