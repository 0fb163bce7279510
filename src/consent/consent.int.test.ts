/**
 * The consent service on SQLite and PostgreSQL: bad input is refused before anything is written, naming
 * the field, the value and the reason (never quoting a password); the subject check is the caller's and
 * runs inside the write; withdrawal is at once. Consent imports no other service, so the subject check
 * here is a plain function over the patients the test registered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, clock, registerHieBaby, team } from "../../test/support/therapy.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type NewConsent, bankingConsent, consentsOf, recordConsent, withdrawConsent } from "./index.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const MRN = "MRN-7001";

/** Rows that a consent write touches: a refusal must leave every count as it was. */
async function counts(s: Store) {
  const n = async (table: "consent" | "signature" | "auditEvent") =>
    Number(
      (
        await s.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { consent: await n("consent"), signature: await n("signature"), audit: await n("auditEvent") };
}

const good = (over: Record<string, unknown> = {}): NewConsent =>
  ({
    mrn: MRN,
    scope: "research",
    document: "HIE registry consent",
    documentVersion: "3.1",
    signedBy: "Ada Okafor",
    relationship: "mother",
    signedAt: c.iso(8),
    ...over,
  }) as NewConsent;

describe.each(DIALECTS)("consent on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  const subject = async (_tx: unknown, mrn: string) => {
    if (mrn !== MRN) throw new CradleError("PATIENT_NOT_FOUND", `mrn ${mrn}: no patient`, { field: "mrn" });
    return mrn;
  };
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await registerHieBaby(s, t, c, MRN, BIRTH);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await counts(s);
    const cases: [Record<string, unknown>, string][] = [
      [{ scope: "__proto__" }, "scope"],
      [{ scope: "toString" }, "scope"],
      [{ relationship: "aunt" }, "relationship"],
      [{ relationship: "constructor" }, "relationship"],
      [{ signedAt: "2026-02-30T10:00:00Z" }, "signedAt"],
      [{ signedAt: "2026-01-10T10:00:00" }, "signedAt"],
      [{ signedAt: "2027-01-10T10:00:00Z" }, "signedAt"],
      [{ document: "a\u0000b" }, "document"],
      [{ document: "x".repeat(201) }, "document"],
      [{ document: "   " }, "document"],
      [{ documentVersion: 3 }, "documentVersion"],
      [{ signedBy: undefined }, "signedBy"],
      [{ signedBy: null }, "signedBy"],
      [{ mrn: true }, "mrn"],
      [{ note: "extra" }, "note"],
    ];
    for (const [over, field] of cases) {
      const e = await expectCode(
        recordConsent(s, good(over), PASSWORD, c.act(t.coordinator, 9), subject),
        "INVALID_INPUT",
      );
      expect(e.details.field, `${JSON.stringify(over)}: ${e.message}`).toBe(field);
      expect(e.message).toContain(field);
    }
    // A password is never quoted back.
    const secret = `${PASSWORD}\u0000`;
    const p = await expectCode(
      recordConsent(s, good(), secret, c.act(t.coordinator, 9), subject),
      "INVALID_INPUT",
    );
    expect(p.details.field).toBe("password");
    expect(p.message).not.toContain(PASSWORD);
    // The caller's subject check runs inside the write: an unknown patient leaves no signature behind.
    await expectCode(
      recordConsent(s, good({ mrn: "NOBODY-9" }), PASSWORD, c.act(t.coordinator, 9), subject),
      "PATIENT_NOT_FOUND",
    );
    const researcher = { ...t.coordinator, username: "rae", roles: ["researcher" as const] };
    await expectCode(recordConsent(s, good(), PASSWORD, c.act(researcher, 9), subject), "FORBIDDEN");
    expect(await counts(s)).toEqual(before);
  });

  it("records, refuses a bad withdrawal, withdraws at once", async () => {
    const consent = await recordConsent(
      s,
      good({ scope: "cord-blood-banking", document: "  Cord blood banking  " }),
      PASSWORD,
      c.act(t.coordinator, 9),
      subject,
    );
    expect(consent.document).toBe("Cord blood banking");
    expect((await bankingConsent(s.db, MRN, c.at(10))).state).toBe("in-force");
    const before = await counts(s);
    for (const [id, reason, field] of [
      ["not-a-uuid", "parents asked", "id"],
      [consent.id, "", "reason"],
      [consent.id, "   ", "reason"],
      [consent.id, "bell\u0007", "reason"],
      [consent.id, "x".repeat(501), "reason"],
    ] as const) {
      const e = await expectCode(withdrawConsent(s, id, reason, c.act(t.physician, 20)), "INVALID_INPUT");
      expect(e.details.field, e.message).toBe(field);
    }
    await expectCode(withdrawConsent(s, consent.id, "parents asked", c.act(t.nurse, 20)), "FORBIDDEN");
    expect(await counts(s)).toEqual(before);
    await withdrawConsent(
      s,
      consent.id,
      "parents asked for the unit to be discarded",
      c.act(t.physician, 20),
    );
    expect((await bankingConsent(s.db, MRN, c.at(21))).state).toBe("withdrawn");
    expect((await consentsOf(s.db, MRN)).map((x) => x.withdrawnAt)).toEqual([c.at(20).toISOString()]);
  });
});
