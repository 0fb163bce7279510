/** A patient's whole therapy record for a page: identity, weights, plans with their orders and checks, infusions. */
import type { Store } from "../store/connect.js";
import { type BedsideCheck, checksOf } from "./bedside.js";
import { type Infusion, infusionsOf } from "./infusions.js";
import { type DoseOrder, ordersOf } from "./orders.js";
import { type Patient, type Weight, getPatient, weightsOf } from "./patients.js";
import { type Plan, plansOf } from "./plans.js";

export interface PatientRecord {
  patient: Patient;
  weights: Weight[];
  plans: (Plan & { orders: DoseOrder[]; checks: BedsideCheck[] })[];
  infusions: Infusion[];
}

export async function patientRecord(store: Store, mrn: string, now: Date): Promise<PatientRecord> {
  const patient = await getPatient(store.db, mrn);
  const plans = await plansOf(store.db, patient.mrn, now);
  return {
    patient,
    weights: await weightsOf(store.db, patient.mrn),
    plans: await Promise.all(
      plans.map(async (p) => {
        const orders = await ordersOf(store.db, p.id);
        return {
          ...p,
          orders,
          checks: await checksOf(
            store.db,
            orders.map((o) => o.id),
          ),
        };
      }),
    ),
    infusions: await infusionsOf(store.db, patient.mrn),
  };
}
