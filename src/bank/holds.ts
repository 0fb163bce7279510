import type { Act } from "../accounts/act.js";
/**
 * Holds: a failed or reactive QC result (sterility positive, a reactive infectious disease marker,
 * viability below its criterion, an HLA typing discordant with the one already listed) puts the product and
 * every other product of its DIN on hold in the same transaction. A held product cannot be reserved,
 * shipped, ordered or pass a bedside check (therapy asks `requireNotOnHold` / `openHoldsOf` through the
 * bank's index). Only a quality manager's signed disposition closes a hold: discard, release with a
 * documented justification, or return to quarantine. A reactive screening result counts against release
 * until such a disposition covers it, whatever a later repeat says.
 */
import { authenticate } from "../accounts/users.js";
import { type Signature, type Signer, auditedSignatureAuth, sign } from "../audit/signatures.js";
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { DISPOSITION_REASON_MIN, QC_TESTS, type QcSpec } from "./constants.js";
import { recordCustody } from "./custody.js";
import { openHoldsOf, toHold } from "./hold-checks.js";
import { type Product, type ProductRef, findProduct, getProductById, isAutologous } from "./products.js";
import { DEFAULT_RELEASE_CRITERIA, type ReleaseCriterion, evaluateRelease } from "./release-criteria.js";
import { activeReservation, endReservation } from "./reservations.js";
import {
  type DispositionInput,
  DispositionInputSchema,
  type HeldProduct,
  type Hold,
  type QcResult,
  ReleaseBodySchema,
} from "./schemas.js";
import { signatureAttempt } from "./signing.js";
import { moveStatus } from "./status.js";
import { removeFromStorage } from "./storage.js";

export type { DispositionInput, HeldProduct, Hold } from "./schemas.js";

type Db = Store["db"] | Tx;

/** Statuses in which a product is past release: any failed result then holds it. */
const RELEASED: readonly string[] = ["available", "reserved", "shipped", "received"];
/** Statuses in which a product can no longer be held (its cells are gone or live in its divisions). */
const ENDED = ["discarded", "infused", "divided"] as const;

/** A categorical result that is reactive (positive or indeterminate); pending and negative are not. */
export function isReactive(test: QcResult["test"], result: string | null): boolean {
  const spec: QcSpec = QC_TESTS[test];
  return spec.kind === "category" && result !== null && result !== "negative" && result !== "pending";
}

/**
 * Why this new result holds the product, or null: a reactive screening result at any status before its
 * end; after release also any other failed criterion (viability below its minimum) and an HLA typing that
 * differs from the typing already listed.
 */
export function holdReason(
  product: Pick<Product, "id" | "status" | "source" | "collectionType" | "expiresAt">,
  row: QcResult,
  earlier: readonly QcResult[],
  criteria: readonly ReleaseCriterion[] = DEFAULT_RELEASE_CRITERIA,
): string | null {
  if ((ENDED as readonly string[]).includes(product.status)) return null;
  const released = RELEASED.includes(product.status);
  const mine = criteria.filter(
    (c) => c.test === row.test && c.stages?.includes(row.stage) && c.check.kind !== "recorded",
  );
  const failed = evaluateRelease(
    { product, autologous: isAutologous(product.collectionType), qc: [row], now: new Date(row.recordedAt) },
    mine,
  ).filter((r) => !r.passed);
  const first = failed[0];
  if (first && (released || isReactive(row.test, row.result))) return `${first.rule}: ${first.reason}`;
  if (released && row.test === "hla" && row.result !== null) {
    const listed = earlier.find((r) => r.test === "hla" && r.result !== null);
    if (listed && listed.result !== row.result) {
      return `hla ${row.stage} typing ${row.result} is discordant with the listed typing ${listed.result}`;
    }
  }
  return null;
}

/**
 * Puts the product and every other product of its DIN that has not ended on hold, inside the caller's
 * transaction, each with an audit event. Returns the holds opened.
 */
export async function placeHolds(
  tx: Tx,
  product: Pick<Product, "id" | "din">,
  result: QcResult,
  reason: string,
  act: Act,
): Promise<Hold[]> {
  const family = await tx
    .selectFrom("product")
    .select(["id", "din", "status"])
    .where("din", "=", product.din)
    .where("status", "not in", ENDED)
    .orderBy("id")
    .execute();
  const holds: Hold[] = [];
  for (const p of family) {
    const hold: Hold = {
      id: crypto.randomUUID(),
      productId: p.id,
      din: p.din,
      reason: p.id === product.id ? reason : `${reason} (result of ${product.id}, same DIN)`,
      source: "qc",
      qcResultId: result.id,
      recallId: null,
      statusAtHold: p.status,
      heldAt: act.at.toISOString(),
      heldBy: act.user.username,
      state: "open",
      disposition: null,
      dispositionReason: null,
      dispositionSignatureId: null,
      closedAt: null,
      closedBy: null,
    };
    await tx.insertInto("productHold").values(hold).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "product.hold",
      entityType: "product",
      entityId: p.id,
      after: hold,
      reason: hold.reason,
      at: act.at,
    });
    holds.push(hold);
  }
  return holds;
}

