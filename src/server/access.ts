/**
 * Who may call what. Every API route declares its access in its config; a route without one makes the
 * server refuse to start, so nothing is open by accident. Bank writes take their roles from the bank
 * service itself (BANK_ROLES), so the API and the service cannot disagree.
 */
import { USER_ADMINS } from "../accounts/roles.js";
import type { Role } from "../accounts/users.js";
import { AUDIT_READERS } from "../audit/schemas.js";
import { BANK_ROLES } from "../bank/index.js";
import { OUTCOME_ROLES } from "../outcomes/index.js";
import { SEARCH_ROLES } from "../search/index.js";
import { THERAPY_ROLES } from "../therapy/index.js";

/** "public": no session; "signed-in": any user; or the roles allowed. */
export type Access = "public" | "signed-in" | readonly Role[];

export const ACCESS = {
  readBank: ["lab-technologist", "physician", "coordinator", "quality-manager", "auditor"],
  /**
   * One product's record, read-only: every clinical role, so a nurse who scans a bag's DIN sees what it is,
   * its status and holds (the inventory and the bank's lists stay with readBank).
   */
  viewProduct: ["lab-technologist", "physician", "coordinator", "quality-manager", "auditor", "nurse"],
  search: ["physician", "coordinator"],
  /** Frequency sets, population choices, imputations, ranking weights (search's own table). */
  manageFrequencies: SEARCH_ROLES.frequencies,
  readFrequencies: SEARCH_ROLES.readFrequencies,
  readAudit: AUDIT_READERS,
  manageUsers: USER_ADMINS,
  ...BANK_ROLES,
  ...THERAPY_ROLES,
  ...OUTCOME_ROLES,
} as const satisfies Record<string, Access>;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
}
