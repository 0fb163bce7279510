import type { Act } from "../accounts/act.js";
/**
 * The physical storage model: devices (freezers, LN2 tanks) with their racks and boxes, each box a grid.
 * A product is stored only in a slot of a defined box (storage.ts asks `slotOf` here); defining is for the
 * lab and quality (BANK_ROLES.defineStorage), each definition one transaction with its audit row.
 */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { type BoxLayout, GRID, type StorageIssueKind, type StorageTemperature } from "./constants.js";
import {
  type Grid,
  canonicalName,
  cellName,
  positionIn,
  positionKey,
  splitLocation,
} from "./storage-keys.js";
import {
  type BoxGrid,
  BoxQuerySchema,
  type NewBox,
  NewBoxSchema,
  type NewDevice,
  NewDeviceSchema,
  type NewRack,
  NewRackSchema,
  type StorageDevice,
  type StorageIssue,
} from "./storage-schemas.js";

type Db = Store["db"] | Tx;

interface DeviceRow {
  id: string;
  name: string;
  kind: string;
  temperature: string;
}
interface BoxRow extends Grid {
  id: string;
  device: string;
  deviceId: string;
  rack: string;
  temperature: StorageTemperature;
}

const list = (names: string[]) =>
  names.length === 0
    ? "none is defined"
    : `defined: ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", …" : ""}`;

async function deviceNamed(db: Db, name: string, field: string): Promise<DeviceRow> {
  const row = await db.selectFrom("storageDevice").selectAll().where("name", "=", name).executeTakeFirst();
  if (row) return row;
  const all = await db.selectFrom("storageDevice").select("name").orderBy("name").execute();
  throw new CradleError(
    "STORAGE_NOT_DEFINED",
    `${field}: device "${name}" is not defined (${list(all.map((r) => r.name))})`,
    { field, value: name, part: "device" },
  );
}

async function rackNamed(db: Db, device: DeviceRow, name: string, field: string): Promise<{ id: string }> {
  const row = await db
    .selectFrom("storageRack")
    .select("id")
    .where("deviceId", "=", device.id)
    .where("name", "=", name)
    .executeTakeFirst();
  if (row) return row;
  const all = await db.selectFrom("storageRack").select("name").where("deviceId", "=", device.id).execute();
  throw new CradleError(
    "STORAGE_NOT_DEFINED",
    `${field}: rack "${name}" is not defined in ${device.name} (${list(all.map((r) => r.name).sort())})`,
    { field, value: name, part: "rack", device: device.name },
  );
}

/** A defined box by its three names (already canonical); refuses naming the first part not defined. */
export async function boxAt(
  db: Db,
  device: string,
  rack: string,
  box: string,
  field: string,
): Promise<BoxRow> {
  const d = await deviceNamed(db, device, field);
  const r = await rackNamed(db, d, rack, field);
  const row = await db
    .selectFrom("storageBox")
    .selectAll()
    .where("rackId", "=", r.id)
    .where("name", "=", box)
    .executeTakeFirst();
  if (!row) {
    const all = await db.selectFrom("storageBox").select("name").where("rackId", "=", r.id).execute();
    throw new CradleError(
      "STORAGE_NOT_DEFINED",
      `${field}: box "${box}" is not defined in ${d.name}/${rack} (${list(all.map((b) => b.name).sort())})`,
      { field, value: box, part: "box", device: d.name, rack },
    );
  }
  return {
    id: row.id,
    name: row.name,
    device: d.name,
    deviceId: d.id,
    rack,
    rows: row.gridRows,
    columns: row.gridColumns,
    layout: row.layout as BoxLayout,
    temperature: d.temperature as StorageTemperature,
  };
}

export interface Slot {
  boxId: string;
  device: string;
  deviceId: string;
  rack: string;
  box: string;
  position: string;
  key: string;
  temperature: StorageTemperature;
}

