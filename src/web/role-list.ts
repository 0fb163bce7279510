/**
 * The roles the user management page offers. The server's ROLES is the authority; the list is an object
 * keyed by its type, so a role the server adds or drops fails to compile (no server code at run time).
 */
import type { Role } from "../accounts/roles";

const keys = <K extends string>(o: Record<K, true>) => Object.keys(o) as K[];

export const ROLE_CHOICES = keys<Role>({
  admin: true,
  "lab-technologist": true,
  physician: true,
  coordinator: true,
  nurse: true,
  "quality-manager": true,
  researcher: true,
  auditor: true,
});
