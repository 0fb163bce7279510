/**
 * Refused attempts in the bank leave their own audit events (issue 14), on SQLite and PostgreSQL: a refused
 * release names its failing criteria (product.release.refused), and a failed e-signature on a release or a
 * disposition names the record, the meaning and the signer (signature.refused), never the password. The
 * refused act itself writes nothing.
 */
import { describe, expect, it } from "vitest";
import {
  PASSWORD,
  type People,
  act,
  nextTime,
  passingCordQc,
  people,
  recordAll,
  registerCord,
  releasedCord,
} from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { auditOf } from "../audit/trail.js";
import { dispositionProduct, findProduct, recordProcessing, recordQc, releaseProduct } from "./index.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
const WRONG = "not the right password at all";

describe.each(DIALECTS)("refusals audited in the bank on %s", (dialect) => {
  const store = useStore(dialect);
  let team: People | undefined;
  const staff = async () => {
    team ??= await people(store());
    return team;
  };
  const events = async (productId: string, action: string) =>
    (await auditOf(store(), "product", productId)).filter((e) => e.action === action);

  it("a release refused by its criteria is audited with every failing criterion, and nothing else changes", async () => {
    const s = store();
    const p = await staff();
    const unit = await registerCord(s, p.tech);
    await recordProcessing(
      s,
      { din: unit.din },
      { step: "cryopreservation", performedAt: nextTime(), complete: true },
      act(p.tech),
    );
    // Everything but the TNC and the sterility culture.
    await recordAll(
      s,
      unit,
      passingCordQc().filter((q) => q.test !== "tnc" && q.test !== "sterility"),
      p.tech,
    );
    const refused = await expectCode(
      releaseProduct(s, { din: unit.din }, PASSWORD, act(p.qm)),
      "RELEASE_CRITERIA_FAILED",
    );
    const [event, ...more] = await events(unit.id, "product.release.refused");
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actor: p.qm.username, reason: refused.message });
    const after = event?.after as {
      code: string;
      details: { failures: { rule: string; passed: boolean }[] };
    };
    expect(after.code).toBe("RELEASE_CRITERIA_FAILED");
    const rules = after.details.failures.map((f) => f.rule);
    expect(rules.some((r) => r.startsWith("tnc"))).toBe(true);
    expect(rules.some((r) => r.startsWith("sterility"))).toBe(true);
    expect(after.details.failures.every((f) => !f.passed)).toBe(true);
    // The signature was not taken and the unit is still in quarantine.
    expect(await events(unit.id, "signature.released")).toEqual([]);
    expect((await findProduct(s.db, { din: unit.din })).status).toBe("quarantine");
  });

  it("a failed e-signature on a release is its own event naming the product, the meaning and the signer", async () => {
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
    const refused = await expectCode(releaseProduct(s, { din: unit.din }, WRONG, act(p.qm)), "AUTH_FAILED");
    const [event, ...more] = await events(unit.id, "signature.refused");
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actor: p.qm.username, entityType: "product", reason: refused.message });
    expect(event?.after).toEqual({ signer: p.qm.username, meaning: "released", code: "AUTH_FAILED" });
    expect(JSON.stringify(event)).not.toContain(WRONG);
    expect((await findProduct(s.db, { din: unit.din })).status).toBe("quarantine");
    // The right password releases it; no further refusal is recorded.
    await releaseProduct(s, { din: unit.din }, PASSWORD, act(p.qm));
    expect(await events(unit.id, "signature.refused")).toHaveLength(1);
  });

  it("a failed e-signature on a disposition is its own event, and the hold stays open", async () => {
    const s = store();
    const p = await staff();
    const unit = await releasedCord(s, p, TYPING);
    await recordQc(
      s,
      { din: unit.din },
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
    const decision = {
      decision: "discard" as const,
      reason: "confirmed contamination; unit destroyed per SOP QA-12",
    };
    await expectCode(dispositionProduct(s, { din: unit.din }, decision, WRONG, act(p.qm)), "AUTH_FAILED");
    const [event] = await events(unit.id, "signature.refused");
    expect(event?.after).toEqual({ signer: p.qm.username, meaning: "disposition", code: "AUTH_FAILED" });
    expect(await events(unit.id, "product.hold.disposition")).toEqual([]);
    expect((await findProduct(s.db, { din: unit.din })).status).toBe("available");
  });
});
