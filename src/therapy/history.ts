/**
 * Which audit events make up a patient's and a plan's history (their pages show it). Most of a plan's
 * events are written on its patient (enrolment, orders, checks, infusions, follow-up), so a plan's history
 * is its own events and those of its patient that name it.
 */
import type { Act } from "../accounts/act.js";
import type { AuditEvent, AuditSubject } from "../audit/reads.js";
import { check } from "../contract/validate.js";
import type { Store } from "../store/connect.js";
import { allowTherapy } from "./act.js";
import { ordersOf } from "./orders.js";
import { readPatient } from "./patients.js";
import { getPlan, plansOf } from "./plans.js";
import { UuidSchema } from "./schemas/common.js";

export interface HistoryScope {
  subjects: AuditSubject[];
  /** Which of the subjects' events belong (all when absent). */
  keep?: (e: AuditEvent) => boolean;
}

/** A patient's history: the patient's events and those of each of its plans. */
export async function patientHistory(
  store: Store,
  mrn: string,
  act: Pick<Act, "user" | "at">,
): Promise<HistoryScope> {
  const patient = await readPatient(store, mrn, act);
  const plans = await plansOf(store.db, patient.mrn, act.at);
  return {
    subjects: [
      { entityType: "patient", entityId: patient.mrn },
      ...plans.map((p) => ({ entityType: "plan", entityId: p.id })),
    ],
  };
}

/**
 * Whether a value written about a patient names this plan: its `planId`, one of its orders' `orderId`, or
 * the plan itself at enrolment.
 */
function names(v: unknown, planId: string, orderIds: ReadonlySet<string>, action: string): boolean {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  if (o.planId === planId || (action === "plan.enrol" && o.id === planId)) return true;
  return typeof o.orderId === "string" && orderIds.has(o.orderId);
}

/** A plan's history: its own events and its patient's events that name it. */
export async function planHistory(
  store: Store,
  planId: string,
  act: Pick<Act, "user" | "at">,
): Promise<HistoryScope> {
  allowTherapy(act, "readPatients", "read patients");
  check(UuidSchema, planId, "id");
  const plan = await getPlan(store.db, planId, act.at);
  const orderIds = new Set((await ordersOf(store.db, plan.id)).map((o) => o.id));
  const about = (e: AuditEvent, v: unknown) => names(v, plan.id, orderIds, e.action);
  return {
    subjects: [
      { entityType: "plan", entityId: plan.id },
      { entityType: "patient", entityId: plan.mrn },
    ],
    keep: (e) => e.entityType === "plan" || about(e, e.after) || about(e, e.before),
  };
}
