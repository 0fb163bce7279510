/**
 * Who may do what in the bank. Roles are checked here, in the service, so the CLI and the HTTP API enforce
 * the same rules.
 */
import type { Act } from "../accounts/act.js";
import { type Role, requireRole } from "../accounts/users.js";
import { BANK_ROLES, type BankAction } from "./constants.js";

export type { Act } from "../accounts/act.js";
export type { Tx } from "../store/write.js";

export { BANK_ROLES } from "./constants.js";
export type { BankAction } from "./constants.js";

// Typed as accounts' roles: a misspelt role in the bank's lists fails to compile here.
const ROLE_LISTS: Readonly<Record<BankAction, readonly Role[]>> = BANK_ROLES;

export function allow(act: Act, action: BankAction): void {
  requireRole(act.user, ROLE_LISTS[action], `${action} products`);
}
