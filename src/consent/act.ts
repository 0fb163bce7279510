/** Who may record and withdraw consents; checked in the service, so the API and CLI agree. */
import type { Act } from "../accounts/act.js";
import { type Role, requireRole } from "../accounts/users.js";

export const CONSENT_ROLES = {
  recordConsent: ["physician", "nurse", "coordinator"],
  withdrawConsent: ["physician", "coordinator"],
} as const satisfies Record<string, readonly Role[]>;

export function allowConsent(act: Act, action: keyof typeof CONSENT_ROLES, what: string): void {
  requireRole(act.user, CONSENT_ROLES[action], what);
}
