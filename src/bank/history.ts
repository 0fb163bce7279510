/**
 * Which audit entities make up a product's history (its page shows it): one product's own events, or,
 * by DIN alone, the collection's and every product of the DIN (the parent and each of its divisions).
 */
import type { AuditSubject } from "../audit/reads.js";
import type { Store } from "../store/connect.js";
import { findProduct } from "./products.js";
import type { ProductRef } from "./schemas.js";

export async function productHistorySubjects(store: Store, ref: ProductRef): Promise<AuditSubject[]> {
  const product = await findProduct(store.db, ref);
  if (ref.product !== undefined) return [{ entityType: "product", entityId: product.id }];
  const rows = await store.db.selectFrom("product").select("id").where("din", "=", product.din).execute();
  return [
    { entityType: "collection", entityId: product.din },
    ...rows.map((r) => ({ entityType: "product", entityId: r.id })),
  ];
}
