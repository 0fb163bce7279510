import type { Act } from "../accounts/act.js";
/** Who may do what in outcomes; checked in the service, so the API and CLI agree. */
import { type Role, requireRole } from "../accounts/users.js";

export const OUTCOME_ROLES = {
  readOutcomes: ["physician", "nurse", "coordinator", "quality-manager", "auditor"],
  recordConsent: ["physician", "nurse", "coordinator"],
  withdrawConsent: ["physician", "coordinator"],
  recordFollowUp: ["physician", "nurse", "coordinator"],
  recordAdverseEvent: ["physician", "nurse"],
  reportAdverseEvent: ["physician", "quality-manager"],
  /** De-identified data only. */
  researchExport: ["researcher", "quality-manager"],
} as const satisfies Record<string, readonly Role[]>;

export function allowOutcomes(act: Act, action: keyof typeof OUTCOME_ROLES, what: string): void {
  requireRole(act.user, OUTCOME_ROLES[action], what);
}
