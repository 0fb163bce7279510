/**
 * The areas of the app a user may read, by name. Pure (no imports): the session's schema and the web app's
 * route table name them; which roles read each is the server's (src/server/areas.ts).
 */
export const AREAS = ["bank", "patients", "search", "outcomes", "audit"] as const;
export type Area = (typeof AREAS)[number];
