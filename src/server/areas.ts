/**
 * Which areas a user may read, from the access table: an area is open to a role that may call any of its
 * entries. The session answer carries the list, so the web app shows only what the server would answer
 * and keeps no copy of the roles.
 */
import { AREAS, type Area } from "../accounts/roles.js";
import type { Role } from "../accounts/users.js";
import { ACCESS } from "./access.js";

type Entry = keyof typeof ACCESS;

/** The access entries that let a role into each area (outcomes: readers, statistics and the research export). */
export const AREA_ACCESS = {
  bank: ["readBank"],
  /** The storage page is the lab's: those who define devices, racks and boxes (everyone reading the bank may still open it). */
  storage: ["defineStorage"],
  /** The quality system: quality, the lab and auditors read it. */
  quality: ["readQuality"],
  /** Lots and equipment: the lab and quality, who receive and define them. */
  materials: ["manageMaterials"],
  /** Look-back and recalls: quality, and the coordinators who close their notices. */
  recalls: ["recall", "recallAction"],
  patients: ["readPatients"],
  search: ["search"],
  outcomes: ["readOutcomes", "readStatistics", "researchExport"],
  audit: ["readAudit"],
  users: ["manageUsers"],
} as const satisfies Record<Area, readonly Entry[]>;

/** The areas these roles may read, in AREAS order. */
export function areasOf(roles: readonly Role[]): Area[] {
  return AREAS.filter((area) =>
    AREA_ACCESS[area].some((entry) => (ACCESS[entry] as readonly Role[]).some((r) => roles.includes(r))),
  );
}
