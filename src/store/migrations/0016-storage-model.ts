/**
 * Storage positions become physical places (issue 14). Owner: bank.
 *
 * - storage_device (a freezer or LN2 tank; its name unique as upper-cased), storage_rack, storage_box (a
 *   grid: rows × columns, named "letter-number" A1… or "numbered" 1…).
 * - storage_placement is rebuilt: each placement points at its box and carries `position_key`, the one
 *   canonical key of the slot (DEVICE/RACK/BOX/POSITION upper-cased, separators "/", leading zeros of
 *   numbers dropped), unique. The old constraint on the four texts as typed let `ln2-07/r01/b02/c3` sit
 *   beside `LN2-07/R01/B02/C3`.
 * - Existing placements move in: devices, racks and boxes are created from the names found (a box's grid
 *   made just large enough for the positions present). Two products whose positions become one key are a
 *   clash: they are NOT merged. The earliest stored keeps the key, the others keep their position as typed
 *   with no key, and each is written to storage_issue, which `cradle db check` and GET /api/storage/issues
 *   report until the product is moved. A position no grid can read is an issue of kind "unreadable".
 *
 * The canonical key is computed here with this migration's own copy of the rule (a migration never
 * changes once released; bank/storage-keys.ts is the rule the service keeps).
 */
import { type Kysely, sql } from "kysely";

interface OldPlacement {
  productId: string;
  freezer: string;
  rack: string;
  box: string;
  position: string;
  storedAt: string;
  storedBy: string;
  storageTemperature: string;
}

