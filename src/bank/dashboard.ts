/** What the bank's dashboard shows: counts, products about to expire, active reservations, products on hold
 * with the reservation and shipment they affect, and a lookup
 * of the DINs a search found that this bank holds and can reserve. */
import type { Store } from "../store/connect.js";
import { openHolds } from "./holds.js";
import { inventorySummary } from "./products.js";
import type { BankDashboard } from "./schemas.js";

const HOUR = 3_600_000;

export async function bankDashboard(store: Store, now: Date): Promise<BankDashboard> {
  const soon = new Date(now.getTime() + 72 * HOUR).toISOString();
  const [counts, expiring, reservations, holds] = await Promise.all([
    inventorySummary(store),
    store.db
      .selectFrom("product")
      .select(["id", "din", "expiresAt", "status"])
      .where("expiresAt", "is not", null)
      .where("expiresAt", "<=", soon)
      .where("status", "in", ["quarantine", "available", "reserved", "shipped", "received"])
      .orderBy("expiresAt")
      .limit(20)
      .execute(),
    store.db
      .selectFrom("reservation")
      .select(["productId", "patientId", "reservedAt", "reason"])
      .where("state", "=", "active")
      .orderBy("reservedAt", "desc")
      .limit(20)
      .execute(),
    openHolds(store.db),
  ]);
  // The query keeps only products with an expiry.
  return {
    counts,
    expiring: expiring.map((e) => ({ ...e, expiresAt: e.expiresAt as string })),
    reservations,
    holds,
  };
}

/** Of these DINs, the ones with an available product here: DIN → its product code. */
export async function availableByDin(store: Store, dins: string[]): Promise<Map<string, string>> {
  if (dins.length === 0) return new Map();
  const rows = await store.db
    .selectFrom("product")
    .select(["din", "productCode", "collectionType", "division"])
    .where("din", "in", dins)
    .where("status", "=", "available")
    .execute();
  return new Map(rows.map((p) => [p.din, `${p.productCode}${p.collectionType}${p.division}`]));
}

/** True when the bank holds no product at all (a first start). */
export async function bankIsEmpty(store: Store): Promise<boolean> {
  return (await store.db.selectFrom("product").select("id").limit(1).execute()).length === 0;
}
