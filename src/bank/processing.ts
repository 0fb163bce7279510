import type { Act } from "../accounts/act.js";
/**
 * Processing steps: who did what, when, with what. Volume reduction, red cell or plasma depletion and
 * cryopreservation happen while a product is in processing; thaw and wash also at the bedside site after
 * receipt. Completing processing sends the product to quarantine to await QC and release.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import { allow } from "./act.js";
import { STEP_STATUSES } from "./constants.js";
import { recordCustody } from "./custody.js";
import { auditRefusals } from "./hold-checks.js";
import { type Product, type ProductRef, findProduct, getProductById } from "./products.js";
import { MATERIAL_REFUSALS, checkMaterials, recordMaterialUse } from "./quality/materials.js";
import { type Given, type ProcessingInput, ProcessingInputSchema } from "./schemas.js";
import { moveStatus, requireStatus } from "./status.js";

export { PROCESSING_STEPS } from "./constants.js";
export type { ProcessingStepName } from "./constants.js";
export type { ProcessingInput } from "./schemas.js";

export async function recordProcessing(
  store: Store,
  ref: ProductRef,
  input: Given<ProcessingInput>,
  act: Act,
): Promise<Product> {
  allow(act, "process");
  const p = check(ProcessingInputSchema, input);
  const step = p.step;
  const performedAt = new Date(pastInstant("performedAt", p.performedAt, act.at));
  const before = p.volumeBeforeMl ?? null;
  const after = p.volumeAfterMl ?? null;
  const id = await auditRefusals(store, act, "product.process", ref, MATERIAL_REFUSALS, () =>
    write(store, async (tx) => {
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
      const used = await checkMaterials(tx, p, p.performedAt, product.id);
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
      await recordMaterialUse(
        tx,
        {
          productId: product.id,
          din: product.din,
          kind: "processing",
          recordId: row.id,
          usedAt: row.performedAt,
        },
        used,
      );
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
        after: { ...row, lotIds: used.lots.map((l) => l.id), assetIds: used.equipment.map((e) => e.assetId) },
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
    }),
  );
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
