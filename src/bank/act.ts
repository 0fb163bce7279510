/**
 * Who may do what in the bank. Roles are checked here, in the service, so the CLI and the HTTP API enforce
 * the same rules.
 */
import type { Act } from "../accounts/act.js";
import { type Role, requireRole } from "../accounts/users.js";

export type { Act } from "../accounts/act.js";
export type { Tx } from "../store/write.js";

/** Who may do what in the bank. */
export const BANK_ROLES = {
  register: ["lab-technologist"],
  process: ["lab-technologist"],
  qc: ["lab-technologist"],
  store: ["lab-technologist"],
  release: ["quality-manager", "physician"],
  reserve: ["coordinator", "physician"],
  ship: ["lab-technologist", "coordinator"],
  receive: ["lab-technologist", "coordinator"],
  discard: ["lab-technologist", "quality-manager"],
  importDescriptions: ["quality-manager", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type BankAction = keyof typeof BANK_ROLES;

export function allow(act: Act, action: BankAction): void {
  requireRole(act.user, BANK_ROLES[action], `${action} products`);
}
