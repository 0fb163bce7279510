/** The bank's quality system (issue 18 parts 3 to 6), exported through the bank's index. */
export * from "./alarms.js";
export * from "./capa.js";
export * from "./clocks.js";
export * from "./constants.js";
export * from "./dashboard.js";
export * from "./deviation-record.js";
export * from "./deviations.js";
export * from "./monitoring.js";
export * from "./vigilance.js";
