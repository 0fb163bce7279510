/**
 * Where products were, from `storage_stay`: every stay in a device that overlapped a time window, whether
 * the product is still there, was moved elsewhere or left storage (shipped, discarded). A freezer alarm's
 * exposed products and a look-back from a storage device read this, not the positions of today.
 */
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";

type Db = Store["db"] | Tx;

/** One product's time in a device during a window (its stays there merged; the last stay's position). */
export interface DeviceExposure {
  productId: string;
  din: string;
  freezer: string;
  rack: string;
  box: string;
  position: string;
  /** When its first stay there that reaches into the window began (possibly before the window). */
  from: string;
  /** When it left the device, if it did before now; null while it is still there. */
  leftAt: string | null;
  /** Milliseconds it spent in the device inside the window. */
  ms: number;
}

/**
 * The products in device `deviceId` at any time in [from, to] (ISO instants in UTC, as stored), in rack,
 * box and position order of their last stay there.
 */
export async function exposuresIn(
  db: Db,
  deviceId: string,
  from: string,
  to: string,
): Promise<DeviceExposure[]> {
  const rows = await db
    .selectFrom("storageStay")
    .innerJoin("product", "product.id", "storageStay.productId")
    .select([
      "storageStay.productId",
      "product.din",
      "storageStay.freezer",
      "storageStay.rack",
      "storageStay.box",
      "storageStay.position",
      "storageStay.fromAt",
      "storageStay.toAt",
    ])
    .where("storageStay.deviceId", "=", deviceId)
    .where("storageStay.fromAt", "<=", to)
    .where((eb) => eb.or([eb("storageStay.toAt", "is", null), eb("storageStay.toAt", ">=", from)]))
    .orderBy("storageStay.fromAt")
    .execute();
  const start = Date.parse(from);
  const end = Date.parse(to);
  const byProduct = new Map<string, DeviceExposure>();
  for (const r of rows) {
    const ms = Math.max(
      0,
      Math.min(end, r.toAt ? Date.parse(r.toAt) : end) - Math.max(start, Date.parse(r.fromAt)),
    );
    const seen = byProduct.get(r.productId);
    const at = { freezer: r.freezer, rack: r.rack, box: r.box, position: r.position, leftAt: r.toAt };
    if (seen) Object.assign(seen, at, { ms: seen.ms + ms });
    else
      byProduct.set(r.productId, {
        productId: r.productId,
        din: r.din,
        ...at,
        from: r.fromAt,
        ms,
      });
  }
  const key = (e: DeviceExposure) => `${e.rack}/${e.box}/${e.position}`;
  return [...byProduct.values()].sort((a, b) => key(a).localeCompare(key(b), "en", { numeric: true }));
}
