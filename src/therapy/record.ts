import type { Act } from "../accounts/act.js";
/** A patient's whole therapy record for a page: identity, weights, plans with their orders and checks, infusions. */
import { productsReservedFor } from "../bank/index.js";
import { check } from "../contract/validate.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { patientActions, planActions } from "./actions.js";
import { checksOf } from "./bedside.js";
import { CHECK_VALID_MS, infusionsOf } from "./infusions.js";
import { ordersOf } from "./orders.js";
import { getPatient, weightsOf } from "./patients.js";
import { getPlan, plansOf } from "./plans.js";
import { MrnSchema, UuidSchema } from "./schemas/common.js";
import type { Plan } from "./schemas/plan.js";
import type { OpenCheck, PatientRecord, PlanRecord } from "./schemas/record.js";

export type { OpenCheck, PatientRecord, PlanRecord };

/**
 * The passed checks still usable: the latest check of an order the check verified (not yet infused,
 * replaced or cancelled), passed, and within its validity at `at`.
 */
function openChecksOf(orders: PlanRecord["orders"], checks: PlanRecord["checks"], at: Date): OpenCheck[] {
  const open: OpenCheck[] = [];
  for (const o of orders) {
    if (o.state !== "verified") continue;
    const latest = checks.filter((k) => k.orderId === o.id).at(-1);
    if (latest?.outcome !== "passed") continue;
    const expires = Date.parse(latest.checkedAt) + CHECK_VALID_MS;
    if (expires <= at.getTime()) continue;
    open.push({
      checkId: latest.id,
      orderId: o.id,
      doseNumber: o.doseNumber,
      administeredBy: latest.administeredBy,
      verifiedBy: latest.verifiedBy,
      checkedAt: latest.checkedAt,
      expiresAt: new Date(expires).toISOString(),
    });
  }
  return open;
}

/** A plan with its dose orders, every bedside check of them, and what this user may do on it now. */
async function withOrders(
  db: Store["db"] | Tx,
  p: Plan,
  roles: readonly string[],
  at: Date,
): Promise<PlanRecord> {
  const orders = await ordersOf(db, p.id);
  const checks = await checksOf(
    db,
    orders.map((o) => o.id),
  );
  return {
    ...p,
    orders,
    checks,
    openChecks: openChecksOf(orders, checks, at),
    actions: planActions(roles, p, orders),
  };
}

/** A plan's page (the bedside check opens from it), for a user who may read patients. */
export async function planRecord(
  store: Store,
  planId: string,
  act: Pick<Act, "user" | "at">,
): Promise<PlanRecord> {
  allowTherapy(act, "readPatients", "read patients");
  check(UuidSchema, planId, "id");
  return withOrders(store.db, await getPlan(store.db, planId, act.at), act.user.roles, act.at);
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
    plans: await Promise.all(plans.map((p) => withOrders(store.db, p, act.user.roles, act.at))),
    infusions: await infusionsOf(store.db, patient.mrn),
    reserved: await productsReservedFor(store.db, patient.mrn),
    actions: patientActions(act.user.roles),
  };
}
