/**
 * Storage positions are physical places (issue 14), on SQLite and PostgreSQL: devices, racks and boxes
 * are defined first; a product goes only into a slot of a defined box's grid, under one canonical key, so
 * the bug report's second bag (`ln2-07/r01/b02/c3` beside `LN2-07/R01/B02/C3`) is refused; every
 * refusal writes nothing.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type People, act, people, registerCord } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { auditOf } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import {
  addStorageBox,
  addStorageDevice,
  addStorageRack,
  boxGrid,
  listStorage,
  moveProduct,
  parseLocation,
  storeProduct,
  traceDin,
} from "./index.js";

async function counts(store: Store) {
  const n = async (t: string) =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]
        ?.n,
    );
  return {
    devices: await n("storage_device"),
    racks: await n("storage_rack"),
    boxes: await n("storage_box"),
    placements: await n("storage_placement"),
    audit: await n("audit_event"),
    custody: await n("custody_event"),
  };
}

describe.each(DIALECTS)("the storage model on %s", (dialect) => {
  const store = useStore(dialect);
  let p: People;

  beforeAll(async () => {
    p = await people(store());
    await addStorageDevice(
      store(),
      { name: "ln2-07", kind: "ln2-tank", temperature: "cryopreserved" },
      act(p.tech),
    );
    await addStorageRack(store(), { device: "LN2-07", name: "r01" }, act(p.qm));
    await addStorageBox(
      store(),
      { device: "ln2-07", rack: "R01", name: "B02", rows: 10, columns: 7 },
      act(p.tech),
    );
    await addStorageBox(
      store(),
      { device: "LN2-07", rack: "R01", name: "B03", rows: 9, columns: 9, layout: "numbered" },
      act(p.tech),
    );
    await addStorageDevice(
      store(),
      { name: "FRIDGE-1", kind: "freezer", temperature: "refrigerated" },
      act(p.tech),
    );
    await addStorageRack(store(), { device: "FRIDGE-1", name: "SHELF-1" }, act(p.tech));
    await addStorageBox(
      store(),
      { device: "FRIDGE-1", rack: "SHELF-1", name: "TRAY-1", rows: 2, columns: 5 },
      act(p.tech),
    );
  });

  it("defines devices, racks and boxes under upper-cased names, each audited", async () => {
    const devices = await listStorage(store().db);
    expect(devices.map((d) => d.name)).toEqual(["FRIDGE-1", "LN2-07"]);
    const tank = devices.find((d) => d.name === "LN2-07");
    expect(tank?.racks.map((r) => r.name)).toEqual(["R01"]);
    expect(tank?.racks[0]?.boxes.map((b) => [b.name, b.rows, b.columns, b.layout, b.capacity])).toEqual([
      ["B02", 10, 7, "letter-number", 70],
      ["B03", 9, 9, "numbered", 81],
    ]);
    const events = await auditOf(store(), "storage-device", tank?.id as string);
    expect(events.map((e) => [e.action, e.actor])).toEqual([["storage.device.create", "tina"]]);
  });

  it("refuses a second device of the same name in any case, a coordinator, and a letter grid past Z", async () => {
    const before = await counts(store());
    await expectCode(
      addStorageDevice(
        store(),
        { name: "Ln2-07", kind: "freezer", temperature: "cryopreserved" },
        act(p.tech),
      ),
      "STORAGE_EXISTS",
    );
    await expectCode(
      addStorageRack(store(), { device: "ln2-07", name: "R01" }, act(p.tech)),
      "STORAGE_EXISTS",
    );
    await expectCode(
      addStorageRack(store(), { device: "LN2-99", name: "R01" }, act(p.tech)),
      "STORAGE_NOT_DEFINED",
    );
    await expectCode(
      addStorageDevice(
        store(),
        { name: "LN2-08", kind: "ln2-tank", temperature: "cryopreserved" },
        act(p.coordinator),
      ),
      "FORBIDDEN",
    );
    const e = await expectCode(
      addStorageBox(
        store(),
        { device: "LN2-07", rack: "R01", name: "BIG", rows: 27, columns: 2 },
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    expect(e.details.field).toBe("rows");
    await expectCode(
      addStorageBox(
        store(),
        { device: "LN2-07", rack: "R01", name: "B04", rows: 0, columns: 2 },
        act(p.tech),
      ),
      "INVALID_INPUT",
    );
    expect(await counts(store())).toEqual(before);
  });

  it("refuses the bug report's second bag: ln2-07/r01/b02/c3 is the slot LN2-07/R01/B02/C3", async () => {
    const a = await registerCord(store(), p.tech);
    const b = await registerCord(store(), p.tech);
    const placed = await storeProduct(
      store(),
      { din: a.din },
      parseLocation("LN2-07/R01/B02/C3"),
      act(p.tech),
    );
    expect(placed).toEqual({ freezer: "LN2-07", rack: "R01", box: "B02", position: "C3" });
    const before = await counts(store());
    for (const typed of ["ln2-07/r01/b02/c3", "LN2-07 / R01 / B02 / C03", "ln2-07\\r01\\b02\\c3"]) {
      const e = await expectCode(
        storeProduct(store(), { din: b.din }, parseLocation(typed), act(p.tech)),
        "STORAGE_POSITION_OCCUPIED",
      );
      expect(e.message).toContain(`position LN2-07/R01/B02/C3 already holds product ${a.id}`);
    }
    expect(await counts(store())).toEqual(before);
    // Stored as keyed in lower case, read back in the canonical form.
    await storeProduct(store(), { din: b.din }, parseLocation("ln2-07/r01/b02/c04"), act(p.tech));
    expect((await traceDin(store(), b.din)).products[0]?.storage).toEqual({
      freezer: "LN2-07",
      rack: "R01",
      box: "B02",
      position: "C4",
    });
  });

  it("refuses a device, rack or box not defined and a position outside the grid, naming part and bounds", async () => {
    const c = await registerCord(store(), p.tech);
    const before = await counts(store());
    const cases: [string, RegExp][] = [
      ["LN2-09/R01/B02/A1", /device "LN2-09" is not defined \(defined: FRIDGE-1, LN2-07\)/],
      ["LN2-07/R02/B02/A1", /rack "R02" is not defined in LN2-07 \(defined: R01\)/],
      ["LN2-07/R01/B09/A1", /box "B09" is not defined in LN2-07\/R01 \(defined: B02, B03\)/],
      ["LN2-07/R01/B02/K1", /position "K1" is outside box B02's grid \(rows A–J, columns 1–7\)/],
      ["LN2-07/R01/B02/A8", /position "A8" is outside box B02's grid \(rows A–J, columns 1–7\)/],
      ["LN2-07/R01/B03/82", /position "82" is outside box B03's grid \(positions 1–81\)/],
      ["LN2-07/R01/B03/A1", /position "A1" is not a number of box B03's grid/],
    ];
    for (const [typed, message] of cases) {
      const e = await expectCode(
        storeProduct(store(), { din: c.din }, parseLocation(typed), act(p.tech)),
        "STORAGE_NOT_DEFINED",
      );
      expect(e.message, typed).toMatch(message);
      expect(e.details.field).toBe("location");
    }
    // A cryopreserved unit is not put in a 2–8 °C fridge.
    const wrong = await expectCode(
      storeProduct(store(), { din: c.din }, parseLocation("FRIDGE-1/SHELF-1/TRAY-1/A1"), act(p.tech)),
      "INVALID_INPUT",
    );
    expect(wrong.message).toContain("keeps refrigerated products");
    expect(await counts(store())).toEqual(before);
    // A move names the `to` field the same way.
    await storeProduct(store(), { din: c.din }, parseLocation("LN2-07/R01/B03/007"), act(p.tech));
    const e = await expectCode(
      moveProduct(store(), { din: c.din }, parseLocation("LN2-07/R01/B02/Z1", "to"), "tidy", act(p.tech)),
      "STORAGE_NOT_DEFINED",
    );
    expect(e.details.field).toBe("to");
  });

  it("shows a box's grid with each slot's key and occupant, for picking a free one", async () => {
    const grid = await boxGrid(store().db, { box: "ln2-07 r01 b03" });
    expect(grid).toMatchObject({
      device: "LN2-07",
      rack: "R01",
      box: "B03",
      rows: 9,
      columns: 9,
      layout: "numbered",
    });
    expect(grid.cells).toHaveLength(81);
    expect(grid.cells[6]).toMatchObject({ position: "7", key: "LN2-07/R01/B03/7", row: 1, column: 7 });
    expect(grid.cells[6]?.productId).not.toBeNull();
    expect(grid.free).toBe(80);
    const b02 = await boxGrid(store().db, { box: "LN2-07/R01/B02" });
    expect(b02.cells.filter((c) => c.productId !== null).map((c) => c.key)).toEqual([
      "LN2-07/R01/B02/C3",
      "LN2-07/R01/B02/C4",
    ]);
    await expectCode(boxGrid(store().db, { box: "LN2-07/R01/B99" }), "STORAGE_NOT_DEFINED");
    await expectCode(boxGrid(store().db, { box: "LN2-07/R01" }), "INVALID_INPUT");
    const listed = (await listStorage(store().db)).find((d) => d.name === "LN2-07");
    expect(listed?.racks[0]?.boxes.map((b) => b.occupied)).toEqual([2, 1]);
  });
});
