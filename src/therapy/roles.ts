/**
 * Who may do what in therapy, as data: the services check it (act.ts), the API's access table spreads it,
 * and the actions a user may take on a record are derived from it. Pure (no imports) so the schemas and
 * the web app's types can name the actions; act.ts holds it to the accounts' Role type.
 */
export const THERAPY_ROLES = {
  readPatients: ["physician", "nurse", "coordinator", "quality-manager", "auditor"],
  registerPatient: ["physician", "nurse", "coordinator"],
  recordWeight: ["physician", "nurse"],
  activateProtocol: ["physician", "quality-manager"],
  enrol: ["physician"],
  orderDose: ["physician"],
  /** Who may administer or verify at the bedside, and record the infusion. */
  bedside: ["physician", "nurse"],
  recordMissed: ["physician"],
} as const;

export type TherapyAction = keyof typeof THERAPY_ROLES;

/** Every therapy action, in the table's order: the values a record's `actions` list may hold. */
export const THERAPY_ACTIONS = Object.keys(THERAPY_ROLES) as TherapyAction[];

/** The actions these roles allow, whatever the record's state. */
export function actionsOfRoles(roles: readonly string[]): TherapyAction[] {
  return THERAPY_ACTIONS.filter((a) =>
    (THERAPY_ROLES[a] as readonly string[]).some((r) => roles.includes(r)),
  );
}
