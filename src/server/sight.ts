/**
 * What a user may see of patient and donor values in records that are not the patient's or product's own
 * (the audit trail): from the access table, the same entries that open the patients and bank areas.
 */
import type { Role } from "../accounts/roles.js";
import type { Sight } from "../audit/reads.js";
import { ACCESS } from "./access.js";

export function sightOf(roles: readonly Role[]): Sight {
  const any = (allowed: readonly Role[]) => roles.some((r) => allowed.includes(r));
  return { patients: any(ACCESS.readPatients), donors: any(ACCESS.readBank) };
}
