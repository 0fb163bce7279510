import type { Act } from "../accounts/act.js";
/**
 * The product status lifecycle. A product moves only along these arrows, each move recorded with who,
 * when and why; anything else is refused with the moves that are allowed. `divided` is terminal: the
 * parent's cells now live in its divisions (ISBT 128 division codes A0, B0, …).
 */
import { appendAudit } from "../audit/trail.js";
import { CradleError } from "../errors.js";
import type { Tx } from "../store/write.js";
import { PRODUCT_STATUSES, type ProductStatus, TRANSITIONS } from "./constants.js";

export { PRODUCT_STATUSES, TRANSITIONS } from "./constants.js";
export type { ProductStatus } from "./constants.js";

export function isProductStatus(s: string): s is ProductStatus {
  return (PRODUCT_STATUSES as readonly string[]).includes(s);
}

/** Refuses a move the lifecycle does not allow, naming the product, both statuses and the legal moves. */
export function checkTransition(productId: string, from: ProductStatus, to: ProductStatus): void {
  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw new CradleError(
      "STATUS_TRANSITION_ILLEGAL",
      `product ${productId} is ${from}: it cannot become ${to} (from ${from}: ${allowed.length ? allowed.join(", ") : "no further status"})`,
      { field: "status", productId, from, to, allowed },
    );
  }
}

/** Refuses unless the product is in one of the statuses an operation needs. */
export function requireStatus(
  product: { id: string; status: ProductStatus },
  needed: readonly ProductStatus[],
  operation: string,
): void {
  if (!needed.includes(product.status)) {
    throw new CradleError(
      "STATUS_TRANSITION_ILLEGAL",
      `product ${product.id} is ${product.status}: ${operation} needs ${needed.join(" or ")}`,
      { field: "status", productId: product.id, status: product.status, needed },
    );
  }
}

/**
 * Moves a product's status inside the caller's transaction: checks the arrow, updates only if no one else
 * moved it meanwhile, and records the change in the status history and the audit trail.
 */
export async function moveStatus(
  tx: Tx,
  product: { id: string; status: ProductStatus },
  to: ProductStatus,
  act: Act,
  reason: string,
): Promise<void> {
  checkTransition(product.id, product.status, to);
  const at = act.at.toISOString();
  const r = await tx
    .updateTable("product")
    .set({ status: to, updatedAt: at })
    .where("id", "=", product.id)
    .where("status", "=", product.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) {
    throw new CradleError(
      "STATUS_TRANSITION_ILLEGAL",
      `product ${product.id} changed status while this ${to} was being recorded: look again and retry`,
      { productId: product.id, from: product.status, to },
    );
  }
  await tx
    .insertInto("statusChange")
    .values({
      id: crypto.randomUUID(),
      productId: product.id,
      fromStatus: product.status,
      toStatus: to,
      at,
      by: act.user.username,
      reason,
    })
    .execute();
  await appendAudit(tx, {
    actor: act.user.username,
    action: `product.status.${to}`,
    entityType: "product",
    entityId: product.id,
    before: { status: product.status },
    after: { status: to },
    reason,
    at: act.at,
  });
  product.status = to;
}
