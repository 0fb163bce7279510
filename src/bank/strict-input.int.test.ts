/**
 * Bad input to the bank's services is refused at entry, the same for the CLI and the API: no coercion, no
 * unknown fields, bounded strings without control characters, enums as own values, finite numbers within
 * physical limits, times that exist. Each refusal names the field, and nothing is written (no row, no
 * audit event) — on SQLite and PostgreSQL.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type People,
  TEST_PATIENTS,
  act,
  cordCollection,
  defineBoxes,
  nextTime,
  people,
  registerCord,
} from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import type { Store } from "../store/connect.js";
import {
  cancelReservation,
  discardProduct,
  divideProduct,
  findProduct,
  importProductDescriptions,
  importTemperatureLog,
  listProducts,
  moveProduct,
  receiveProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseProduct,
  reserveProduct,
  shipProduct,
  storeProduct,
} from "./index.js";

const TABLES = [
  "collection",
  "product",
  "auditEvent",
  "statusChange",
  "storagePlacement",
  "reservation",
  "shipment",
  "custodyEvent",
  "processingStep",
  "qcResult",
  "productDescription",
  "allocatedDin",
] as const;

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await store.db.selectFrom(t).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

const MEGABYTE = "x".repeat(1024 * 1024);
const NUL = "INF\u00000001";

describe.each(DIALECTS)("bank input refused at entry on %s", (dialect) => {
  const store = useStore(dialect);
  let p: People;
  let din: string;
  beforeAll(async () => {
    p = await people(store());
    await defineBoxes(store(), p.tech, ["LN2-09/R1/B1", "LN2-01/R01/B01"]);
    din = (await registerCord(store(), p.tech)).din;
  });

  /** Runs the call, expects INVALID_INPUT naming `field`, and that no table changed. */
  async function refused(field: string, call: () => Promise<unknown>): Promise<void> {
    const before = await counts(store());
    const e = await expectCode(call(), "INVALID_INPUT");
    expect(e.details.field, e.message).toBe(field);
    expect(e.message.startsWith(field), e.message).toBe(true);
    expect(await counts(store())).toEqual(before);
  }

  const register = (over: Record<string, unknown>) => () =>
    registerCollection(store(), { ...cordCollection(), ...over } as never, act(p.tech));

  it.each([
    ["an unknown field", { colour: "red" }, "colour"],
    ["null for a volume", { volumeMl: null }, "volumeMl"],
    ["true for a volume", { volumeMl: true }, "volumeMl"],
    ["a volume as text", { volumeMl: "82" }, "volumeMl"],
    ["a volume of 1e300 mL", { volumeMl: 1e300 }, "volumeMl"],
    ["a volume of 0 mL", { volumeMl: 0 }, "volumeMl"],
    ["NaN for a volume", { volumeMl: Number.NaN }, "volumeMl"],
    ["__proto__ for a source", { source: "__proto__" }, "source"],
    ["toString for a storage temperature", { storageTemperature: "toString" }, "storageTemperature"],
    ["constructor for ABO/RhD", { aboRhD: "constructor" }, "aboRhD"],
    ["a 1 MB donor identifier", { donorId: MEGABYTE }, "donorId"],
    ["a NUL byte in the donor identifier", { donorId: NUL }, "donorId"],
    ["a line break in the site", { site: "Ward\n7" }, "site"],
    ["30 February", { collectedAt: "2026-02-30T10:00:00Z" }, "collectedAt"],
    ["a time without its zone", { collectedAt: "2026-02-27T10:15:00" }, "collectedAt"],
    ["24:00 as an expiry", { expiresAt: "2026-03-01T24:00:00Z" }, "expiresAt"],
    ["a number for a product code", { productCode: 12345 }, "productCode"],
  ])("registration refuses %s", async (_what, over, field) => {
    await refused(field, register(over));
  });

  it("refuses a product named with a NUL byte, or with an unknown field, before reading the database", async () => {
    await refused("din", () => findProduct(store().db, { din: `${din}\u0000` }));
    await refused("product", () => findProduct(store().db, { din, product: "S1234V00\u0000" }));
    await refused("extra", () => findProduct(store().db, { din, extra: 1 } as never));
  });

  it.each([
    ["null for a value", { value: null }, "value"],
    ["true for a value", { value: true }, "value"],
    ["Infinity for a value", { value: Number.POSITIVE_INFINITY }, "value"],
    ["toString for a test", { test: "toString" }, "test"],
    ["__proto__ for a stage", { stage: "__proto__" }, "stage"],
    ["a NUL byte in a result", { test: "sterility", value: undefined, result: "negative\u0000" }, "result"],
    ["an impossible time", { testedAt: "2026-02-29T12:00:00Z" }, "testedAt"],
    ["an unknown field", { unit: "cells" }, "unit"],
  ])("QC refuses %s", async (_what, over, field) => {
    const q = { test: "tnc", stage: "post-processing", value: 1.2e9, testedAt: nextTime(), ...over };
    await refused(field, () => recordQc(store(), { din }, q as never, act(p.tech)));
  });

  it.each([
    ["true for a volume", { volumeAfterMl: true }, "volumeAfterMl"],
    ["a volume of 6000 mL", { volumeBeforeMl: 6000 }, "volumeBeforeMl"],
    ["a 1 MB note", { notes: MEGABYTE }, "notes"],
    ["text for complete", { complete: "yes" }, "complete"],
    ["hasOwnProperty for a step", { step: "hasOwnProperty" }, "step"],
    ["an unknown field", { operator: "me" }, "operator"],
  ])("processing refuses %s", async (_what, over, field) => {
    const s = { step: "volume-reduction", performedAt: nextTime(), ...over };
    await refused(field, () => recordProcessing(store(), { din }, s as never, act(p.tech)));
  });

  it("storage, moves, reservations, shipments, receipts, discards and divisions refuse bad values", async () => {
    const at = { freezer: "LN2-01", rack: "R01", box: "B01", position: "A1" };
    await refused("location.position", () =>
      storeProduct(store(), { din }, { ...at, position: "A1\u0000" }, act(p.tech)),
    );
    await refused("to.freezer", () =>
      moveProduct(store(), { din }, { ...at, freezer: "../etc" }, "room", act(p.tech)),
    );
    await refused("reason", () => moveProduct(store(), { din }, at, MEGABYTE, act(p.tech)));
    await refused("patientId", () =>
      reserveProduct(store(), { din }, NUL, "search", act(p.coordinator), TEST_PATIENTS),
    );
    await refused("reason", () => cancelReservation(store(), { din }, "a\u0007b", act(p.coordinator)));
    await refused("courier", () =>
      shipProduct(store(), { din }, { destination: "X", courier: 7, shipperId: "S1" } as never, act(p.tech)),
    );
    await refused("seal", () =>
      shipProduct(
        store(),
        { din },
        { destination: "X", courier: "C", shipperId: "S1", seal: "ok" } as never,
        act(p.tech),
      ),
    );
    await refused("csv", () => importTemperatureLog(store(), { din }, 42 as never, act(p.tech)));
    await refused("excursionReason", () =>
      receiveProduct(store(), { din }, { condition: "intact", excursionReason: null } as never, act(p.tech)),
    );
    await refused("reason", () => discardProduct(store(), { din }, "broken\u0000", act(p.tech)));
    await refused("volumesMl.0", () => divideProduct(store(), { din }, [true, 5] as never, act(p.tech)));
    await refused("volumesMl", () => divideProduct(store(), { din }, [82], act(p.tech)));
    await refused("password", () => releaseProduct(store(), { din }, "pass\u0000word", act(p.qm)));
    await refused("source", () => importProductDescriptions(store(), "code,description\n", "", act(p.qm)));
  });

  it("the inventory filter refuses what it cannot page by", async () => {
    await refused("limit", () => listProducts(store(), { limit: Number.POSITIVE_INFINITY }));
    await refused("limit", () => listProducts(store(), { limit: 1001 }));
    await refused("offset", () => listProducts(store(), { offset: -1 }));
    await refused("status", () => listProducts(store(), { status: "__proto__" }));
    await refused("source", () => listProducts(store(), { source: "toString" }));
    await refused("din", () => listProducts(store(), { din: "G1234\u0000" }));
    expect((await listProducts(store(), { din: din.slice(0, 5) })).total).toBe(1);
  });
});
