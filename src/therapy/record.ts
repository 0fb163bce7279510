import type { Act } from "../accounts/act.js";
/** A patient's whole therapy record for a page: identity, weights, plans with their orders and checks, infusions. */
import { check } from "../contract/validate.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { patientActions, planActions } from "./actions.js";
import { checksOf } from "./bedside.js";
import { infusionsOf } from "./infusions.js";
import { ordersOf } from "./orders.js";
import { getPatient, weightsOf } from "./patients.js";
import { getPlan, plansOf } from "./plans.js";
import { MrnSchema, UuidSchema } from "./schemas/common.js";
import type { Plan } from "./schemas/plan.js";
import type { PatientRecord, PlanRecord } from "./schemas/record.js";

export type { PatientRecord, PlanRecord };

/** A plan with its dose orders, every bedside check of them, and what this user may do on it now. */
async function withOrders(db: Store["db"] | Tx, p: Plan, roles: readonly string[]): Promise<PlanRecord> {
  const orders = await ordersOf(db, p.id);
  const checks = await checksOf(
    db,
    orders.map((o) => o.id),
  );
  return { ...p, orders, checks, actions: planActions(roles, p, orders) };
}

/** A plan's page (the bedside check opens from it), for a user who may read patients. */
export async function planRecord(
  store: Store,
  planId: string,
  act: Pick<Act, "user" | "at">,
): Promise<PlanRecord> {
  allowTherapy(act, "readPatients", "read patients");
  check(UuidSchema, planId, "id");
  return withOrders(store.db, await getPlan(store.db, planId, act.at), act.user.roles);
}

export async function patientRecord(
  store: Store,
  mrn: string,
  act: Pick<Act, "user" | "at">,
): Promise<PatientRecord> {
  allowTherapy(act, "readPatients", "read patients");
  check(MrnSchema, mrn, "mrn");
  const patient = await getPatient(store.db, mrn);
  const plans = await plansOf(store.db, patient.mrn, act.at);
  return {
    patient,
    weights: await weightsOf(store.db, patient.mrn),
    plans: await Promise.all(plans.map((p) => withOrders(store.db, p, act.user.roles))),
    infusions: await infusionsOf(store.db, patient.mrn),
    actions: patientActions(act.user.roles),
  };
}
