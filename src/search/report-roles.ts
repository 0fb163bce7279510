/** Who may keep and read search reports: those who may search (the server's ACCESS.search says the same). */
import type { Role } from "../accounts/roles.js";

export const SEARCH_ROLES = {
  search: ["physician", "coordinator"],
  /** Import frequency sets, choose populations, redo stale imputations, set the ranking weights. */
  frequencies: ["coordinator", "quality-manager"],
  readFrequencies: ["physician", "coordinator", "quality-manager"],
} as const satisfies Record<string, readonly Role[]>;
