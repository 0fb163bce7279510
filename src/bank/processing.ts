import type { Act } from "../accounts/act.js";
/**
 * Processing steps: who did what, when, with what. Volume reduction, red cell or plasma depletion and
 * cryopreservation happen while a product is in processing; thaw and wash also at the bedside site after
 * receipt. Completing processing sends the product to quarantine to await QC and release.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import { allow } from "./act.js";
import { recordCustody } from "./custody.js";
import { type Product, type ProductRef, findProduct, getProductById } from "./products.js";
import { type ProductStatus, moveStatus, requireStatus } from "./status.js";

export const PROCESSING_STEPS = [
  "volume-reduction",
  "red-cell-depletion",
  "plasma-depletion",
  "cryopreservation",
  "thaw",
  "wash",
  "other",
] as const;
export type ProcessingStepName = (typeof PROCESSING_STEPS)[number];

/** Where each step may happen: thaw and wash also after release and receipt, at the infusing site. */
const STEP_STATUSES: Record<ProcessingStepName, readonly ProductStatus[]> = {
  "volume-reduction": ["in_processing"],
  "red-cell-depletion": ["in_processing"],
  "plasma-depletion": ["in_processing"],
  cryopreservation: ["in_processing"],
  thaw: ["reserved", "received"],
  wash: ["in_processing", "reserved", "received"],
  other: ["in_processing"],
};

export interface ProcessingInput {
  step: string;
  performedAt: string;
  method?: string;
  reagents?: string;
  equipment?: string;
  volumeBeforeMl?: number;
  volumeAfterMl?: number;
  notes?: string;
  /** Processing is finished: the product goes to quarantine. */
  complete?: boolean;
}

function volume(field: string, v: number | undefined): number | null {
  if (v === undefined) return null;
  if (!Number.isFinite(v) || v <= 0 || v > 5000) {
    throw new CradleError("INVALID_INPUT", `${field} ${v}: more than 0 and at most 5000 mL`, {
      field,
      value: v,
    });
  }
  return v;
}

export async function recordProcessing(
  store: Store,
  ref: ProductRef,
  p: ProcessingInput,
  act: Act,
): Promise<Product> {
  allow(act, "process");
  if (!(PROCESSING_STEPS as readonly string[]).includes(p.step)) {
    throw new CradleError("INVALID_INPUT", `step "${p.step}" is not one of ${PROCESSING_STEPS.join(", ")}`, {
      field: "step",
      value: p.step,
    });
  }
  const step = p.step as ProcessingStepName;
  const performedAt = new Date(pastInstant("performedAt", p.performedAt, act.at));
  const before = volume("volumeBeforeMl", p.volumeBeforeMl);
  const after = volume("volumeAfterMl", p.volumeAfterMl);
  const id = await write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    requireStatus(product, STEP_STATUSES[step], step);
    if (performedAt.getTime() < new Date(product.collectedAt).getTime()) {
      throw new CradleError(
        "INVALID_INPUT",
        `performedAt ${p.performedAt} is before the collection (${product.collectedAt})`,
        {
          field: "performedAt",
          value: p.performedAt,
        },
      );
    }
    const row = {
      id: crypto.randomUUID(),
      productId: product.id,
      step,
      performedAt: performedAt.toISOString(),
      performedBy: act.user.username,
      method: p.method ?? null,
      reagents: p.reagents ?? null,
      equipment: p.equipment ?? null,
      volumeBeforeMl: before,
      volumeAfterMl: after,
      notes: p.notes ?? null,
    };
    await tx.insertInto("processingStep").values(row).execute();
    const changes: { volumeMl?: number; storageTemperature?: string } = {};
    if (after !== null) changes.volumeMl = after;
    if (step === "cryopreservation") changes.storageTemperature = "cryopreserved";
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable("product")
        .set({ ...changes, updatedAt: act.at.toISOString() })
        .where("id", "=", product.id)
        .execute();
    }
    await appendAudit(tx, {
      actor: act.user.username,
      action: `product.process.${step}`,
      entityType: "product",
      entityId: product.id,
      before: { volumeMl: product.volumeMl, storageTemperature: product.storageTemperature },
      after: row,
      at: act.at,
    });
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "processed",
      at: row.performedAt,
      by: act.user.username,
      location: product.site,
      details: { step, method: row.method },
    });
    if (p.complete) await moveStatus(tx, product, "quarantine", act, `processing complete after ${step}`);
    return product.id;
  });
  return getProductById(store, id);
}

export async function processingOf(store: Store, productId: string) {
  return store.db
    .selectFrom("processingStep")
    .selectAll()
    .where("productId", "=", productId)
    .orderBy("performedAt")
    .execute();
}
