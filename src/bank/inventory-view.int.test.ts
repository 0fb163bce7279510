/**
 * The inventory view pages exactly what the database pages, after every kind of bank write, on SQLite and
 * PostgreSQL; a change it was not told of shows once it reads the audit trail again.
 */
import { beforeAll, describe, expect, it } from "vitest";
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
} from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { appendAudit } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import {
  InventoryView,
  type ProductFilter,
  discardProduct,
  divideProduct,
  listProducts,
  parseLocation,
  recordProcessing,
  releaseProduct,
  reserveProduct,
  storeProduct,
} from "./index.js";

const FILTERS: ProductFilter[] = [
  {},
  { limit: 2 },
  { limit: 3, offset: 2 },
  { offset: 1000 },
  { status: "quarantine" },
  { status: "available", limit: 1 },
  { status: "divided" },
  { source: "cord-blood", limit: 4, offset: 1 },
  { source: "bone-marrow" },
  { status: "in_processing", source: "bone-marrow" },
  { status: "quarantine", source: "cord-blood", limit: 1, offset: 1 },
];

/** Every filter, and each product's own DIN as a prefix, paged by the view and by the database. */
async function expectSame(store: Store, view: InventoryView): Promise<void> {
  const all = await listProducts(store, { limit: 1000 });
  const filters = [
    ...FILTERS,
    ...all.items.slice(0, 3).map((p) => ({ din: p.din.slice(0, 10) })),
    ...all.items.slice(0, 3).map((p) => ({ din: p.din, status: p.status })),
  ];
  for (const f of filters) {
    expect(JSON.parse(String(await view.page(f))), JSON.stringify(f)).toEqual(await listProducts(store, f));
  }
}

describe.each(DIALECTS)("the inventory view on %s", (dialect) => {
  const store = useStore(dialect);
  let p: People;
  beforeAll(async () => {
    p = await people(store());
    await defineBoxes(store(), p.tech, ["LN2-09/R1/B1", "LN2-01/R01/B01"]);
  });

  it("pages as the database does after every kind of bank write", async () => {
    const view = new InventoryView(store());
    await expectSame(store(), view);
    const units = [];
    for (let i = 0; i < 4; i++) {
      units.push(await registerCord(store(), p.tech, { donorId: `INF-V${i}` }));
      await expectSame(store(), view);
    }
    await registerCord(store(), p.tech, { donorId: "DON-M1", source: "bone-marrow", motherId: undefined });
    await expectSame(store(), view);
    const [a, b, c] = units as [(typeof units)[0], (typeof units)[0], (typeof units)[0]];
    for (const u of [a, b, c]) {
      await recordProcessing(
        store(),
        { din: u.din },
        { step: "cryopreservation", performedAt: nextTime(), complete: true },
        act(p.tech),
      );
      await expectSame(store(), view);
    }
    const hla = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
    await recordAll(
      store(),
      a,
      [...passingCordQc(), { test: "hla", stage: "post-processing", result: hla, testedAt: nextTime() }],
      p.tech,
    );
    await releaseProduct(store(), { din: a.din }, PASSWORD, act(p.qm));
    await expectSame(store(), view);
    await storeProduct(store(), { din: a.din }, parseLocation("LN2-09/R1/B1/A1"), act(p.tech));
    await reserveProduct(
      store(),
      { din: a.din },
      "INF-0099",
      "cord search, 6/6",
      act(p.coordinator),
      TEST_PATIENTS,
    );
    await expectSame(store(), view);
    await divideProduct(store(), { din: b.din }, [60, 22], act(p.tech));
    await expectSame(store(), view);
    await discardProduct(store(), { din: c.din }, "bag leaked at thaw", act(p.tech));
    await expectSame(store(), view);
    // A new view reads everything at once and agrees too.
    await expectSame(store(), new InventoryView(store()));
  });

  it("sees a change made behind its back once it reads the trail again", async () => {
    const u = await registerCord(store(), p.tech, { donorId: "INF-ELSEWHERE" });
    const patient = new InventoryView(store(), { pollMs: 60_000 });
    const eager = new InventoryView(store(), { pollMs: 0 });
    const status = async (v: InventoryView) =>
      (JSON.parse(String(await v.page({ din: u.din }))) as { items: { status: string }[] }).items[0]?.status;
    expect(await status(patient)).toBe("in_processing");
    expect(await status(eager)).toBe("in_processing");
    // Another process's write: the product row and its audit event, outside this process's bank writes.
    await store()
      .db.transaction()
      .execute(async (tx) => {
        await tx.updateTable("product").set({ status: "quarantine" }).where("id", "=", u.id).execute();
        await appendAudit(tx, {
          actor: "tina",
          action: "product.status.quarantine",
          entityType: "product",
          entityId: u.id,
          before: { status: "in_processing" },
          after: { status: "quarantine" },
          at: new Date(),
        });
      });
    expect(await status(eager)).toBe("quarantine");
    expect(await status(patient)).toBe("in_processing"); // within its poll interval
  });

  it("refuses a bad filter naming the field", async () => {
    const view = new InventoryView(store());
    expect((await expectCode(view.page({ status: "frozen" }), "INVALID_INPUT")).details.field).toBe("status");
    expect((await expectCode(view.page({ limit: 0 }), "INVALID_INPUT")).details.field).toBe("limit");
  });
});
