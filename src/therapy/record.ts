/** A patient's whole therapy record for a page: identity, weights, plans with their orders and checks, infusions. */
import type { Store } from "../store/connect.js";
import { type BedsideCheck, checksOf } from "./bedside.js";
import { type Infusion, infusionsOf } from "./infusions.js";
import { type DoseOrder, ordersOf } from "./orders.js";
import { type Patient, type Weight, getPatient, weightsOf } from "./patients.js";
import { type Plan, getPlan, plansOf } from "./plans.js";

export type PlanRecord = Plan & { orders: DoseOrder[]; checks: BedsideCheck[] };

export interface PatientRecord {
  patient: Patient;
  weights: Weight[];
  plans: PlanRecord[];
  infusions: Infusion[];
}

/** A plan with its dose orders and every bedside check of them. */
export async function planRecord(db: Store["db"], plan: Plan | string, now: Date): Promise<PlanRecord> {
  const p = typeof plan === "string" ? await getPlan(db, plan, now) : plan;
  const orders = await ordersOf(db, p.id);
  return {
    ...p,
    orders,
    checks: await checksOf(
      db,
      orders.map((o) => o.id),
    ),
  };
}

export async function patientRecord(store: Store, mrn: string, now: Date): Promise<PatientRecord> {
  const patient = await getPatient(store.db, mrn);
  const plans = await plansOf(store.db, patient.mrn, now);
  return {
    patient,
    weights: await weightsOf(store.db, patient.mrn),
    plans: await Promise.all(plans.map((p) => planRecord(store.db, p, now))),
    infusions: await infusionsOf(store.db, patient.mrn),
  };
}
