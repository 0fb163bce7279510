import type { Act } from "../accounts/act.js";
/**
 * Dose orders: a physician orders one dose of a plan from one product. The volume to draw comes from the
 * product's cell count and the patient's latest weight, with the arithmetic kept; a dose outside the
 * protocol's range per kg (or the diagnosis class's floor) is refused unless the physician signs an
 * exception with a reason.
 */
import { authenticate } from "../accounts/users.js";
import { type Signature, auditedSignatureAuth, sign } from "../audit/signatures.js";
import { appendAudit } from "../audit/trail.js";
import { cellConcentration } from "../bank/index.js";
import { type Product, findProduct, isAutologous } from "../bank/index.js";
import { activeReservation, auditRefusals, requireNotOnHold } from "../bank/index.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { DoseOrderTable } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { requireArmReceivesCells } from "./allocation.js";
import { computeDose } from "./dose.js";
import { getPatient, latestWeight } from "./patients.js";
import { getPlan, protocolOfPlan } from "./plans.js";
import { type Protocol, minimumPerKg } from "./protocols.js";
import { type DoseOrder, type NewDoseOrder, NewDoseOrderSchema } from "./schemas/order.js";
import type { OrderState } from "./vocabulary.js";

export type { DoseOrder, NewDoseOrder };

const sci = (n: number) => n.toExponential(2).replace(/e\+?(-?\d+)/, "×10^$1");

/** What the product must be for this protocol and patient, checked when ordering and again at the bedside. */
export function productProblems(
  product: Pick<Product, "id" | "collectionType" | "donorId" | "storageTemperature">,
  protocol: Protocol,
  mrn: string,
): string[] {
  const problems: string[] = [];
  if (protocol.product.autologous && !isAutologous(product.collectionType)) {
    problems.push(
      `product ${product.id} is not labelled for autologous use; ${protocol.id} gives the baby's own cells`,
    );
  }
  if (isAutologous(product.collectionType) && product.donorId !== mrn) {
    problems.push(`product ${product.id} is autologous cells of ${product.donorId}, not of ${mrn}`);
  }
  if (protocol.product.fresh && product.storageTemperature === "cryopreserved") {
    problems.push(`product ${product.id} is cryopreserved; ${protocol.id} gives fresh cells`);
  }
  return problems;
}

interface Computed {
  targetPerKg: number;
  drawMl: number;
  deliveredPerKg: number;
  arithmetic: string;
}

function computeFor(
  protocol: Protocol,
  product: Product,
  perMl: number,
  grams: number,
  target?: number,
): Computed {
  if (protocol.dosing === "whole-product") {
    const kg = grams / 1000;
    const cells = perMl * product.volumeMl;
    const perKg = cells / kg;
    return {
      targetPerKg: perKg,
      drawMl: product.volumeMl,
      deliveredPerKg: perKg,
      arithmetic: `whole product: ${sci(perMl)} cells/mL × ${product.volumeMl} mL = ${sci(cells)} cells; ÷ ${kg} kg = ${sci(perKg)} cells/kg`,
    };
  }
  const targetPerKg = target ?? protocol.targetPerKg;
  const d = computeDose({
    concentrationPerMl: perMl,
    targetPerKg,
    weightGrams: grams,
    availableMl: product.volumeMl,
  });
  return { targetPerKg, drawMl: d.drawMl, deliveredPerKg: d.deliveredPerKg, arithmetic: d.arithmetic };
}

