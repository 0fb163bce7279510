/**
 * Outcomes: follow-up, engraftment, GVHD, adverse events, reports and the research export; a patient's
 * consent recorded through the consent service (src/consent), below.
 */
export * from "./act.js";
export * from "./actions.js";
export * from "./analysis-dataset.js";
export * from "./analysis-dictionary.js";
export * from "./analysis-schemas.js";
export * from "./adverse-events.js";
export * from "./consent.js";
export * from "./csv-numbers.js";
export * from "./comparison-schemas.js";
export * from "./comparison.js";
export * from "./comparisons.js";
export * from "./ctcae.js";
export * from "./ctcae-dictionary.js";
export * from "./ctcae-schemas.js";
export * from "./ctcae-terms.js";
export * from "./death-schemas.js";
export * from "./deaths.js";
export * from "./engraftment.js";
export * from "./export-key.js";
export * from "./follow-up.js";
export * from "./form-fields.js";
export * from "./formats.js";
export * from "./forms.js";
export * from "./gvhd.js";
export * from "./hla-match.js";
export * from "./record.js";
export * from "./report-clock.js";
export * from "./report-schemas.js";
export * from "./reports.js";
export * from "./research-export.js";
export * from "./schemas.js";
export * from "./tables.js";
export * from "./visits.js";
