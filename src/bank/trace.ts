/**
 * The chain of identity and custody of one DIN, from donor to recipient: the collection, each product
 * and division with its status history, every custody event in time order, the signatures, reservations
 * and shipments.
 */
import { signaturesOf } from "../audit/signatures.js";
import { CradleError } from "../errors.js";
import { formatDin, parseDin } from "../isbt128/din.js";
import type { Store } from "../store/connect.js";
import { getProductById } from "./products.js";
import type { ProductTrace, Reservation, Trace } from "./schemas.js";
import { shipmentsOf } from "./shipments.js";
import { placementOf } from "./storage.js";

export type { ProductTrace, Trace } from "./schemas.js";

export async function traceDin(store: Store, dinText: string): Promise<Trace> {
  const din = parseDin(dinText);
  const collection = await store.db
    .selectFrom("collection")
    .selectAll()
    .where("din", "=", din.id)
    .executeTakeFirst();
  if (!collection)
    throw new CradleError("PRODUCT_NOT_FOUND", `no collection with DIN ${formatDin(din)}`, {
      field: "din",
      value: dinText,
    });
  const ids = await store.db
    .selectFrom("product")
    .select("id")
    .where("din", "=", din.id)
    .orderBy("division")
    .execute();
  const products: ProductTrace[] = [];
  for (const { id } of ids) {
    const [product, storage, statusHistory, signatures, reservations, shipments] = await Promise.all([
      getProductById(store, id),
      placementOf(store.db, id),
      store.db.selectFrom("statusChange").selectAll().where("productId", "=", id).orderBy("at").execute(),
      signaturesOf(store, "product", id),
      store.db
        .selectFrom("reservation")
        .select(["id", "productId", "patientId", "state", "reservedAt", "reservedBy", "reason"])
        .where("productId", "=", id)
        .orderBy("reservedAt")
        .execute(),
      shipmentsOf(store.db, id),
    ]);
    products.push({
      product,
      storage,
      statusHistory,
      signatures,
      reservations: reservations.map((r) => ({ ...r, state: r.state as Reservation["state"] })),
      shipments,
    });
  }
  const custodyRows = await store.db
    .selectFrom("custodyEvent")
    .selectAll()
    .where("din", "=", din.id)
    .orderBy("at")
    .execute();
  const custody = custodyRows.map((r) => ({
    at: r.at,
    event: r.event,
    productId: r.productId,
    by: r.by,
    location: r.location,
    details: r.details === null ? undefined : JSON.parse(r.details),
  }));
  const recipients = [
    ...new Set(
      products.flatMap((p) => p.reservations.filter((r) => r.state !== "cancelled").map((r) => r.patientId)),
    ),
  ];
  return { din: din.id, dinWithCheck: formatDin(din), collection, products, custody, recipients };
}
