/**
 * What a user may compare in the outcomes report: the groupings that make sense within one comparable
 * population (one protocol or one indication at a time), and the smallest group a test may include. Pure
 * constants, so the schemas and the web app's choices read them.
 */

/** Groupings of treated plans; "arm" is the randomised arm, compared within one protocol only. */
export const GROUPINGS = [
  "protocol",
  "protocol-version",
  "indication",
  "donor-type",
  "hla-match",
  "arm",
] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A group with fewer subjects is listed with its size and left out of the test, not silently tested. */
export const MIN_GROUP_SUBJECTS = 3;

export const DONOR_TYPES = ["autologous", "allogeneic"] as const;
