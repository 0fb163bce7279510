import type { Act } from "../accounts/act.js";
/**
 * Storage positions: freezer / rack / box / position. One product per position and one position per
 * product, held by the database's unique constraints as well as checked here for a clear message; every
 * placement and move is a custody event with the old and new position.
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

export type { StorageLocation } from "./schemas.js";

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** Reads "FREEZER/RACK/BOX/POSITION", e.g. "LN2-01/R03/B12/A1". */
export function parseLocation(text: string, field = "location"): StorageLocation {
  const parts = text.trim().split("/");
  if (parts.length !== 4) {
    throw new CradleError(
      "INVALID_INPUT",
      `${field} "${text}": write freezer/rack/box/position, e.g. LN2-01/R03/B12/A1`,
      { field, value: text },
    );
  }
  const names = ["freezer", "rack", "box", "position"] as const;
  parts.forEach((p, i) => {
    if (!PART.test(p)) {
      throw new CradleError(
        "INVALID_INPUT",
        `${field} "${text}": ${names[i]} "${p}" should be letters, digits, ".", "_" or "-"`,
        { field, value: text },
      );
    }
  });
  const [freezer, rack, box, position] = parts as [string, string, string, string];
  return { freezer, rack, box, position };
}

export function formatLocation(l: StorageLocation): string {
  return `${l.freezer}/${l.rack}/${l.box}/${l.position}`;
}

async function occupant(tx: Tx, l: StorageLocation): Promise<string | undefined> {
  const row = await tx
    .selectFrom("storagePlacement")
    .select("productId")
    .where("freezer", "=", l.freezer)
    .where("rack", "=", l.rack)
    .where("box", "=", l.box)
    .where("position", "=", l.position)
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

async function place(tx: Tx, product: Product, l: StorageLocation, act: Act): Promise<void> {
  const other = await occupant(tx, l);
  if (other !== undefined) {
    throw new CradleError(
      "STORAGE_POSITION_OCCUPIED",
      `position ${formatLocation(l)} already holds product ${other}`,
      {
        field: "location",
        value: formatLocation(l),
        occupant: other,
      },
    );
  }
  await tx
    .insertInto("storagePlacement")
    .values({ productId: product.id, ...l, storedAt: act.at.toISOString(), storedBy: act.user.username })
    .execute();
}

/** Puts a product into a free position. A product already stored is moved with moveProduct. */
export async function storeProduct(
  store: Store,
  ref: ProductRef,
  input: StorageLocation,
  act: Act,
): Promise<void> {
  allow(act, "store");
  const location = check(StorageLocationSchema, input, "location");
  await write(store, async (tx) => {
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
    await place(tx, product, location, act);
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.store",
      entityType: "product",
      entityId: product.id,
      after: location,
      at: act.at,
    });
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "stored",
      at: act.at.toISOString(),
      by: act.user.username,
      location: formatLocation(location),
    });
  });
}

/** Moves a stored product to a free position, with the reason. */
export async function moveProduct(
  store: Store,
  ref: ProductRef,
  toInput: StorageLocation,
  reasonInput: string,
  act: Act,
): Promise<void> {
  allow(act, "store");
  const { to, reason } = check(MoveInputSchema, { to: toInput, reason: reasonInput });
  if (reason.trim() === "")
    throw new CradleError("INVALID_INPUT", "reason: say why the product moves", { field: "reason" });
  await write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    requireStatus(product, STORABLE, "a storage move");
    const from = await placementOf(tx, product.id);
    if (!from) {
      throw new CradleError("INVALID_INPUT", `product ${product.id} is not in storage: store it first`, {
        field: "location",
      });
    }
    await tx.deleteFrom("storagePlacement").where("productId", "=", product.id).execute();
    await place(tx, product, to, act);
    await appendAudit(tx, {
      actor: act.user.username,
      action: "storage.move",
      entityType: "product",
      entityId: product.id,
      before: from,
      after: to,
      reason,
      at: act.at,
    });
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "moved",
      at: act.at.toISOString(),
      by: act.user.username,
      location: formatLocation(to),
      details: { from: formatLocation(from), reason },
    });
  });
}

/** Takes a product out of storage inside the caller's transaction (shipping, discarding). */
export async function removeFromStorage(tx: Tx, product: Product, act: Act, why: string): Promise<void> {
  const from = await placementOf(tx, product.id);
  if (!from) return;
  await tx.deleteFrom("storagePlacement").where("productId", "=", product.id).execute();
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