export async function orderDose(store: Store, input: NewDoseOrder, act: Act): Promise<DoseOrder> {
  allowTherapy(act, "orderDose", "order doses");
  check(NewDoseOrderSchema, input);
  // Re-authenticate before the transaction: scrypt is slow and holds nothing.
  const exceptionPassword = input.exceptionReason?.trim() ? input.password : undefined;
  const signer = exceptionPassword
    ? await auditedSignatureAuth(
        store,
        {
          signer: act.user.username,
          actor: act.user.username,
          meaning: "approved",
          entityType: "plan",
          entityId: input.planId,
          at: act.at,
        },
        () =>
          authenticate(store, act.user.username, exceptionPassword, act.at, {
            purpose: "e-signature",
            address: act.address,
            code: act.code,
          }),
      )
    : undefined;
  const ref = { din: input.din, ...(input.productCode ? { product: input.productCode } : {}) };
  return auditRefusals(
    store,
    act,
    "dose.order",
    ref,
    ["PRODUCT_ON_HOLD", "ARM_RECEIVES_NO_CELLS"],
    async () => {
      const outcome = await write(store, async (tx): Promise<DoseOrder | { refused: CradleError }> => {
        const plan = await getPlan(tx, input.planId, act.at);
        if (plan.state !== "active") {
          throw new CradleError("INVALID_INPUT", `plan ${plan.id} is ${plan.state}`, {
            field: "planId",
            value: plan.id,
          });
        }
        requireArmReceivesCells(plan);
        const dose = plan.doses.find((d) => d.number === input.doseNumber);
        if (!dose || dose.state === "given" || dose.state === "missed" || dose.state === "overdue") {
          throw new CradleError(
            "INVALID_INPUT",
            `doseNumber ${input.doseNumber}: dose ${dose ? `is ${dose.state}` : "is not in the plan"}${dose?.state === "overdue" ? ` (its window closed at ${dose.latest})` : ""}`,
            { field: "doseNumber", value: input.doseNumber },
          );
        }
        const protocol = await protocolOfPlan(tx, plan);
        const patient = await getPatient(tx, plan.mrn);
        const product = await findProduct(tx, {
          din: input.din,
          ...(input.productCode ? { product: input.productCode } : {}),
        });
        await requireNotOnHold(tx, product.id, "a dose order");
        const reservation = await activeReservation(tx, product.id);
        if (reservation?.patientId !== patient.mrn) {
          throw new CradleError(
            "INVALID_INPUT",
            `din: product ${product.id} is ${reservation ? `reserved for ${reservation.patientId}` : "not reserved"}; reserve it for ${patient.mrn} before ordering`,
            { field: "din", value: input.din },
          );
        }
        const problems = productProblems(product, protocol, patient.mrn);
        if (problems.length > 0) {
          throw new CradleError("INVALID_INPUT", `din: ${problems.join("; ")}`, {
            field: "din",
            value: input.din,
          });
        }
        const weight = await latestWeight(tx, patient.mrn);
        const concentration = await cellConcentration(tx, product);
        const c = computeFor(protocol, product, concentration.perMl, weight.grams, input.targetPerKg);
        const min = minimumPerKg(protocol, patient.icd10);
        const outside: string[] = [];
        if (c.deliveredPerKg < min)
          outside.push(`${sci(c.deliveredPerKg)} cells/kg is below the protocol's ${sci(min)}`);
        if (c.targetPerKg > protocol.maxPerKg || c.deliveredPerKg > protocol.maxPerKg) {
          outside.push(
            `${sci(c.targetPerKg)} cells/kg is above the protocol's maximum ${sci(protocol.maxPerKg)}`,
          );
        }
        let signature: Signature | undefined;
        const order: DoseOrder = {
          id: crypto.randomUUID(),
          planId: plan.id,
          doseNumber: dose.number,
          productId: product.id,
          weightGrams: weight.grams,
          weighedAt: weight.measuredAt,
          concentrationPerMl: concentration.perMl,
          concentrationSource: concentration.source,
          ...c,
          exceptionReason: null,
          exceptionSignatureId: null,
          state: "ordered",
          orderedAt: act.at.toISOString(),
          orderedBy: act.user.username,
          replacesId: null,
          replacedById: null,
          replaceReason: null,
          replacedBy: null,
          replacedAt: null,
          given: null,
        };
        if (outside.length > 0 && (!input.exceptionReason?.trim() || !signer)) {
          throw new CradleError(
            "DOSE_OUTSIDE_PROTOCOL",
            `targetPerKg: ${outside.join("; ")}: give a reason and sign the exception with your password`,
            { field: "targetPerKg", value: c.targetPerKg, arithmetic: c.arithmetic },
          );
        }
        // A dose has one open order: a new one names the order it replaces and says why, never silently.
        const open = await tx
          .selectFrom("doseOrder")
          .select(["id", "state"])
          .where("planId", "=", plan.id)
          .where("doseNumber", "=", dose.number)
          .where("state", "in", ["ordered", "verified"])
          .executeTakeFirst();
        const replaceReason = input.replaceReason?.trim();
        if (open && (input.replaces !== open.id || !replaceReason)) {
          const refused =
            input.replaces !== undefined && input.replaces !== open.id
              ? new CradleError(
                  "INVALID_INPUT",
                  `replaces: ${input.replaces} is not the open order of dose ${dose.number}, ${open.id}`,
                  { field: "replaces", value: input.replaces },
                )
              : new CradleError(
                  "DOSE_ALREADY_ORDERED",
                  `doseNumber ${dose.number} has an open order ${open.id} (${open.state}): to replace it give replaces ${open.id} and replaceReason`,
                  {
                    field: input.replaces ? "replaceReason" : "replaces",
                    value: open.id,
                    openOrderId: open.id,
                  },
                );
          await appendAudit(tx, {
            actor: act.user.username,
            action: "dose.refused",
            entityType: "patient",
            entityId: patient.mrn,
            after: { planId: plan.id, doseNumber: dose.number, openOrderId: open.id, din: input.din },
            reason: refused.message,
            at: act.at,
          });
          return { refused };
        }
        if (!open && input.replaces !== undefined) {
          throw new CradleError(
            "INVALID_INPUT",
            `replaces: dose ${dose.number} has no open order to replace`,
            {
              field: "replaces",
              value: input.replaces,
            },
          );
        }
        if (open && replaceReason) {
          order.replacesId = open.id;
        }
        if (outside.length > 0 && input.exceptionReason?.trim() && signer) {
          order.exceptionReason = input.exceptionReason.trim();
          signature = await sign(tx, signer, {
            meaning: "approved",
            entityType: "dose-order",
            entityId: order.id,
            record: { ...order, exceptionSignatureId: null },
            at: act.at,
          });
          order.exceptionSignatureId = signature.id;
        }
        const { given: _, ...row } = order;
        await tx.insertInto("doseOrder").values(row).execute();
        if (open && replaceReason) {
          // The replaced order is cancelled and says by which order, why, who and when.
          const replaced = {
            state: "cancelled",
            replacedById: order.id,
            replaceReason,
            replacedBy: act.user.username,
            replacedAt: act.at.toISOString(),
          };
          await tx.updateTable("doseOrder").set(replaced).where("id", "=", open.id).execute();
          await appendAudit(tx, {
            actor: act.user.username,
            action: "dose.replaced",
            entityType: "patient",
            entityId: patient.mrn,
            before: { id: open.id, state: open.state },
            after: { id: open.id, ...replaced },
            reason: replaceReason,
            at: act.at,
          });
        }
        await appendAudit(tx, {
          actor: act.user.username,
          action: "dose.order",
          entityType: "patient",
          entityId: patient.mrn,
          after: order,
          ...(order.exceptionReason ? { reason: order.exceptionReason } : {}),
          at: act.at,
        });
        return order;
      });
      if ("refused" in outcome) throw outcome.refused;
      return outcome;
    },
  );
}

