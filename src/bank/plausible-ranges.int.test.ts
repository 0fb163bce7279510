/**
 * Plausible QC ranges (issue 14), on SQLite and PostgreSQL. The expected ranges are migration 0017's
 * defaults as its header documents them (cord blood TNC 1×10^8 to 5×10^9 cells, viability 20 to 100 %),
 * and the impossible values are the tests' own definitions (a count is never negative, viability never
 * exceeds 100 %).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type People, act, people, registerCord } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { auditOf } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import { type Product, plausibleRange, plausibleRanges, recordQc, setPlausibleRange } from "./index.js";

const T = "2026-02-28T12:00:00Z";

describe.each(DIALECTS)("plausible QC ranges on %s", (dialect) => {
  const store = useStore(dialect);
  let p: People;
  let unit: Product;
  const qcRows = async (s: Store, productId: string) =>
    s.db.selectFrom("qcResult").selectAll().where("productId", "=", productId).execute();
  const tnc = (value: number, over: Record<string, unknown> = {}) => ({
    test: "tnc",
    stage: "post-processing",
    value,
    testedAt: T,
    ...over,
  });

  beforeAll(async () => {
    p = await people(store());
    unit = await registerCord(store(), p.tech);
  });

  it("holds a range for every numeric test and source, with its basis", async () => {
    const ranges = await plausibleRanges(store().db);
    // Six numeric tests × four product sources.
    expect(ranges).toHaveLength(24);
    expect(await plausibleRange(store().db, "tnc", "cord-blood")).toMatchObject({
      low: 1e8,
      high: 5e9,
      unit: "cells",
    });
    expect(await plausibleRange(store().db, "viability", "bone-marrow")).toMatchObject({
      low: 20,
      high: 100,
      unit: "%",
    });
    expect(ranges.every((r) => r.basis.length > 0)).toBe(true);
  });

  it("records a value inside the range as an ordinary result", async () => {
    const r = await recordQc(store(), { din: unit.din }, tnc(1.2e9), act(p.tech));
    expect(r.value).toBe(1.2e9);
    expect(r.confirmReason).toBeNull();
    expect(r.plausibleMin).toBeNull();
  });

  it("refuses a value outside the range naming test, value, range and source; writes no result", async () => {
    const before = (await qcRows(store(), unit.id)).length;
    // 1.2×10^11 cells: the 1.2×10^9 above with two digits too many.
    const e = await expectCode(
      recordQc(store(), { din: unit.din }, tnc(1.2e11), act(p.tech)),
      "QC_VALUE_IMPLAUSIBLE",
    );
    expect(e.message).toContain("tnc");
    expect(e.message).toContain("120000000000");
    expect(e.message).toContain("100000000 to 5000000000");
    expect(e.message).toContain("cord-blood");
    expect(e.details).toMatchObject({
      field: "value",
      value: 1.2e11,
      test: "tnc",
      source: "cord-blood",
      low: 1e8,
      high: 5e9,
    });
    expect((await qcRows(store(), unit.id)).length).toBe(before);
    const events = await auditOf(store(), "product", unit.id);
    expect(events.at(-1)).toMatchObject({ action: "product.qc.tnc.refused", actor: "tina" });
  });

  it("refuses a confirmation without its reason", async () => {
    const before = (await qcRows(store(), unit.id)).length;
    const e = await expectCode(
      recordQc(store(), { din: unit.din }, tnc(1.2e11, { confirmImplausible: true }), act(p.tech)),
      "INVALID_INPUT",
    );
    expect(e.details.field).toBe("confirmReason");
    await expectCode(
      recordQc(
        store(),
        { din: unit.din },
        tnc(1.2e11, { confirmImplausible: true, confirmReason: "   " }),
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    expect((await qcRows(store(), unit.id)).length).toBe(before);
  });

  it("records a confirmed value with its reason and range, audited as its own kind of event", async () => {
    const reason = "recounted on a second analyser: pooled double-cord unit";
    const r = await recordQc(
      store(),
      { din: unit.din },
      tnc(6e9, { confirmImplausible: true, confirmReason: reason }),
      act(p.tech),
    );
    const stored = (await qcRows(store(), unit.id)).find((q) => q.id === r.id);
    expect(stored).toMatchObject({ confirmReason: reason });
    expect(Number(stored?.plausibleMin)).toBe(1e8);
    expect(Number(stored?.plausibleMax)).toBe(5e9);
    const events = await auditOf(store(), "product", unit.id);
    const override = events.filter((e) => e.action === "product.qc.implausible-confirmed");
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ actor: "tina", reason });
  });

  it("refuses impossible values even when confirmed", async () => {
    const before = (await qcRows(store(), unit.id)).length;
    const confirmed = { confirmImplausible: true, confirmReason: "I am sure" };
    const negative = await expectCode(
      recordQc(store(), { din: unit.din }, tnc(-5, confirmed), act(p.tech)),
      "INVALID_INPUT",
    );
    expect(negative.details.field).toBe("value");
    const over = await expectCode(
      recordQc(
        store(),
        { din: unit.din },
        { test: "viability", stage: "post-processing", value: 101, testedAt: T, ...confirmed },
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    expect(over.details.field).toBe("value");
    expect(over.message).toContain("101");
    expect((await qcRows(store(), unit.id)).length).toBe(before);
  });

  it("lets quality alone change a range, audited with its basis, and the new range applies", async () => {
    const input = {
      test: "viability",
      source: "cord-blood",
      low: 40,
      high: 100,
      basis: "SOP-QC-12 v3: post-processing viability validation",
    } as const;
    for (const who of [p.tech, p.coordinator])
      await expectCode(setPlausibleRange(store(), input, act(who)), "FORBIDDEN");
    expect(await plausibleRange(store().db, "viability", "cord-blood")).toMatchObject({ low: 20 });

    const bad = await expectCode(
      setPlausibleRange(store(), { ...input, low: 100, high: 40 }, act(p.qm)),
      "INVALID_INPUT",
    );
    expect(bad.details.field).toBe("high");
    const beyond = await expectCode(
      setPlausibleRange(store(), { ...input, high: 120 }, act(p.qm)),
      "INVALID_INPUT",
    );
    expect(beyond.details.field).toBe("high");

    const set = await setPlausibleRange(store(), input, act(p.qm));
    expect(set).toMatchObject({ low: 40, high: 100, setBy: "quinn", basis: input.basis });
    const events = await auditOf(store(), "qc-plausible-range", "viability/cord-blood");
    expect(events.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ["qc.plausible-range.set", "quinn", input.basis],
    ]);
    expect(events[0]?.before).toMatchObject({ low: 20 });

    await expectCode(
      recordQc(
        store(),
        { din: unit.din },
        { test: "viability", stage: "post-processing", value: 35, testedAt: T },
        act(p.tech),
      ),
      "QC_VALUE_IMPLAUSIBLE",
    );
  });
});