/** Every open hold of a product that has not ended, with its reservation's patient and its shipment. */
export async function openHolds(db: Db): Promise<HeldProduct[]> {
  const rows = await db
    .selectFrom("productHold")
    .innerJoin("product", "product.id", "productHold.productId")
    .selectAll("productHold")
    .select("product.status as productStatus")
    .where("productHold.state", "=", "open")
    .where("product.status", "not in", ENDED)
    .orderBy("productHold.heldAt", "desc")
    .orderBy("productHold.id")
    .limit(100)
    .execute();
  const out: HeldProduct[] = [];
  for (const { productStatus, ...h } of rows) {
    const reservation = await activeReservation(db, h.productId);
    const shipment = await db
      .selectFrom("shipment")
      .select("destination")
      .where("productId", "=", h.productId)
      .where("receivedAt", "is", null)
      .executeTakeFirst();
    out.push({
      hold: toHold(h),
      status: productStatus,
      reservationPatientId: reservation?.patientId ?? null,
      reservedBy: reservation?.reservedBy ?? null,
      shipmentDestination: shipment?.destination ?? null,
    });
  }
  return out;
}

export interface DispositionOutcome {
  product: Product;
  signature: Signature;
  holds: Hold[];
}

function checkDisposition(input: DispositionInput): DispositionInput {
  const d = check(DispositionInputSchema, input);
  const reason = d.reason.trim();
  if (reason.length < DISPOSITION_REASON_MIN) {
    throw new CradleError(
      "INVALID_INPUT",
      `reason: a disposition is documented with a justification of at least ${DISPOSITION_REASON_MIN} characters (got ${reason.length})`,
      { field: "reason", min: DISPOSITION_REASON_MIN },
    );
  }
  return { ...d, reason };
}

/**
 * A quality manager's disposition of a held product, signed with the password given again (meaning
 * "disposition"). Closes every open hold of the product: discard discards it, quarantine returns it to
 * quarantine (ending its reservation), release leaves it where it is with the justification documented.
 */
export async function dispositionProduct(
  store: Store,
  ref: ProductRef,
  input: DispositionInput,
  password: string,
  act: Act,
): Promise<DispositionOutcome> {
  allow(act, "disposition");
  const d = checkDisposition(input);
  check(ReleaseBodySchema, { password });
  const signer = await auditedSignatureAuth(
    store,
    await signatureAttempt(store, ref, act, "disposition"),
    () =>
      authenticate(store, act.user.username, password, act.at, {
        purpose: "e-signature",
        address: act.address,
        code: act.code,
      }),
  );
  return dispositionProductSigned(store, ref, d, signer, act);
}

export async function dispositionProductSigned(
  store: Store,
  ref: ProductRef,
  input: DispositionInput,
  signer: Signer,
  act: Act,
): Promise<DispositionOutcome> {
  allow(act, "disposition");
  const { decision, reason } = checkDisposition(input);
  const done = await write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    const holds = await openHoldsOf(tx, product.id);
    if (holds.length === 0) {
      throw new CradleError(
        "STATUS_TRANSITION_ILLEGAL",
        `product ${product.id} has no open hold: a disposition closes a hold`,
        { productId: product.id, field: "decision" },
      );
    }
    if (decision === "quarantine" && (product.status === "shipped" || product.status === "received")) {
      throw new CradleError(
        "STATUS_TRANSITION_ILLEGAL",
        `product ${product.id} is ${product.status}: it is not at the bank to return to quarantine (discard it, or release it with a justification)`,
        { productId: product.id, field: "decision", status: product.status },
      );
    }
    const signature = await sign(tx, signer, {
      meaning: "disposition",
      entityType: "product",
      entityId: product.id,
      record: { product, holds, decision, reason },
      at: act.at,
    });
    const why = `disposition ${decision}, signed by ${signer.printedName}: ${reason}`;
    if (decision === "discard") {
      await moveStatus(tx, product, "discarded", act, why);
      await removeFromStorage(tx, product, act, `discarded: ${reason}`);
    } else if (decision === "quarantine" && product.status !== "quarantine") {
      if (product.status !== "in_processing") await moveStatus(tx, product, "quarantine", act, why);
    }
    if (decision !== "release") {
      const reservation = await activeReservation(tx, product.id);
      if (reservation) await endReservation(tx, reservation, act, `product on hold: ${why}`);
    }
    const closedAt = act.at.toISOString();
    const closed: Hold[] = [];
    for (const h of holds) {
      const after: Hold = {
        ...h,
        state: "closed",
        disposition: decision,
        dispositionReason: reason,
        dispositionSignatureId: signature.id,
        closedAt,
        closedBy: act.user.username,
      };
      await tx
        .updateTable("productHold")
        .set({
          state: "closed",
          disposition: decision,
          dispositionReason: reason,
          dispositionSignatureId: signature.id,
          closedAt,
          closedBy: act.user.username,
        })
        .where("id", "=", h.id)
        .where("state", "=", "open")
        .execute();
      await appendAudit(tx, {
        actor: act.user.username,
        action: "product.hold.disposition",
        entityType: "product",
        entityId: product.id,
        before: h,
        after,
        reason,
        at: act.at,
      });
      closed.push(after);
    }
    await recordCustody(tx, {
      din: product.din,
      productId: product.id,
      event: decision === "discard" ? "discarded" : "disposition",
      at: closedAt,
      by: act.user.username,
      location: product.site,
      details: { decision, reason, signatureId: signature.id },
    });
    return { id: product.id, signature, holds: closed };
  });
  return { product: await getProductById(store, done.id), signature: done.signature, holds: done.holds };
}
