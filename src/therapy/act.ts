import type { Act } from "../accounts/act.js";
/**
 * Roles are checked here, in the service, for reads and writes alike, so the CLI and the HTTP API enforce
 * the same rules. The table itself is data in roles.ts.
 */
import { type Role, requireRole } from "../accounts/users.js";
import { THERAPY_ROLES, type TherapyAction } from "./roles.js";

export { THERAPY_ACTIONS, THERAPY_ROLES, type TherapyAction, actionsOfRoles } from "./roles.js";

// The table names only roles the accounts know.
THERAPY_ROLES satisfies Record<TherapyAction, readonly Role[]>;

export function allowTherapy(act: Pick<Act, "user">, action: TherapyAction, what: string): void {
  requireRole(act.user, THERAPY_ROLES[action], what);
}
