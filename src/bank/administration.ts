import type { Act } from "../accounts/act.js";
/**
 * What the bank gives the bedside: a product's cell concentration for a dose (from its latest count) and
 * the end of its life in the bank when it is infused (status, reservation fulfilled, custody closed).
 * Therapy calls these; the product tables stay the bank's.
 */
import { appendAudit } from "../audit/trail.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";
import { recordCustody } from "./custody.js";
import { type Product, getProductById } from "./products.js";
import { effectiveQc } from "./qc.js";
import { activeReservation } from "./reservations.js";
import { moveStatus, requireStatus } from "./status.js";
import { removeFromStorage } from "./storage.js";

export interface CellConcentration {
  perMl: number;
  /** Which count and volume it came from, shown with the dose arithmetic. */
  source: string;
}

/** Counts taken later in a product's life describe what is in the bag now: after thaw over after processing. */
const STAGE_ORDER = ["post-thaw", "post-processing", "pre-processing"] as const;

/**
 * Total nucleated cells per mL: the product's own latest TNC count over its volume, or, for a division
 * without a count of its own, its parent's count over the parent's volume (a division holds the same
 * suspension). Refused when no count exists: a dose is never computed from a guess.
 */
export async function cellConcentration(db: Store["db"] | Tx, product: Product): Promise<CellConcentration> {
  const qc = await effectiveQc(db, product);
  for (const stage of STAGE_ORDER) {
    for (const owner of [product.id, product.parentId]) {
      if (owner === null) continue;
      const counts = qc.filter((r) => r.test === "tnc" && r.stage === stage && r.productId === owner);
      const latest = counts.sort((a, b) => b.testedAt.localeCompare(a.testedAt))[0];
      if (!latest || latest.value === null) continue;
      const holder = owner === product.id ? product : await getProductById({ db: db as Tx }, owner);
      const perMl = latest.value / holder.volumeMl;
      return {
        perMl,
        source: `TNC ${latest.value.toExponential(3)} (${stage}, ${latest.testedAt}) in ${holder.volumeMl} mL of ${holder.id}`,
      };
    }
  }
  throw new CradleError(
    "INVALID_INPUT",
    `product ${product.id} has no total nucleated cell count: record a TNC before ordering a dose`,
    { field: "product", value: product.id },
  );
}

/**
 * Records in the bank that a product was infused into a patient, inside the caller's transaction: the
 * product must be reserved (on site) or received (shipped here) for this patient; it becomes infused, its
 * reservation fulfilled, and its chain of custody ends at the bedside.
 */
export async function markInfused(
  tx: Tx,
  product: Product,
  patientId: string,
  location: string,
  act: Act,
  details: Record<string, unknown>,
): Promise<void> {
  requireStatus(product, ["reserved", "received"], "infusion");
  const r = await activeReservation(tx, product.id);
  if (!r || r.patientId !== patientId) {
    throw new CradleError(
      "STATUS_TRANSITION_ILLEGAL",
      `product ${product.id} is not reserved for ${patientId}${r ? ` (it is reserved for ${r.patientId})` : ""}`,
      { field: "product", productId: product.id, patientId },
    );
  }
  await removeFromStorage(tx, product, act, `issued for infusion into ${patientId}`);
  await moveStatus(tx, product, "infused", act, `infused into ${patientId}`);
  await tx
    .updateTable("reservation")
    .set({
      state: "fulfilled",
      endedAt: act.at.toISOString(),
      endedBy: act.user.username,
      endReason: "infused",
    })
    .where("id", "=", r.id)
    .execute();
  await appendAudit(tx, {
    actor: act.user.username,
    action: "reservation.fulfil",
    entityType: "product",
    entityId: product.id,
    before: r,
    after: { ...r, state: "fulfilled" },
    at: act.at,
  });
  await recordCustody(tx, {
    din: product.din,
    productId: product.id,
    event: "infused",
    at: act.at.toISOString(),
    by: act.user.username,
    location,
    details: { patientId, ...details },
  });
}
