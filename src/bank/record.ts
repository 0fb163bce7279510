/** A product's whole record for its page: identity, trace, QC, processing, audit, and the release check. */
import { auditOf } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import { processingOf } from "./processing.js";
import { type ProductRef, findProduct, isAutologous } from "./products.js";
import { qcOf } from "./qc.js";
import { evaluateRelease } from "./release-criteria.js";
import { traceDin } from "./trace.js";

export async function productRecord(store: Store, ref: ProductRef) {
  const product = await findProduct(store.db, ref);
  const [trace, qc, parentQc, processing, audit] = await Promise.all([
    traceDin(store, product.din),
    qcOf(store.db, product.id),
    product.parentId === null ? Promise.resolve([]) : qcOf(store.db, product.parentId),
    processingOf(store, product.id),
    auditOf(store, "product", product.id),
  ]);
  // The release check reads the QC already loaded (a division counts its parent's results too).
  const releaseCheck = evaluateRelease(product, isAutologous(product.collectionType), [...parentQc, ...qc]);
  return { product, trace, qc, processing, audit, releaseCheck };
}
