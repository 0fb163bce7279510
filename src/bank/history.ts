/**
 * Which audit entities make up a product's history (its page shows it): one product's own events, or,
 * by DIN alone, the collection's and every product of the DIN (a divided parent and each division).
 */
import type { AuditSubject } from "../audit/reads.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import { formatDin, parseDin } from "../isbt128/din.js";
import type { Store } from "../store/connect.js";
import { findProduct } from "./products.js";
import { type ProductRef, ProductRefSchema } from "./schemas.js";

export async function productHistorySubjects(store: Store, input: ProductRef): Promise<AuditSubject[]> {
  const ref = check(ProductRefSchema, input);
  if (ref.product !== undefined) {
    const product = await findProduct(store.db, ref);
    return [{ entityType: "product", entityId: product.id }];
  }
  // By DIN alone a divided unit is several products: all of them, not the one a step would need named.
  const din = parseDin(ref.din);
  const rows = await store.db.selectFrom("product").select("id").where("din", "=", din.id).execute();
  if (rows.length === 0)
    throw new CradleError("PRODUCT_NOT_FOUND", `no product with DIN ${formatDin(din)}`, {
      field: "din",
      value: ref.din,
    });
  return [
    { entityType: "collection", entityId: din.id },
    ...rows.map((r) => ({ entityType: "product", entityId: r.id })),
  ];
}
