/**
 * The roles of Cradle, in one list: the server's access table, the services' role checks, the CLI's help
 * and the web app's types all come from it. Pure: the web app's types import it.
 */
export const ROLES = [
  "admin",
  "lab-technologist",
  "physician",
  "coordinator",
  "nurse",
  "quality-manager",
  "researcher",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

/** Who may add and list users. */
export const USER_ADMINS = ["admin"] as const satisfies readonly Role[];

/**
 * The areas of the app a user may read, by name: the session lists a user's (the server maps each to its
 * access entries, src/server/areas.ts) and the web app's route table names them.
 */
export const AREAS = [
  "bank",
  "storage",
  "quality",
  "materials",
  "recalls",
  "patients",
  "search",
  "outcomes",
  "audit",
  "users",
] as const;
export type Area = (typeof AREAS)[number];