/** The slot a location (its four parts, as keyed) names: defined, inside the grid, with its one key. */
export async function slotOf(
  db: Db,
  l: { freezer: string; rack: string; box: string; position: string },
  field: string,
): Promise<Slot> {
  const [device, rack, box] = [canonicalName(l.freezer), canonicalName(l.rack), canonicalName(l.box)];
  const b = await boxAt(db, device, rack, box, field);
  const { position } = positionIn(b, l.position, field);
  return {
    boxId: b.id,
    device,
    deviceId: b.deviceId,
    rack,
    box,
    position,
    key: positionKey(device, rack, box, position),
    temperature: b.temperature,
  };
}

async function refuseExisting(found: unknown, what: string, field: string, value: string): Promise<void> {
  if (found)
    throw new CradleError("STORAGE_EXISTS", `${field}: ${what} is already defined`, { field, value });
}

export async function addStorageDevice(store: Store, input: NewDevice, act: Act): Promise<StorageDevice> {
  allow(act, "defineStorage");
  const d = check(NewDeviceSchema, input);
  const name = canonicalName(d.name);
  return write(store, async (tx) => {
    await refuseExisting(
      await tx.selectFrom("storageDevice").select("id").where("name", "=", name).executeTakeFirst(),
      `device ${name}`,
      "name",
      d.name,
    );
    const row = { id: crypto.randomUUID(), name, kind: d.kind, temperature: d.temperature };
    await tx
      .insertInto("storageDevice")
      .values({ ...row, createdAt: act.at.toISOString(), createdBy: act.user.username })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.device.create",
      entityType: "storage-device",
      entityId: row.id,
      after: row,
      at: act.at,
    });
    return { ...row, racks: [] };
  });
}

export async function addStorageRack(
  store: Store,
  input: NewRack,
  act: Act,
): Promise<{ id: string; name: string }> {
  allow(act, "defineStorage");
  const r = check(NewRackSchema, input);
  const name = canonicalName(r.name);
  return write(store, async (tx) => {
    const d = await deviceNamed(tx, canonicalName(r.device), "device");
    await refuseExisting(
      await tx
        .selectFrom("storageRack")
        .select("id")
        .where("deviceId", "=", d.id)
        .where("name", "=", name)
        .executeTakeFirst(),
      `rack ${d.name}/${name}`,
      "name",
      r.name,
    );
    const row = { id: crypto.randomUUID(), deviceId: d.id, name };
    await tx
      .insertInto("storageRack")
      .values({ ...row, createdAt: act.at.toISOString(), createdBy: act.user.username })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.rack.create",
      entityType: "storage-rack",
      entityId: row.id,
      after: { ...row, device: d.name },
      at: act.at,
    });
    return { id: row.id, name };
  });
}

export async function addStorageBox(
  store: Store,
  input: NewBox,
  act: Act,
): Promise<{ id: string; name: string; rows: number; columns: number; layout: BoxLayout }> {
  allow(act, "defineStorage");
  const b = check(NewBoxSchema, input);
  const layout: BoxLayout = b.layout ?? "letter-number";
  if (layout === "letter-number" && b.rows > GRID.maxLetterRows) {
    throw new CradleError(
      "INVALID_INPUT",
      `rows ${b.rows}: rows named by letters go up to ${GRID.maxLetterRows} (A–Z); use layout "numbered"`,
      { field: "rows", value: b.rows },
    );
  }
  const name = canonicalName(b.name);
  return write(store, async (tx) => {
    const d = await deviceNamed(tx, canonicalName(b.device), "device");
    const r = await rackNamed(tx, d, canonicalName(b.rack), "rack");
    await refuseExisting(
      await tx
        .selectFrom("storageBox")
        .select("id")
        .where("rackId", "=", r.id)
        .where("name", "=", name)
        .executeTakeFirst(),
      `box ${d.name}/${canonicalName(b.rack)}/${name}`,
      "name",
      b.name,
    );
    const row = {
      id: crypto.randomUUID(),
      rackId: r.id,
      name,
      gridRows: b.rows,
      gridColumns: b.columns,
      layout,
    };
    await tx
      .insertInto("storageBox")
      .values({ ...row, createdAt: act.at.toISOString(), createdBy: act.user.username })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.box.create",
      entityType: "storage-box",
      entityId: row.id,
      after: { ...row, device: d.name, rack: canonicalName(b.rack) },
      at: act.at,
    });
    return { id: row.id, name, rows: b.rows, columns: b.columns, layout };
  });
}

