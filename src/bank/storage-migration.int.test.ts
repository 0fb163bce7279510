/**
 * Migration 0016 on a database built at the previous migration (0015), on SQLite and PostgreSQL: old
 * placements get canonical keys, devices/racks/boxes are created from what exists with grids that cover
 * the positions present, and two products whose positions become one key are NOT merged: both stay
 * readable, the later one is reported (storage_issue, the migration's output, storageIssues) until moved.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { act, people } from "../../test/support/bank.js";
import { DIALECTS, type TestDatabase, createTestDatabase } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Store, openStore } from "../store/connect.js";
import { MIGRATIONS } from "../store/migrations/index.js";
import {
  boxGrid,
  listStorage,
  moveProduct,
  parseLocation,
  placementOf,
  storageIssues,
  storeProduct,
} from "./index.js";

const PREVIOUS = "0015-ae-coding-deaths";

/** The placements an older Cradle accepted: two spellings of one slot, a zero-padded one, one odd. */
const OLD = [
  ["P1", "LN2-07", "R01", "B02", "C3", "2025-01-01T10:00:00Z"],
  ["P2", "ln2-07", "r01", "b02", "c3", "2025-02-01T10:00:00Z"],
  ["P3", "LN2-07", "R01", "B02", "A07", "2025-03-01T10:00:00Z"],
  ["P4", "ln2-07", "R01", "B02", "J2", "2025-04-01T10:00:00Z"],
  ["P5", "FRZ-A", "SHELF", "1", "12", "2025-05-01T10:00:00Z"],
  ["P6", "frz-a", "shelf", "1", "012", "2025-05-02T10:00:00Z"],
] as const;

async function oldDatabase(t: TestDatabase, sqliteFile: string): Promise<string> {
  const url = t.name === "sqlite" ? `sqlite://${sqliteFile}` : t.url;
  const pool = t.name === "postgres" ? new pg.Pool({ connectionString: t.url, max: 1 }) : undefined;
  const db = new Kysely<Record<string, Record<string, unknown>>>({
    dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: new SQLite(sqliteFile) }),
    plugins: [new CamelCasePlugin()],
  });
  const r = await new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    migrationTableName: "cradle_migration",
  }).migrateTo(PREVIOUS);
  if (r.error) throw r.error;
  for (const [id, freezer, rack, box, position, at] of OLD) {
    const din = `G1234260000${id.slice(1).padStart(2, "0")}`;
    await db
      .insertInto("collection")
      .values({
        din,
        source: "cord-blood",
        donorId: `INF-${id}`,
        consentRef: "C-1",
        collectedAt: at,
        site: "St Mary",
        volumeMl: 80,
        registeredBy: "tina",
        registeredAt: at,
      })
      .execute();
    await db
      .insertInto("product")
      .values({
        id,
        din,
        productCode: "S1234",
        collectionType: "V",
        division: "00",
        status: "quarantine",
        volumeMl: 25,
        storageTemperature: "cryopreserved",
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto("storagePlacement")
      .values({ productId: id, freezer, rack, box, position, storedAt: at, storedBy: "tina" })
      .execute();
  }
  await db.destroy();
  return url;
}

describe.each(DIALECTS)("migration 0016 on %s", (dialect) => {
  let t: TestDatabase | undefined;
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it("moves old placements to canonical keys and reports clashes without merging them", async () => {
    t = await createTestDatabase(dialect);
    const url = await oldDatabase(t, join(mkdtempSync(join(tmpdir(), "cradle-0016-")), "old.db"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    store = await openStore(url);
    expect(store.migrated).toContain("0016-storage-model");
    expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(
      /migration 0016: 2 storage clash\(es\) and 0 unreadable position\(s\) left unmerged/,
    );
    warn.mockRestore();
    const s = store;

    // The model made from what existed, each box's grid covering its positions.
    const devices = await listStorage(s.db);
    expect(devices.map((d) => [d.name, d.kind, d.temperature])).toEqual([
      ["FRZ-A", "freezer", "cryopreserved"],
      ["LN2-07", "ln2-tank", "cryopreserved"],
    ]);
    const b02 = devices[1]?.racks[0]?.boxes[0];
    expect(b02).toMatchObject({ name: "B02", rows: 10, columns: 7, layout: "letter-number", occupied: 4 });
    expect(devices[0]?.racks[0]?.boxes[0]).toMatchObject({ name: "1", layout: "numbered", occupied: 2 });

    // Both placements of each clash stay readable: the earlier with the key, the later as it was typed.
    expect(await placementOf(s.db, "P1")).toEqual({
      freezer: "LN2-07",
      rack: "R01",
      box: "B02",
      position: "C3",
    });
    expect(await placementOf(s.db, "P2")).toEqual({
      freezer: "ln2-07",
      rack: "r01",
      box: "b02",
      position: "c3",
    });
    expect(await placementOf(s.db, "P3")).toEqual({
      freezer: "LN2-07",
      rack: "R01",
      box: "B02",
      position: "A7",
    });
    expect(await placementOf(s.db, "P4")).toEqual({
      freezer: "LN2-07",
      rack: "R01",
      box: "B02",
      position: "J2",
    });
    const issues = await storageIssues(s.db, { open: true });
    expect(issues.map((i) => [i.kind, i.productId, i.location, i.positionKey, i.holderProductId])).toEqual([
      ["clash", "P6", "frz-a/shelf/1/012", "FRZ-A/SHELF/1/12", "P5"],
      ["clash", "P2", "ln2-07/r01/b02/c3", "LN2-07/R01/B02/C3", "P1"],
    ]);

    // The slot stays held by the first; the key refuses a third product however it is typed.
    const grid = await boxGrid(s.db, { box: "LN2-07/R01/B02" });
    expect(grid.cells.find((c) => c.key === "LN2-07/R01/B02/C3")?.productId).toBe("P1");
    const p = await people(s);
    await s.db.updateTable("product").set({ status: "in_processing" }).where("id", "=", "P3").execute();
    await expectCode(
      moveProduct(
        s,
        { din: "G123426000003" },
        parseLocation("ln2-07/r01/b02/c03", "to"),
        "tidy",
        act(p.tech),
      ),
      "STORAGE_POSITION_OCCUPIED",
    );

    // Moving the clashing product resolves its issue; the report then lists only the other.
    await moveProduct(
      s,
      { din: "G123426000002" },
      parseLocation("LN2-07/R01/B02/D1", "to"),
      "clash 0016",
      act(p.tech),
    );
    expect(await placementOf(s.db, "P2")).toEqual({
      freezer: "LN2-07",
      rack: "R01",
      box: "B02",
      position: "D1",
    });
    expect((await storageIssues(s.db, { open: true })).map((i) => i.productId)).toEqual(["P6"]);
    const all = await storageIssues(s.db);
    expect(all.find((i) => i.productId === "P2")).toMatchObject({
      resolvedBy: "tina",
      resolution: "moved to LN2-07/R01/B02/D1",
    });
    // A migrated product already in a slot is moved, not stored a second time.
    await expectCode(
      storeProduct(s, { din: "G123426000004" }, parseLocation("LN2-07/R01/B02/E1"), act(p.tech)),
      "INVALID_INPUT",
    );
  });
});
