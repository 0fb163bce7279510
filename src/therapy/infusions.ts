import type { Act } from "../accounts/act.js";
/**
 * The infusion record: after a passed bedside check, the start and end, the volume given, vital signs
 * before and after, and any reaction. The product becomes infused in the bank, its reservation fulfilled
 * and its chain of custody closed at the bedside; the plan's dose is given.
 */
import { type AuthenticatedUser, authenticate } from "../accounts/users.js";
import { auditedSignatureAuth, sign } from "../audit/signatures.js";
import { appendAudit } from "../audit/trail.js";
import { getProductById, markInfused, onHoldError, openHoldsOf } from "../bank/index.js";
import { config } from "../config/index.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError, isCradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { getCheck } from "./bedside.js";
import { getOrder, givenDose } from "./orders.js";
import { completeIfDone, getPlan, protocolOfPlan } from "./plans.js";
import { THERAPY_ROLES } from "./roles.js";
import {
  type Infusion,
  type NewInfusion,
  NewInfusionSchema,
  type Reaction,
  type VitalSigns,
} from "./schemas/infusion.js";
import type { Route } from "./vocabulary.js";

export type { Infusion, NewInfusion, Reaction, VitalSigns };

/** A check is good for this long: a longer pause means scanning again at the bedside. */
export const CHECK_VALID_MS = 60 * 60 * 1000;

/**
 * How far the volume given may exceed the ordered volume (a fraction of it) before a physician must sign an
 * override with a reason: the setting CRADLE_INFUSION_TOLERANCE_PERCENT (default 10, at most 25), read
 * where the rule runs.
 */
export function infusionTolerancePercent(): number {
  return config().infusionTolerancePercent;
}

/** The physician who signs an override, re-authenticated; or why the signature cannot be taken. */
async function overrideSigner(
  store: Store,
  input: NewInfusion,
  act: Act,
): Promise<{ signer?: AuthenticatedUser; problem?: string }> {
  if (!input.override) return {};
  const { username, password, code } = input.override.physician;
  let signer: AuthenticatedUser;
  try {
    signer = await auditedSignatureAuth(
      store,
      {
        signer: username,
        actor: act.user.username,
        meaning: "approved",
        entityType: "bedside-check",
        entityId: input.checkId,
        at: act.at,
      },
      () =>
        authenticate(store, username, password, act.at, {
          purpose: "e-signature",
          address: act.address,
          code,
        }),
    );
  } catch (e) {
    if (isCradleError(e) && e.code === "AUTH_FAILED")
      return { problem: `the physician's signature failed: ${e.message}` };
    throw e;
  }
  const allowed: readonly string[] = THERAPY_ROLES.orderDose;
  if (!signer.roles.some((r) => allowed.includes(r))) {
    return {
      problem: `${username} (${signer.roles.join(", ")}) is not a physician and cannot sign the override`,
    };
  }
  if (signer.mustChangePassword) {
    return {
      problem: `${username} has not completed the first sign-in (one-time password pending) and cannot sign`,
    };
  }
  return { signer };
}

/**
 * The audit event of a refused infusion, in the transaction that returns the refusal instead of throwing
 * it (so the event commits and nothing else was written): the code, the facts and the reason.
 */
async function auditRefusedInfusion(
  tx: Tx,
  act: Act,
  mrn: string,
  refused: CradleError,
  facts: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, {
    actor: act.user.username,
    action: "infusion.refused",
    entityType: "patient",
    entityId: mrn,
    after: { code: refused.code, ...facts },
    reason: refused.message,
    at: act.at,
  });
}

