import type { Act } from "../accounts/act.js";
/**
 * Storage positions: freezer / rack / box / position, each a slot of a defined box (storage-model.ts) with
 * one canonical key (storage-keys.ts). One product per slot and one slot per product, held by the
 * database's unique constraints on the key and the product as well as checked here for a clear message;
 * every placement and move is a custody event with the old and new position, and a stay in
 * `storage_stay` (from, to) that alarms and look-backs read for where a product was at a time.
 */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { STORABLE } from "./constants.js";
import { recordCustody } from "./custody.js";
import { type Product, type ProductRef, findProduct } from "./products.js";
import { MoveInputSchema, type StorageLocation, StorageLocationSchema } from "./schemas.js";
import { requireStatus } from "./status.js";
import { splitLocation } from "./storage-keys.js";
import { resolveStorageIssues, slotOf } from "./storage-model.js";

export type { StorageLocation } from "./schemas.js";

/**
 * Reads "DEVICE/RACK/BOX/POSITION" in any case, with "/", "\\", ":" or spaces between the parts, e.g.
 * "ln2-01 r03 b12 a1" is LN2-01/R03/B12/A1 (storage-keys.ts has the rule; the grid check is at storing).
 */
export function parseLocation(text: string, field = "location"): StorageLocation {
  const [freezer, rack, box, position] = splitLocation(text, field, 4) as [string, string, string, string];
  return { freezer, rack, box, position };
}

export function formatLocation(l: StorageLocation): string {
  return `${l.freezer}/${l.rack}/${l.box}/${l.position}`;
}

async function occupant(tx: Tx, key: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom("storagePlacement")
    .select("productId")
    .where("positionKey", "=", key)
    .executeTakeFirst();
  return row?.productId;
}

export async function placementOf(db: Store["db"], productId: string): Promise<StorageLocation | undefined> {
  const row = await db
    .selectFrom("storagePlacement")
    .select(["freezer", "rack", "box", "position"])
    .where("productId", "=", productId)
    .executeTakeFirst();
  return row;
}

/** Puts the product into the slot a location names: defined, in the grid, at its temperature, free. */
async function place(
  tx: Tx,
  product: Product,
  l: StorageLocation,
  act: Act,
  field: string,
): Promise<StorageLocation> {
  const slot = await slotOf(tx, l, field);
  if (slot.temperature !== product.storageTemperature) {
    throw new CradleError(
      "INVALID_INPUT",
      `${field}: device ${slot.device} keeps ${slot.temperature} products; product ${product.id} is labelled ${product.storageTemperature}`,
      { field, value: slot.key, device: slot.device, productTemperature: product.storageTemperature },
    );
  }
  const other = await occupant(tx, slot.key);
  if (other !== undefined) {
    throw new CradleError(
      "STORAGE_POSITION_OCCUPIED",
      `position ${slot.key} already holds product ${other}`,
      {
        field,
        value: slot.key,
        occupant: other,
      },
    );
  }
  const canonical = { freezer: slot.device, rack: slot.rack, box: slot.box, position: slot.position };
  await tx
    .insertInto("storagePlacement")
    .values({
      productId: product.id,
      boxId: slot.boxId,
      ...canonical,
      positionKey: slot.key,
      storedAt: act.at.toISOString(),
      storedBy: act.user.username,
    })
    .execute();
  await tx
    .insertInto("storageStay")
    .values({
      id: crypto.randomUUID(),
      productId: product.id,
      deviceId: slot.deviceId,
      ...canonical,
      fromAt: act.at.toISOString(),
      toAt: null,
      storedBy: act.user.username,
    })
    .execute();
  return canonical;
}

/** Takes the product out of its position: the placement goes, its stay ends now (the history keeps it). */
async function vacate(tx: Tx, productId: string, act: Act): Promise<void> {
  await tx.deleteFrom("storagePlacement").where("productId", "=", productId).execute();
  await tx
    .updateTable("storageStay")
    .set({ toAt: act.at.toISOString() })
    .where("productId", "=", productId)
    .where("toAt", "is", null)
    .execute();
}

/** Puts a product into a free position. A product already stored is moved with moveProduct. */
export async function storeProduct(
  store: Store,
  ref: ProductRef,
  input: StorageLocation,
  act: Act,
): Promise<StorageLocation> {
  allow(act, "store");
  const location = check(StorageLocationSchema, input, "location");
  return write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    requireStatus(product, STORABLE, "storage");
    const current = await placementOf(tx, product.id);
    if (current) {
      throw new CradleError(
        "INVALID_INPUT",
        `product ${product.id} is already stored at ${formatLocation(current)}: move it instead`,
        {
          field: "location",
          value: formatLocation(current),
        },
      );
    }
    const placed = await place(tx, product, location, act, "location");
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.store",
      entityType: "product",
      entityId: product.id,
      after: placed,
      at: act.at,
    });
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "stored",
      at: act.at.toISOString(),
      by: act.user.username,
      location: formatLocation(placed),
    });
    return placed;
  });
}

/** Moves a stored product to a free position, with the reason. */
export async function moveProduct(
  store: Store,
  ref: ProductRef,
  toInput: StorageLocation,
  reasonInput: string,
  act: Act,
): Promise<StorageLocation> {
  allow(act, "store");
  const { to, reason } = check(MoveInputSchema, { to: toInput, reason: reasonInput });
  if (reason.trim() === "")
    throw new CradleError("INVALID_INPUT", "reason: say why the product moves", { field: "reason" });
  return write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    requireStatus(product, STORABLE, "a storage move");
    const from = await placementOf(tx, product.id);
    if (!from) {
      throw new CradleError("INVALID_INPUT", `product ${product.id} is not in storage: store it first`, {
        field: "location",
      });
    }
    await vacate(tx, product.id, act);
    const placed = await place(tx, product, to, act, "to");
    await resolveStorageIssues(tx, product.id, act, `moved to ${formatLocation(placed)}`);
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.move",
      entityType: "product",
      entityId: product.id,
      before: from,
      after: placed,
      reason,
      at: act.at,
    });
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "moved",
      at: act.at.toISOString(),
      by: act.user.username,
      location: formatLocation(placed),
      details: { from: formatLocation(from), reason },
    });
    return placed;
  });
}

/** Takes a product out of storage inside the caller's transaction (shipping, discarding). */
export async function removeFromStorage(tx: Tx, product: Product, act: Act, why: string): Promise<void> {
  const from = await placementOf(tx, product.id);
  if (!from) return;
  await vacate(tx, product.id, act);
  await resolveStorageIssues(tx, product.id, act, `left storage: ${why}`);
  await appendAudit(tx, {
    actor: act.user.username,
    action: "storage.remove",
    entityType: "product",
    entityId: product.id,
    before: from,
    reason: why,
    at: act.at,
  });
  await recordCustody(tx, {
    din: product.din,
    productId: product.id,
    event: "removed-from-storage",
    at: act.at.toISOString(),
    by: act.user.username,
    location: formatLocation(from),
    details: { why },
  });
}
