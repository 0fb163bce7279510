/** Search: the registry's listings (adult donors and cord units) in the database, and the search over them. */
export * from "./constants.js";
export * from "./listings.js";
export * from "./search-service.js";
export * from "./sources.js";
export * from "./report-csv.js";
export * from "./report-roles.js";
export * from "./reports.js";
export * from "./frequencies.js";
export * from "./imputations.js";
export type { ReportPatients } from "./patients.js";
export { rankingWeights, setRankingWeights, siteRankingWeights } from "./ranking.js";
