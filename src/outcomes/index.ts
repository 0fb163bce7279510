/** Outcomes: consent, follow-up, engraftment, GVHD, adverse events, reports and the research export. */
export * from "./act.js";
export * from "./adverse-events.js";
export * from "./consent.js";
export * from "./engraftment.js";
export * from "./follow-up.js";
export * from "./forms.js";
export * from "./gvhd.js";
export * from "./reports.js";
export * from "./research-export.js";
export * from "./tables.js";
export * from "./record.js";
