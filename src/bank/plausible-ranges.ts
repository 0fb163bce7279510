import type { Act } from "../accounts/act.js";
/**
 * Plausible QC values per product source (issue 14): the range a real result of a numeric test falls in,
 * for cord blood, marrow, apheresis and adipose products alike. The defaults and their sources are in
 * migration 0017; a quality manager may change a range, with the basis, audited. qc.ts refuses a value
 * outside its range unless it is confirmed with a reason. A test's impossible values (a negative count,
 * viability over 100 %) are refused before this, by QC_TESTS, and no confirmation lets them in.
 */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { type NumericQcTest, QC_TESTS, type Source } from "./constants.js";
import { type PlausibleRange, type PlausibleRangeInput, PlausibleRangeInputSchema } from "./schemas.js";

type Db = Store["db"] | Tx;

const unitOf = (test: NumericQcTest): string => QC_TESTS[test].unit;

function toRange(r: {
  test: string;
  source: string;
  low: number | string;
  high: number | string;
  basis: string;
  setAt: string;
  setBy: string;
}): PlausibleRange {
  const test = r.test as NumericQcTest;
  return {
    ...r,
    test,
    source: r.source as Source,
    low: Number(r.low),
    high: Number(r.high),
    unit: unitOf(test),
  };
}

export async function plausibleRanges(db: Db): Promise<PlausibleRange[]> {
  const rows = await db
    .selectFrom("qcPlausibleRange")
    .selectAll()
    .orderBy("source")
    .orderBy("test")
    .execute();
  return rows.map(toRange);
}

export async function plausibleRange(
  db: Db,
  test: string,
  source: string,
): Promise<PlausibleRange | undefined> {
  const row = await db
    .selectFrom("qcPlausibleRange")
    .selectAll()
    .where("test", "=", test)
    .where("source", "=", source)
    .executeTakeFirst();
  return row ? toRange(row) : undefined;
}

export async function setPlausibleRange(
  store: Store,
  input: PlausibleRangeInput,
  act: Act,
): Promise<PlausibleRange> {
  allow(act, "setPlausibleRange");
  const r = check(PlausibleRangeInputSchema, input);
  const spec = QC_TESTS[r.test];
  if (r.low >= r.high) {
    throw new CradleError(
      "INVALID_INPUT",
      `high ${r.high}: the range's high end must be above its low end ${r.low}`,
      {
        field: "high",
        value: r.high,
      },
    );
  }
  if (r.low < spec.min || r.high > spec.max) {
    throw new CradleError(
      "INVALID_INPUT",
      `${r.test} range ${r.low} to ${r.high} ${spec.unit} goes beyond the possible ${spec.min} to ${spec.max}`,
      { field: r.low < spec.min ? "low" : "high", value: r.low < spec.min ? r.low : r.high },
    );
  }
  return write(store, async (tx) => {
    const before = await plausibleRange(tx, r.test, r.source);
    const row = { ...r, setAt: act.at.toISOString(), setBy: act.user.username };
    if (before) {
      await tx
        .updateTable("qcPlausibleRange")
        .set({ low: r.low, high: r.high, basis: r.basis, setAt: row.setAt, setBy: row.setBy })
        .where("test", "=", r.test)
        .where("source", "=", r.source)
        .execute();
    } else {
      await tx.insertInto("qcPlausibleRange").values(row).execute();
    }
    await appendAudit(tx, {
      actor: act.user.username,
      action: "qc.plausible-range.set",
      entityType: "qc-plausible-range",
      entityId: `${r.test}/${r.source}`,
      ...(before ? { before } : {}),
      after: row,
      reason: r.basis,
      at: act.at,
    });
    return toRange(row);
  });
}
