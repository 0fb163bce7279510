/**
 * The consent service's fixed lists. Pure constants: the schemas (and through them the web app's types)
 * are built from them, so this file imports nothing.
 */

/** What a parent's or guardian's consent covers. */
export const CONSENT_SCOPES = ["cord-blood-banking", "treatment", "research", "data-sharing"] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** Who may consent for an infant. */
export const RELATIONSHIPS = ["mother", "father", "legal-guardian"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Where a donor's banking consent stands (see bankingConsent). */
export const BANKING_CONSENT_STATES = ["in-force", "withdrawn", "none"] as const;