const up1 = (s: string) => s.trim().toUpperCase();
const LETTER_NUMBER = /^([A-Z])0*([1-9][0-9]*)$/;
const NUMBERED = /^0*([1-9][0-9]*)$/;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("storage_device")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('freezer','ln2-tank')`))
    .addColumn("temperature", "text", (c) =>
      c.notNull().check(sql`temperature in ('cryopreserved','refrigerated','room')`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("storage_rack")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("device_id", "text", (c) => c.notNull().references("storage_device.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addUniqueConstraint("storage_rack_name", ["device_id", "name"])
    .execute();
  await db.schema
    .createTable("storage_box")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rack_id", "text", (c) => c.notNull().references("storage_rack.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("grid_rows", "integer", (c) => c.notNull().check(sql`grid_rows between 1 and 100`))
    .addColumn("grid_columns", "integer", (c) => c.notNull().check(sql`grid_columns between 1 and 100`))
    .addColumn("layout", "text", (c) =>
      c
        .notNull()
        .check(sql`layout in ('letter-number','numbered') and (layout = 'numbered' or grid_rows <= 26)`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addUniqueConstraint("storage_box_name", ["rack_id", "name"])
    .execute();
  await db.schema
    .createTable("storage_placement_new")
    .addColumn("product_id", "text", (c) => c.primaryKey().references("product.id"))
    .addColumn("box_id", "text", (c) => c.notNull().references("storage_box.id"))
    .addColumn("freezer", "text", (c) => c.notNull())
    .addColumn("rack", "text", (c) => c.notNull())
    .addColumn("box", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    // Null only for a placement the migration found clashing or unreadable (storage_issue says which).
    .addColumn("position_key", "text", (c) => c.unique())
    .addColumn("stored_at", "text", (c) => c.notNull())
    .addColumn("stored_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("storage_issue")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('clash','unreadable')`))
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("position_key", "text")
    .addColumn("holder_product_id", "text")
    .addColumn("found_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .addColumn("resolution", "text")
    .execute();
  await db.schema.createIndex("storage_issue_product").on("storage_issue").columns(["product_id"]).execute();

  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const old = (await raw
    .selectFrom("storage_placement as s")
    .innerJoin("product as p", "p.id", "s.productId")
    .select([
      "s.productId",
      "s.freezer",
      "s.rack",
      "s.box",
      "s.position",
      "s.storedAt",
      "s.storedBy",
      "p.storageTemperature",
    ])
    .orderBy("s.storedAt")
    .orderBy("s.productId")
    .execute()) as unknown as OldPlacement[];
  const now = new Date().toISOString();
  const by = "migration 0016";

  // Devices, racks and boxes by their upper-cased names, each box's positions to size its grid.
  const devices = new Map<string, { id: string; temps: Map<string, number> }>();
  const racks = new Map<string, string>();
  const boxes = new Map<string, { id: string; rackId: string; name: string; positions: string[] }>();
  for (const p of old) {
    const [f, r, b] = [up1(p.freezer), up1(p.rack), up1(p.box)];
    const d = devices.get(f) ?? { id: crypto.randomUUID(), temps: new Map() };
    d.temps.set(p.storageTemperature, (d.temps.get(p.storageTemperature) ?? 0) + 1);
    devices.set(f, d);
    const rk = `${f}/${r}`;
    if (!racks.has(rk)) racks.set(rk, crypto.randomUUID());
    const bk = `${rk}/${b}`;
    const box = boxes.get(bk) ?? {
      id: crypto.randomUUID(),
      rackId: racks.get(rk) as string,
      name: b,
      positions: [],
    };
    box.positions.push(up1(p.position));
    boxes.set(bk, box);
  }
  for (const [name, d] of devices) {
    const temperature = [...d.temps].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "cryopreserved";
    await raw
      .insertInto("storageDevice")
      .values({
        id: d.id,
        name,
        kind: name.startsWith("LN2") ? "ln2-tank" : "freezer",
        temperature,
        createdAt: now,
        createdBy: by,
      })
      .execute();
  }
  for (const [key, id] of racks) {
    const [f, r] = key.split("/") as [string, string];
    await raw
      .insertInto("storageRack")
      .values({ id, deviceId: devices.get(f)?.id, name: r, createdAt: now, createdBy: by })
      .execute();
  }
  // A box whose positions are all letter-number gets that grid; all numbers, a numbered one; a mix reads
  // what its majority layout can and reports the rest as unreadable.
  const layoutOf = new Map<string, "letter-number" | "numbered">();
  for (const [key, b] of boxes) {
    const ln = b.positions.filter((p) => LETTER_NUMBER.test(p));
    const nb = b.positions.filter((p) => NUMBERED.test(p));
    const layout = nb.length > ln.length ? "numbered" : "letter-number";
    layoutOf.set(key, layout);
    let rows = 1;
    let columns = 1;
    if (layout === "letter-number") {
      for (const p of ln) {
        const m = LETTER_NUMBER.exec(p) as RegExpExecArray;
        rows = Math.max(rows, (m[1] as string).charCodeAt(0) - 64);
        columns = Math.max(columns, Math.min(100, Number(m[2])));
      }
    } else {
      const top = Math.max(1, ...nb.map((p) => Number((NUMBERED.exec(p) as RegExpExecArray)[1])));
      columns = Math.min(100, top);
      rows = Math.min(100, Math.ceil(top / columns));
    }
    await raw
      .insertInto("storageBox")
      .values({
        id: b.id,
        rackId: b.rackId,
        name: b.name,
        gridRows: rows,
        gridColumns: columns,
        layout,
        createdAt: now,
        createdBy: by,
      })
      .execute();
  }

  const holders = new Map<string, string>();
  const issue = async (kind: string, p: OldPlacement, key: string | null, holder: string | null) =>
    raw
      .insertInto("storageIssue")
      .values({
        id: crypto.randomUUID(),
        kind,
        productId: p.productId,
        location: `${p.freezer}/${p.rack}/${p.box}/${p.position}`,
        positionKey: key,
        holderProductId: holder,
        foundAt: now,
      })
      .execute();
  let clashes = 0;
  let unreadable = 0;
  for (const p of old) {
    const [f, r, b, pos] = [up1(p.freezer), up1(p.rack), up1(p.box), up1(p.position)];
    const bk = `${f}/${r}/${b}`;
    const layout = layoutOf.get(bk);
    const m = layout === "letter-number" ? LETTER_NUMBER.exec(pos) : NUMBERED.exec(pos);
    const position = m === null ? null : layout === "letter-number" ? `${m[1]}${m[2]}` : (m[1] as string);
    const key = position === null ? null : `${bk}/${position}`;
    const holder = key === null ? undefined : holders.get(key);
    const clean = key !== null && holder === undefined;
    if (clean) holders.set(key, p.productId);
    await raw
      .insertInto("storagePlacementNew")
      .values({
        productId: p.productId,
        boxId: boxes.get(bk)?.id,
        // A clash or an unreadable position keeps its texts as typed, so both placements stay readable.
        freezer: clean ? f : p.freezer,
        rack: clean ? r : p.rack,
        box: clean ? b : p.box,
        position: clean ? position : p.position,
        positionKey: clean ? key : null,
        storedAt: p.storedAt,
        storedBy: p.storedBy,
      })
      .execute();
    if (key === null) {
      unreadable += 1;
      await issue("unreadable", p, null, null);
    } else if (!clean) {
      clashes += 1;
      await issue("clash", p, key, holder ?? null);
    }
  }
  await db.schema.dropTable("storage_placement").execute();
  await db.schema.alterTable("storage_placement_new").renameTo("storage_placement").execute();
  if (clashes + unreadable > 0) {
    // The migration's output: an operator starting the server sees it before any page does.
    console.warn(
      `migration 0016: ${clashes} storage clash(es) and ${unreadable} unreadable position(s) left unmerged: ${"see `cradle db check` or `cradle storage issues`, and move each product listed"}`,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("storage_issue").execute();
  await db.schema.dropTable("storage_placement").execute();
  await db.schema
    .createTable("storage_placement")
    .addColumn("product_id", "text", (c) => c.primaryKey().references("product.id"))
    .addColumn("freezer", "text", (c) => c.notNull())
    .addColumn("rack", "text", (c) => c.notNull())
    .addColumn("box", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("stored_at", "text", (c) => c.notNull())
    .addColumn("stored_by", "text", (c) => c.notNull())
    .addUniqueConstraint("storage_placement_position", ["freezer", "rack", "box", "position"])
    .execute();
  for (const t of ["storage_box", "storage_rack", "storage_device"]) await db.schema.dropTable(t).execute();
}
