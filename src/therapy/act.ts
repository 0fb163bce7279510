import type { Act } from "../accounts/act.js";
/**
 * Who may do what in therapy. Roles are checked here, in the service, so the CLI and the HTTP API enforce
 * the same rules. Writes go through the bank's write(): therapy's records and the bank's product changes
 * of an infusion commit together, and the bank's read caches see every change.
 */
import { type Role, requireRole } from "../accounts/users.js";

export const THERAPY_ROLES = {
  readPatients: ["physician", "nurse", "coordinator", "quality-manager", "auditor"],
  registerPatient: ["physician", "nurse", "coordinator"],
  recordWeight: ["physician", "nurse"],
  activateProtocol: ["physician", "quality-manager"],
  enrol: ["physician"],
  orderDose: ["physician"],
  /** Who may administer or verify at the bedside, and record the infusion. */
  bedside: ["physician", "nurse"],
  recordMissed: ["physician"],
} as const satisfies Record<string, readonly Role[]>;

export type TherapyAction = keyof typeof THERAPY_ROLES;

export function allowTherapy(act: Act, action: TherapyAction, what: string): void {
  requireRole(act.user, THERAPY_ROLES[action], what);
}
