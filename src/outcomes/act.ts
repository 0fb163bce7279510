/** Who may do what in outcomes; checked in the service, so the API and CLI agree. */
import type { Act } from "../accounts/act.js";
import { type Role, type User, requireRole } from "../accounts/users.js";
import { CONSENT_ROLES } from "../consent/index.js";
import { OUTCOME_ACTIONS, type OutcomeAction } from "./actions.js";

export const OUTCOME_ROLES = {
  readOutcomes: ["physician", "nurse", "coordinator", "quality-manager", "auditor"],
  /** The report's statistics: a researcher sees them on research-consented patients, de-identified. */
  readStatistics: ["physician", "nurse", "coordinator", "quality-manager", "auditor", "researcher"],
  // Consents are the consent service's; pages find them among the patient's outcomes.
  ...CONSENT_ROLES,
  recordFollowUp: ["physician", "nurse", "coordinator"],
  recordAdverseEvent: ["physician", "nurse"],
  reportAdverseEvent: ["physician", "quality-manager"],
  /** A death already recorded: its date or cause, with a reason. */
  correctDeath: ["physician"],
  /** De-identified data only. */
  researchExport: ["researcher", "quality-manager"],
} as const satisfies Record<OutcomeAction, readonly Role[]>;

export function allowOutcomes(act: Act, action: OutcomeAction, what: string): void {
  requireRole(act.user, OUTCOME_ROLES[action], what);
}

/** The actions the user may take, for the pages to show (they keep no copy of the roles). */
export function outcomeActionsOf(user: Pick<User, "roles">): OutcomeAction[] {
  return OUTCOME_ACTIONS.filter((a) =>
    user.roles.some((r) => (OUTCOME_ROLES[a] as readonly Role[]).includes(r)),
  );
}
