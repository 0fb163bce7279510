/**
 * What a user may compare in the outcomes report: the groupings that make sense within one comparable
 * population (one protocol or one indication at a time), and the smallest group a test may include. Pure
 * constants, so the schemas and the web app's choices read them.
 */

/** Groupings of treated plans. No randomised arm is recorded in Cradle yet, so "arm" is not offered. */
export const GROUPINGS = ["protocol", "protocol-version", "indication", "donor-type", "hla-match"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A group with fewer subjects is listed with its size and left out of the test, not silently tested. */
export const MIN_GROUP_SUBJECTS = 3;

export const DONOR_TYPES = ["autologous", "allogeneic"] as const;
