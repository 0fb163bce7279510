/**
 * Consent: parents' and guardians' consents per scope, witnessed and withdrawn at once. A service below
 * therapy and outcomes: it imports no other service.
 */
export * from "./act.js";
export * from "./consents.js";
export * from "./schemas.js";
export * from "./scopes.js";
