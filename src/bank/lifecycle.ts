import type { Act } from "../accounts/act.js";
/** Discarding a product and dividing one into divisions (ISBT 128 division codes A0, B0, …). */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import { allow } from "./act.js";
import { DIVIDABLE, DIVISIONS } from "./constants.js";
import { recordCustody } from "./custody.js";
import { type Product, type ProductRef, findProduct, getProductById, productIdOf } from "./products.js";
import { activeReservation, endReservation } from "./reservations.js";
import { DivideInputSchema, ReasonInputSchema } from "./schemas.js";
import { moveStatus, requireStatus } from "./status.js";
import { removeFromStorage } from "./storage.js";

export async function discardProduct(
  store: Store,
  ref: ProductRef,
  reasonInput: string,
  act: Act,
): Promise<Product> {
  allow(act, "discard");
  const { reason } = check(ReasonInputSchema, { reason: reasonInput });
  if (reason.trim() === "")
    throw new CradleError("INVALID_INPUT", "reason: say why the product is discarded", { field: "reason" });
  const id = await write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    await moveStatus(tx, product, "discarded", act, reason);
    await removeFromStorage(tx, product, act, `discarded: ${reason}`);
    // A reservation of a discarded product ends with it, audited like any cancellation.
    const reservation = await activeReservation(tx, product.id);
    if (reservation) await endReservation(tx, reservation, act, `product discarded: ${reason}`);
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "discarded",
      at: act.at.toISOString(),
      by: act.user.username,
      location: product.site,
      details: { reason },
    });
    return product.id;
  });
  return getProductById(store, id);
}

/** First-level division codes: A0, B0, … Z0 (ISBT 128: the first division character is A-Z). */
export function divisionCodes(count: number): string[] {
  if (!Number.isInteger(count) || count < DIVISIONS.min || count > DIVISIONS.max) {
    throw new CradleError("INVALID_INPUT", `count ${count}: divide into 2 to 26 divisions`, {
      field: "count",
      value: count,
    });
  }
  return Array.from({ length: count }, (_, i) => `${String.fromCharCode(65 + i)}0`);
}

/**
 * Divides an undivided product into `volumesMl.length` divisions (e.g. bags of a cord unit frozen in two
 * compartments). The volumes must add up to the product's volume; the parent becomes `divided`.
 */
export async function divideProduct(
  store: Store,
  ref: ProductRef,
  volumesInput: number[],
  act: Act,
): Promise<Product[]> {
  allow(act, "process");
  const { volumesMl } = check(DivideInputSchema, { volumesMl: volumesInput });
  const codes = divisionCodes(volumesMl.length);
  const ids = await write(store, async (tx) => {
    const parent = await findProduct(tx, ref);
    requireStatus(parent, DIVIDABLE, "division");
    if (parent.division !== "00") {
      throw new CradleError("INVALID_INPUT", `product ${parent.id} is itself a division`, {
        field: "product",
        value: parent.id,
      });
    }
    const total = volumesMl.reduce((a, b) => a + b, 0);
    if (Math.abs(total - parent.volumeMl) > 0.05) {
      throw new CradleError(
        "INVALID_INPUT",
        `volumesMl add up to ${total} mL, the product holds ${parent.volumeMl} mL`,
        { field: "volumesMl", value: volumesMl },
      );
    }
    const at = act.at.toISOString();
    const children = codes.map((division, i) => ({
      id: productIdOf(parent.din, `${parent.productCode}${parent.collectionType}${division}`),
      din: parent.din,
      productCode: parent.productCode,
      collectionType: parent.collectionType,
      division,
      parentId: parent.id,
      status: parent.status,
      aboRhd: parent.aboRhD,
      volumeMl: volumesMl[i] as number,
      expiresAt: parent.expiresAt,
      storageTemperature: parent.storageTemperature,
      recipientId: parent.recipientId,
      createdAt: at,
      updatedAt: at,
    }));
    await tx.insertInto("product").values(children).execute();
    for (const c of children) {
      await tx
        .insertInto("statusChange")
        .values({
          id: crypto.randomUUID(),
          productId: c.id,
          fromStatus: null,
          toStatus: c.status,
          at,
          by: act.user.username,
          reason: `division of ${parent.id}`,
        })
        .execute();
      await appendAudit(tx, {
        actor: act.user.username,
        action: "product.divide",
        entityType: "product",
        entityId: c.id,
        after: c,
        at: act.at,
      });
    }
    await removeFromStorage(tx, parent, act, "divided");
    await moveStatus(tx, parent, "divided", act, `divided into ${codes.join(", ")}`);
    await recordCustody(tx, {
      din: parent.din,
      productId: parent.id,
      event: "divided",
      at,
      by: act.user.username,
      location: parent.site,
      details: { divisions: children.map((c) => c.id) },
    });
    return children.map((c) => c.id);
  });
  return Promise.all(ids.map((id) => getProductById(store, id)));
}