/** Every device with its racks and boxes, each box with how full it is. */
export async function listStorage(db: Db): Promise<StorageDevice[]> {
  const devices = await db.selectFrom("storageDevice").selectAll().orderBy("name").execute();
  const racks = await db.selectFrom("storageRack").selectAll().orderBy("name").execute();
  const boxes = await db.selectFrom("storageBox").selectAll().orderBy("name").execute();
  const counts = await db
    .selectFrom("storagePlacement")
    .select(["boxId", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy("boxId")
    .execute();
  const occupied = new Map(counts.map((c) => [c.boxId, Number(c.n)]));
  return devices.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind as StorageDevice["kind"],
    temperature: d.temperature as StorageTemperature,
    racks: racks
      .filter((r) => r.deviceId === d.id)
      .map((r) => ({
        id: r.id,
        name: r.name,
        boxes: boxes
          .filter((b) => b.rackId === r.id)
          .map((b) => ({
            id: b.id,
            name: b.name,
            rows: b.gridRows,
            columns: b.gridColumns,
            layout: b.layout as BoxLayout,
            occupied: occupied.get(b.id) ?? 0,
            capacity: b.gridRows * b.gridColumns,
          })),
      })),
  }));
}

/** A box's grid, every cell with the product in it (or null), for picking a free slot. */
export async function boxGrid(db: Db, query: { box: string }): Promise<BoxGrid> {
  const { box: text } = check(BoxQuerySchema, query);
  const [device, rack, name] = splitLocation(text, "box", 3) as [string, string, string];
  const b = await boxAt(db, device, rack, name, "box");
  const placed = await db
    .selectFrom("storagePlacement")
    .innerJoin("product", "product.id", "storagePlacement.productId")
    .select([
      "storagePlacement.productId",
      "storagePlacement.positionKey",
      "product.din",
      "product.productCode",
      "product.collectionType",
      "product.division",
    ])
    .where("storagePlacement.boxId", "=", b.id)
    .execute();
  const byKey = new Map(placed.filter((p) => p.positionKey !== null).map((p) => [p.positionKey, p]));
  const cells: BoxGrid["cells"] = [];
  for (let row = 1; row <= b.rows; row++) {
    for (let column = 1; column <= b.columns; column++) {
      const position = cellName(b, row, column);
      const key = positionKey(device, rack, name, position);
      const held = byKey.get(key);
      cells.push({
        position,
        key,
        row,
        column,
        productId: held?.productId ?? null,
        din: held?.din ?? null,
        // A division's code names which aliquot of the DIN sits here; the whole unit needs none.
        productCode:
          held && held.division !== "00" ? `${held.productCode}${held.collectionType}${held.division}` : null,
      });
    }
  }
  return {
    device,
    rack,
    box: name,
    rows: b.rows,
    columns: b.columns,
    layout: b.layout,
    cells,
    free: cells.filter((c) => c.productId === null).length,
  };
}

/** What migration 0016 would not merge; `open` ones until the product is moved or leaves storage. */
export async function storageIssues(db: Db, o: { open?: boolean } = {}): Promise<StorageIssue[]> {
  let q = db.selectFrom("storageIssue").selectAll().orderBy("foundAt").orderBy("location");
  if (o.open) q = q.where("resolvedAt", "is", null);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, kind: r.kind as StorageIssueKind }));
}

/** Closes a product's open issues inside the caller's transaction: it was moved or left storage. */
export async function resolveStorageIssues(
  tx: Tx,
  productId: string,
  act: Act,
  resolution: string,
): Promise<void> {
  await tx
    .updateTable("storageIssue")
    .set({ resolvedAt: act.at.toISOString(), resolvedBy: act.user.username, resolution })
    .where("productId", "=", productId)
    .where("resolvedAt", "is", null)
    .execute();
}
