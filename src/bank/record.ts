/**
 * A product's whole record for its page: identity, trace, QC, processing, audit, the release check, and
 * the actions the asking user may take on it now (so the page shows the service's rules, not a copy).
 */
import { auditOf } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import { productActions } from "./actions.js";
import { dispositionedResults, openHoldsOf } from "./hold-checks.js";
import { processingOf } from "./processing.js";
import { findProduct, isAutologous } from "./products.js";
import { qcOf } from "./qc.js";
import { evaluateRelease } from "./release-criteria.js";
import type { ProductRecord, ProductRef } from "./schemas.js";
import { traceDin } from "./trace.js";

export async function productRecord(
  store: Store,
  ref: ProductRef,
  viewer: { roles: readonly string[] },
  now: Date,
): Promise<ProductRecord> {
  const product = await findProduct(store.db, ref);
  const [trace, qc, parentQc, processing, audit, dispositioned, holds] = await Promise.all([
    traceDin(store, product.din),
    qcOf(store.db, product.id),
    product.parentId === null ? Promise.resolve([]) : qcOf(store.db, product.parentId),
    processingOf(store, product.id),
    auditOf(store, "product", product.id),
    dispositionedResults(store.db, product.id),
    openHoldsOf(store.db, product.id),
  ]);
  // The release check reads the QC already loaded (a division counts its parent's results too).
  const autologous = isAutologous(product.collectionType);
  const releaseCheck = evaluateRelease({ product, autologous, qc: [...parentQc, ...qc], now, dispositioned });
  const mine = trace.products.find((p) => p.product.id === product.id);
  const actions = productActions(viewer.roles, {
    status: product.status,
    division: product.division,
    stored: mine?.storage !== undefined,
    reserved: mine?.reservations.some((r) => r.state === "active") ?? false,
    held: holds.length > 0,
  });
  return { product, trace, qc, processing, audit, releaseCheck, holds, actions };
}
