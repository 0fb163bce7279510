import type { Act } from "../accounts/act.js";
/**
 * The infusion record: after a passed bedside check, the start and end, the volume given, vital signs
 * before and after, and any reaction. The product becomes infused in the bank, its reservation fulfilled
 * and its chain of custody closed at the bedside; the plan's dose is given.
 */
import { appendAudit } from "../audit/trail.js";
import { markInfused } from "../bank/administration.js";
import { getProductById } from "../bank/products.js";
import { pastInstant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { InfusionTable } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { getCheck } from "./bedside.js";
import { getOrder } from "./orders.js";
import { completeIfDone, getPlan, protocolOfPlan } from "./plans.js";

export interface VitalSigns {
  heartRate: number;
  respiratoryRate: number;
  /** Oxygen saturation, %. */
  spo2: number;
  temperatureC: number;
  systolic?: number;
  diastolic?: number;
}

export const REACTION_SEVERITIES = ["mild", "moderate", "severe", "life-threatening"] as const;

export interface Reaction {
  description: string;
  severity: (typeof REACTION_SEVERITIES)[number];
  action?: string;
}

export interface NewInfusion {
  checkId: string;
  startedAt: string;
  endedAt: string;
  volumeMl: number;
  /** Where: the unit and bed, e.g. "NICU bed 4". The chain of custody ends here. */
  location: string;
  vitalsBefore: VitalSigns;
  vitalsAfter: VitalSigns;
  reactions?: Reaction[];
}

/** An infusion as stored, its vital signs and reactions read from their JSON. */
export interface Infusion extends Omit<InfusionTable, "vitals" | "reactions"> {
  vitals: { before: VitalSigns; after: VitalSigns };
  reactions: Reaction[];
}

/** A check is good for this long: a longer pause means scanning again at the bedside. */
export const CHECK_VALID_MS = 60 * 60 * 1000;

/** Plausible ranges for a newborn to an older child; a value outside is a typing error. */
const VITAL_RANGES: Record<keyof VitalSigns, [number, number]> = {
  heartRate: [20, 300],
  respiratoryRate: [0, 150],
  spo2: [0, 100],
  temperatureC: [25, 45],
  systolic: [20, 250],
  diastolic: [10, 200],
};

function checkVitals(field: string, v: VitalSigns | undefined): void {
  if (!v || typeof v !== "object") {
    throw new CradleError(
      "INVALID_INPUT",
      `${field}: heart rate, respiratory rate, SpO2 and temperature are required`,
      {
        field,
      },
    );
  }
  for (const [k, [lo, hi]] of Object.entries(VITAL_RANGES) as [keyof VitalSigns, [number, number]][]) {
    const x = v[k];
    const optional = k === "systolic" || k === "diastolic";
    if (x === undefined && optional) continue;
    if (typeof x !== "number" || !Number.isFinite(x) || x < lo || x > hi) {
      throw new CradleError("INVALID_INPUT", `${field}.${k} ${x}: ${lo} to ${hi}`, {
        field: `${field}.${k}`,
        value: x,
      });
    }
  }
}

export async function recordInfusion(store: Store, input: NewInfusion, act: Act): Promise<Infusion> {
  allowTherapy(act, "bedside", "record infusions");
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
  if (!Number.isFinite(input.volumeMl) || input.volumeMl <= 0) {
    throw new CradleError("INVALID_INPUT", `volumeMl ${input.volumeMl}: more than 0 mL`, {
      field: "volumeMl",
      value: input.volumeMl,
    });
  }
  if (!input.location?.trim())
    throw new CradleError("INVALID_INPUT", "location is required (unit and bed)", { field: "location" });
  checkVitals("vitalsBefore", input.vitalsBefore);
  checkVitals("vitalsAfter", input.vitalsAfter);
  const reactions = input.reactions ?? [];
  for (const r of reactions) {
    if (!r.description?.trim() || !(REACTION_SEVERITIES as readonly string[]).includes(r.severity)) {
      throw new CradleError(
        "INVALID_INPUT",
        `reactions: "${r.description ?? ""}" needs a description and a severity (${REACTION_SEVERITIES.join(", ")})`,
        { field: "reactions", value: r },
      );
    }
  }
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
    vitals: JSON.parse(r.vitals) as Infusion["vitals"],
    reactions: JSON.parse(r.reactions) as Reaction[],
  }));
}
