/** Survival statistics: Kaplan–Meier, log-rank, cumulative incidence with competing risks, Gray's test. */
export * from "./cumulative-incidence.js";
export * from "./distributions.js";
export * from "./kaplan-meier.js";
export * from "./logrank.js";
