/**
 * The checks every service step makes against holds (holds.ts places and lifts them): is a product on hold,
 * refuse an operation on it, which results a disposition has covered, and the audit of a refused attempt.
 */
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { CradleError, isCradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import type { HoldDecision, HoldSource, HoldState } from "./constants.js";
import type { ProductRef } from "./products.js";
import type { Hold } from "./schemas.js";

type Db = Store["db"] | Tx;

export function toHold(r: Database["productHold"]): Hold {
  return {
    ...r,
    source: r.source as HoldSource,
    state: r.state as HoldState,
    disposition: r.disposition as HoldDecision | null,
  };
}

/** The open holds of one product, oldest first. */
export async function openHoldsOf(db: Db, productId: string): Promise<Hold[]> {
  const rows = await db
    .selectFrom("productHold")
    .selectAll()
    .where("productId", "=", productId)
    .where("state", "=", "open")
    .orderBy("heldAt")
    .orderBy("id")
    .execute();
  return rows.map(toHold);
}

/** Every hold of one product, open and closed, oldest first. */
export async function holdsOf(db: Db, productId: string): Promise<Hold[]> {
  const rows = await db
    .selectFrom("productHold")
    .selectAll()
    .where("productId", "=", productId)
    .orderBy("heldAt")
    .orderBy("id")
    .execute();
  return rows.map(toHold);
}

export async function isOnHold(db: Db, productId: string): Promise<boolean> {
  return (await openHoldsOf(db, productId)).length > 0;
}

/** The refusal of an operation on a held product, naming the product and the hold's reason. */
export function onHoldError(productId: string, holds: readonly Hold[], operation: string): CradleError {
  return new CradleError(
    "PRODUCT_ON_HOLD",
    `product ${productId} is on hold (${holds.map((h) => h.reason).join("; ")}): ${operation} is refused until a quality manager signs a disposition`,
    { productId, operation, holds: holds.map((h) => ({ id: h.id, reason: h.reason, heldAt: h.heldAt })) },
  );
}

/** Refuses an operation on a product with an open hold. */
export async function requireNotOnHold(db: Db, productId: string, operation: string): Promise<void> {
  const holds = await openHoldsOf(db, productId);
  if (holds.length > 0) throw onHoldError(productId, holds, operation);
}

/** The QC results a signed disposition has covered for this product: they no longer bar its release. */
export async function dispositionedResults(db: Db, productId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("productHold")
    .select("qcResultId")
    .where("productId", "=", productId)
    .where("state", "=", "closed")
    .where("source", "=", "qc")
    .execute();
  return new Set(rows.flatMap((r) => (r.qcResultId === null ? [] : [r.qcResultId])));
}

/**
 * Records a refused attempt in the audit trail in its own transaction (the refused one wrote nothing), then
 * lets the refusal go on. Only the refusals named are recorded; any other error passes untouched.
 */
export async function auditRefusals<T>(
  store: Store,
  act: Act,
  attempt: string,
  ref: ProductRef,
  codes: readonly string[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isCradleError(e) && codes.includes(e.code)) {
      const productId = typeof e.details.productId === "string" ? e.details.productId : ref.din;
      await write(store, (tx) =>
        appendAudit(tx, {
          actor: act.user.username,
          action: `${attempt}.refused`,
          entityType: "product",
          entityId: productId,
          after: { code: e.code, message: e.message, details: e.details },
          reason: e.message,
          at: act.at,
        }),
      );
    }
    throw e;
  }
}