export async function recordInfusion(store: Store, input: NewInfusion, act: Act): Promise<Infusion> {
  allowTherapy(act, "bedside", "record infusions");
  check(NewInfusionSchema, input);
  const startedAt = pastInstant("startedAt", input.startedAt, act.at);
  const endedAt = pastInstant("endedAt", input.endedAt, act.at);
  if (Date.parse(endedAt) < Date.parse(startedAt)) {
    throw new CradleError(
      "INVALID_INPUT",
      `endedAt ${input.endedAt} is before startedAt ${input.startedAt}`,
      {
        field: "endedAt",
        value: input.endedAt,
      },
    );
  }
  const reactions = input.reactions ?? [];
  // Re-authenticate the physician before the transaction: scrypt is slow and holds nothing.
  const override = await overrideSigner(store, input, act);
  const outcome = await write(store, async (tx: Tx): Promise<Infusion | { refused: CradleError }> => {
    const check = await getCheck(tx, input.checkId);
    const order = await getOrder(tx, check.orderId);
    if (check.outcome !== "passed") {
      // An attempt to give a bag whose check blocked it: a near miss, audited as a refused infusion.
      const refused = new CradleError(
        "BEDSIDE_BLOCKED",
        `checkId ${check.id}: the bedside check was blocked; the product must not be given`,
        { field: "checkId", value: check.id },
      );
      const plan = await getPlan(tx, order.planId, act.at);
      await auditRefusedInfusion(tx, act, plan.mrn, refused, {
        checkId: check.id,
        orderId: order.id,
        productId: order.productId,
        volumeMl: input.volumeMl,
      });
      return { refused };
    }
    if (order.state !== "verified") {
      throw new CradleError("INVALID_INPUT", `checkId: order ${order.id} is ${order.state}`, {
        field: "checkId",
        value: check.id,
      });
    }
    const latest = await tx
      .selectFrom("bedsideCheck")
      .select(["id"])
      .where("orderId", "=", order.id)
      .orderBy("checkedAt", "desc")
      .executeTakeFirst();
    if (latest?.id !== check.id) {
      throw new CradleError(
        "INVALID_INPUT",
        `checkId ${check.id} is not the latest check of order ${order.id}`,
        {
          field: "checkId",
          value: check.id,
        },
      );
    }
    const sinceCheck = Date.parse(startedAt) - Date.parse(check.checkedAt);
    if (sinceCheck < -60_000 || sinceCheck > CHECK_VALID_MS) {
      throw new CradleError(
        "INVALID_INPUT",
        `startedAt ${input.startedAt}: an infusion starts within ${CHECK_VALID_MS / 60_000} minutes after its bedside check (${check.checkedAt}); check again`,
        { field: "startedAt", value: input.startedAt },
      );
    }
    const product = await getProductById({ db: tx }, order.productId);
    const plan = await getPlan(tx, order.planId, act.at);
    // A hold placed after the check passed (a positive culture read in the meantime): the bag is not given.
    const holds = await openHoldsOf(tx, product.id);
    if (holds.length > 0) {
      const refused = onHoldError(product.id, holds, "infusion");
      await auditRefusedInfusion(tx, act, plan.mrn, refused, {
        checkId: check.id,
        orderId: order.id,
        productId: product.id,
        volumeMl: input.volumeMl,
      });
      return { refused };
    }
    if (input.volumeMl > product.volumeMl + 0.05) {
      throw new CradleError(
        "INVALID_INPUT",
        `volumeMl ${input.volumeMl}: the bag held ${product.volumeMl} mL`,
        {
          field: "volumeMl",
          value: input.volumeMl,
        },
      );
    }
    const percent = infusionTolerancePercent();
    const limitMl = order.drawMl * (1 + percent / 100);
    const above = input.volumeMl > limitMl + 1e-9;
    const given = givenDose(order, input.volumeMl);
    if (above && (!override.signer || !input.override)) {
      const why = !input.override
        ? "give a reason and the physician's signature (user name and password)"
        : (override.problem ?? "the physician's signature is missing");
      const refused = new CradleError(
        "INFUSION_ABOVE_ORDER",
        `volumeMl ${input.volumeMl}: above the ordered ${order.drawMl} mL by more than ${percent} % (at most ${Math.round(limitMl * 100) / 100} mL); ${why}`,
        {
          field: input.override ? "override" : "volumeMl",
          value: input.volumeMl,
          orderedMl: order.drawMl,
          toleranceMl: limitMl,
          givenPerKg: given.perKg,
          orderedPerKg: order.deliveredPerKg,
        },
      );
      await auditRefusedInfusion(tx, act, plan.mrn, refused, {
        checkId: check.id,
        orderId: order.id,
        productId: product.id,
        volumeMl: input.volumeMl,
        orderedMl: order.drawMl,
        ...(input.override ? { physician: input.override.physician.username } : {}),
      });
      return { refused };
    }
    if (!above && input.override) {
      throw new CradleError(
        "INVALID_INPUT",
        `override: ${input.volumeMl} mL is within ${percent} % of the ordered ${order.drawMl} mL; no override is signed`,
        { field: "override", value: input.override.reason },
      );
    }
    const protocol = await protocolOfPlan(tx, plan);
    const infusion: Infusion = {
      id: crypto.randomUUID(),
      orderId: order.id,
      checkId: check.id,
      productId: product.id,
      mrn: plan.mrn,
      startedAt,
      endedAt,
      volumeMl: input.volumeMl,
      route: protocol.route,
      vitals: { before: input.vitalsBefore, after: input.vitalsAfter },
      reactions,
      location: input.location.trim(),
      recordedAt: act.at.toISOString(),
      recordedBy: act.user.username,
      overrideReason: null,
      overrideSignatureId: null,
      orderedPerKg: order.deliveredPerKg,
      givenPerKg: given.perKg,
    };
    if (above && override.signer && input.override) {
      infusion.overrideReason = input.override.reason.trim();
      const signature = await sign(tx, override.signer, {
        meaning: "approved",
        entityType: "infusion",
        entityId: infusion.id,
        record: infusion,
        at: act.at,
      });
      infusion.overrideSignatureId = signature.id;
    }
    await markInfused(tx, product, plan.mrn, infusion.location, act, {
      orderId: order.id,
      volumeMl: input.volumeMl,
    });
    const { orderedPerKg: _o, givenPerKg: _g, ...row } = infusion;
    await tx
      .insertInto("infusion")
      .values({ ...row, vitals: JSON.stringify(infusion.vitals), reactions: JSON.stringify(reactions) })
      .execute();
    await tx.updateTable("doseOrder").set({ state: "infused" }).where("id", "=", order.id).execute();
    await tx
      .updateTable("planDose")
      .set({ state: "given" })
      .where("planId", "=", plan.id)
      .where("number", "=", order.doseNumber)
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "infusion.record",
      entityType: "patient",
      entityId: plan.mrn,
      after: infusion,
      at: act.at,
    });
    if (infusion.overrideReason) {
      await appendAudit(tx, {
        actor: act.user.username,
        action: "infusion.override",
        entityType: "patient",
        entityId: plan.mrn,
        after: {
          infusionId: infusion.id,
          orderId: order.id,
          volumeMl: infusion.volumeMl,
          orderedMl: order.drawMl,
          physician: override.signer?.username,
          signatureId: infusion.overrideSignatureId,
        },
        reason: infusion.overrideReason,
        at: act.at,
      });
    }
    await completeIfDone(tx, plan.id, act);
    return infusion;
  });
  if ("refused" in outcome) throw outcome.refused;
  return outcome;
}

export async function infusionsOf(db: Store["db"] | Tx, mrn: string): Promise<Infusion[]> {
  const rows = await db
    .selectFrom("infusion")
    .innerJoin("doseOrder", "doseOrder.id", "infusion.orderId")
    .selectAll("infusion")
    .select(["doseOrder.concentrationPerMl", "doseOrder.weightGrams", "doseOrder.deliveredPerKg"])
    .where("infusion.mrn", "=", mrn)
    .orderBy("infusion.startedAt")
    .execute();
  return rows.map(({ concentrationPerMl, weightGrams, deliveredPerKg, ...r }) => ({
    ...r,
    orderedPerKg: deliveredPerKg,
    givenPerKg: givenDose({ concentrationPerMl, weightGrams }, r.volumeMl).perKg,
    route: r.route as Route,
    vitals: JSON.parse(r.vitals) as Infusion["vitals"],
    reactions: JSON.parse(r.reactions) as Reaction[],
  }));
}
