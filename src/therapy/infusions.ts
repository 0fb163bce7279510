import type { Act } from "../accounts/act.js";
/**
 * The infusion record: after a passed bedside check, the start and end, the volume given, vital signs
 * before and after, and any reaction. The product becomes infused in the bank, its reservation fulfilled
 * and its chain of custody closed at the bedside; the plan's dose is given.
 */
import { appendAudit } from "../audit/trail.js";
import { markInfused } from "../bank/index.js";
import { getProductById } from "../bank/index.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { getCheck } from "./bedside.js";
import { getOrder } from "./orders.js";
import { completeIfDone, getPlan, protocolOfPlan } from "./plans.js";
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
  return write(store, async (tx: Tx) => {
    const check = await getCheck(tx, input.checkId);
    if (check.outcome !== "passed") {
      throw new CradleError(
        "BEDSIDE_BLOCKED",
        `checkId ${check.id}: the bedside check was blocked; the product must not be given`,
        {
          field: "checkId",
          value: check.id,
        },
      );
    }
    const order = await getOrder(tx, check.orderId);
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
    const plan = await getPlan(tx, order.planId, act.at);
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
    };
    await markInfused(tx, product, plan.mrn, infusion.location, act, {
      orderId: order.id,
      volumeMl: input.volumeMl,
    });
    await tx
      .insertInto("infusion")
      .values({ ...infusion, vitals: JSON.stringify(infusion.vitals), reactions: JSON.stringify(reactions) })
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
    await completeIfDone(tx, plan.id, act);
    return infusion;
  });
}

export async function infusionsOf(db: Store["db"] | Tx, mrn: string): Promise<Infusion[]> {
  const rows = await db
    .selectFrom("infusion")
    .selectAll()
    .where("mrn", "=", mrn)
    .orderBy("startedAt")
    .execute();
  return rows.map((r) => ({
    ...r,
    route: r.route as Route,
    vitals: JSON.parse(r.vitals) as Infusion["vitals"],
    reactions: JSON.parse(r.reactions) as Reaction[],
  }));
}
