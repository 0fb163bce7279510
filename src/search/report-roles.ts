/** Who may keep and read search reports: those who may search (the server's ACCESS.search says the same). */
import type { Role } from "../accounts/users.js";

export const SEARCH_ROLES = {
  search: ["physician", "coordinator"],
} as const satisfies Record<string, readonly Role[]>;
