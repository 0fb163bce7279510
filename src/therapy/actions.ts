/**
 * The actions a user may take now on a patient's record or a plan, from their roles (THERAPY_ROLES) and the
 * record's state: the server decides, the pages show the buttons it names. The services still check each
 * action when it is taken; this list only spares users a button that would be refused.
 */
import { type TherapyAction, actionsOfRoles } from "./roles.js";
import type { DoseOrder } from "./schemas/order.js";
import type { Plan } from "./schemas/plan.js";

/** On the patient's record: weighing and enrolling on a protocol. */
export function patientActions(roles: readonly string[]): TherapyAction[] {
  return actionsOfRoles(roles).filter((a) => a === "recordWeight" || a === "enrol");
}

/** On one plan: ordering and recording missed doses while one is open, withdrawing, the bedside check. */
export function planActions(
  roles: readonly string[],
  plan: Pick<Plan, "state" | "doses">,
  orders: readonly Pick<DoseOrder, "state">[],
): TherapyAction[] {
  if (plan.state !== "active") return [];
  const open = plan.doses.some((d) => d.state === "due" || d.state === "upcoming");
  const notDone = plan.doses.some((d) => d.state !== "given" && d.state !== "missed");
  const toGive = orders.some((o) => o.state === "ordered" || o.state === "verified");
  return actionsOfRoles(roles).filter(
    (a) =>
      (a === "orderDose" && open) ||
      (a === "recordMissed" && notDone) ||
      a === "enrol" ||
      (a === "bedside" && toGive),
  );
}
