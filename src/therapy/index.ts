/** Therapy: infant patients, protocols, plans, dose orders, bedside checks and infusions. */
export * from "./act.js";
export * from "./actions.js";
export * from "./bedside.js";
export * from "./dose.js";
export * from "./eligibility.js";
export * from "./facts.js";
export * from "./infusions.js";
export * from "./orders.js";
export * from "./patients.js";
export * from "./plans.js";
export * from "./protocol-versions.js";
export * from "./protocols.js";
export * from "./record.js";
export * from "./schedule.js";
export * from "./schemas.js";
export * from "./vocabulary.js";
export * from "./reservations.js";
