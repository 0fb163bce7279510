/** The actions of outcomes a user may be allowed (OUTCOME_ROLES says by whom). Pure: the schemas use it. */
export const OUTCOME_ACTIONS = [
  "readOutcomes",
  "readStatistics",
  "recordConsent",
  "withdrawConsent",
  "recordFollowUp",
  "recordAdverseEvent",
  "reportAdverseEvent",
  "correctDeath",
  "researchExport",
] as const;
export type OutcomeAction = (typeof OUTCOME_ACTIONS)[number];