/**
 * The dose a volume gives, per kg: cells = volume × the concentration used at ordering, per kg by the
 * weight used at ordering, with the arithmetic.
 */
export function givenDose(
  order: Pick<DoseOrder, "concentrationPerMl" | "weightGrams">,
  volumeMl: number,
): NonNullable<DoseOrder["given"]> {
  const kg = order.weightGrams / 1000;
  const cells = volumeMl * order.concentrationPerMl;
  const perKg = cells / kg;
  return {
    volumeMl,
    perKg,
    arithmetic: `given: ${volumeMl} mL × ${sci(order.concentrationPerMl)} cells/mL = ${sci(cells)} cells; ÷ ${kg} kg = ${sci(perKg)} cells/kg`,
  };
}

function toOrder(r: DoseOrderTable, volumeMl?: number): DoseOrder {
  return {
    ...r,
    state: r.state as OrderState,
    given: volumeMl === undefined ? null : givenDose(r, volumeMl),
  };
}

export async function getOrder(db: Store["db"] | Tx, id: string): Promise<DoseOrder> {
  const r = await db.selectFrom("doseOrder").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw new CradleError("PLAN_NOT_FOUND", `no dose order ${id}`, { field: "orderId", value: id });
  const given = await db
    .selectFrom("infusion")
    .select("volumeMl")
    .where("orderId", "=", id)
    .executeTakeFirst();
  return toOrder(r, given?.volumeMl);
}

export async function ordersOf(db: Store["db"] | Tx, planId: string): Promise<DoseOrder[]> {
  const rows = await db
    .selectFrom("doseOrder")
    .selectAll()
    .where("planId", "=", planId)
    .orderBy("orderedAt")
    .execute();
  const ids = rows.map((r) => r.id);
  const given =
    ids.length === 0
      ? []
      : await db.selectFrom("infusion").select(["orderId", "volumeMl"]).where("orderId", "in", ids).execute();
  const volumes = new Map(given.map((g) => [g.orderId, g.volumeMl]));
  return rows.map((r) => toOrder(r, volumes.get(r.id)));
}
