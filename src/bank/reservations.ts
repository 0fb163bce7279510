import type { Act } from "../accounts/act.js";
/**
 * Reservations: an available product held for one registered patient. An autologous product can be
 * reserved only for its own donor, a directed one only for its named recipient: the wrong baby is refused
 * here, long before the bedside check. The bank does not own patients (therapy does, and therapy sits
 * above the bank), so the caller hands in the patient registry: therapy's `reserveForPatient` passes its
 * own, and the bank asks it inside the reservation's transaction. A name it does not know is refused
 * (PATIENT_NOT_FOUND, audited), never written: "NOBODY-123" is no one.
 */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { recordCustody } from "./custody.js";
import { auditRefusals, requireNotOnHold } from "./hold-checks.js";
import { type Product, type ProductRef, findProduct, getProductById, isAutologous } from "./products.js";
import { ReasonInputSchema, type Reservation, ReserveInputSchema } from "./schemas.js";
import { moveStatus } from "./status.js";

export type { Reservation } from "./schemas.js";

/** Who the patients are: answered by their owner (therapy), inside the bank's transaction. */
export interface PatientRegistry {
  /** The registered patient's MRN in its canonical form, or undefined when no patient has it. */
  registered(tx: Tx, patientId: string): Promise<string | undefined>;
}

export async function reserveProduct(
  store: Store,
  ref: ProductRef,
  patientInput: string,
  reasonInput: string,
  act: Act,
  patients: PatientRegistry,
): Promise<Reservation> {
  allow(act, "reserve");
  const { patientId, reason } = check(ReserveInputSchema, { patientId: patientInput, reason: reasonInput });
  const typed = patientId.trim();
  if (typed === "") throw new CradleError("INVALID_INPUT", "patientId is required", { field: "patientId" });
  if (reason.trim() === "")
    throw new CradleError(
      "INVALID_INPUT",
      "reason: say why the product is reserved (e.g. the search or the protocol)",
      { field: "reason" },
    );
  return auditRefusals(store, act, "reservation.create", ref, ["PRODUCT_ON_HOLD", "PATIENT_NOT_FOUND"], () =>
    write(store, async (tx) => {
      const product = await findProduct(tx, ref);
      const patient = await patients.registered(tx, typed);
      if (patient === undefined) {
        throw new CradleError(
          "PATIENT_NOT_FOUND",
          `patientId "${typed}": no registered patient has this MRN; register the patient first, or search by MRN or name`,
          { field: "patientId", value: typed, productId: product.id },
        );
      }
      await requireNotOnHold(tx, product.id, "reserve");
      if (product.recipientId !== null && product.recipientId !== patient) {
        throw new CradleError(
          "INVALID_INPUT",
          isAutologous(product.collectionType)
            ? `patientId "${patient}": product ${product.id} is for autologous use by ${product.recipientId} only`
            : `patientId "${patient}": product ${product.id} is directed to ${product.recipientId} only`,
          { field: "patientId", value: patient, recipientId: product.recipientId },
        );
      }
      await moveStatus(tx, product, "reserved", act, `reserved for ${patient}: ${reason}`);
      const r: Reservation = {
        id: crypto.randomUUID(),
        productId: product.id,
        patientId: patient,
        state: "active",
        reservedAt: act.at.toISOString(),
        reservedBy: act.user.username,
        reason,
      };
      await tx
        .insertInto("reservation")
        .values({ ...r, endedAt: null, endedBy: null, endReason: null })
        .execute();
      await appendAudit(tx, {
        actor: act.user.username,
        action: "reservation.create",
        entityType: "product",
        entityId: product.id,
        after: r,
        reason,
        at: act.at,
      });
      await recordCustody(tx, {
        din: product.din,
        productId: product.id,
        event: "reserved",
        at: r.reservedAt,
        by: act.user.username,
        location: product.site,
        details: { patientId: patient },
      });
      return r;
    }),
  );
}

export async function activeReservation(
  db: Store["db"],
  productId: string,
): Promise<Reservation | undefined> {
  const row = await db
    .selectFrom("reservation")
    .selectAll()
    .where("productId", "=", productId)
    .where("state", "=", "active")
    .executeTakeFirst();
  return row ? { ...row, state: row.state as Reservation["state"] } : undefined;
}

export async function cancelReservation(
  store: Store,
  ref: ProductRef,
  reasonInput: string,
  act: Act,
): Promise<Product> {
  allow(act, "reserve");
  const { reason } = check(ReasonInputSchema, { reason: reasonInput });
  if (reason.trim() === "")
    throw new CradleError("INVALID_INPUT", "reason: say why the reservation is cancelled", {
      field: "reason",
    });
  const id = await write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    const r = await activeReservation(tx, product.id);
    if (!r)
      throw new CradleError("STATUS_TRANSITION_ILLEGAL", `product ${product.id} has no active reservation`, {
        field: "status",
        productId: product.id,
      });
    await moveStatus(tx, product, "available", act, `reservation for ${r.patientId} cancelled: ${reason}`);
    await endReservation(tx, r, act, reason);
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: "reservation-cancelled",
      at: act.at.toISOString(),
      by: act.user.username,
      location: product.site,
      details: { patientId: r.patientId, reason },
    });
    return product.id;
  });
  return getProductById(store, id);
}

/** Ends a reservation as cancelled, with its audit row, inside the caller's transaction. */
export async function endReservation(tx: Tx, r: Reservation, act: Act, reason: string): Promise<void> {
  await tx
    .updateTable("reservation")
    .set({ state: "cancelled", endedAt: act.at.toISOString(), endedBy: act.user.username, endReason: reason })
    .where("id", "=", r.id)
    .execute();
  await appendAudit(tx, {
    actor: act.user.username,
    action: "reservation.cancel",
    entityType: "product",
    entityId: r.productId,
    before: r,
    after: { ...r, state: "cancelled" },
    reason,
    at: act.at,
  });
}
