/**
 * The bank service: what faces (CLI, server) call. Labels (./labels.js) are imported on their own: they
 * load pdfkit and bwip-js, which a command that prints no label should not wait for.
 */
export * from "./act.js";
export * from "./actions.js";
export * from "./constants.js";
export * from "./schemas.js";
export * from "./administration.js";
export * from "./custody.js";
export * from "./din-allocation.js";
export * from "./hold-checks.js";
export * from "./holds.js";
export * from "./inventory-view.js";
export * from "./lifecycle.js";
export * from "./processing.js";
export * from "./product-descriptions.js";
export * from "./products.js";
export * from "./qc.js";
export * from "./release-criteria.js";
export * from "./release.js";
export * from "./reservations.js";
export * from "./reserved-for.js";
export * from "./reserved-schemas.js";
export * from "./shipments.js";
export * from "./status.js";
export * from "./storage.js";
export * from "./storage-history.js";
export * from "./temperature-log.js";
export * from "./trace.js";
export * from "./dashboard.js";
export * from "./record.js";
export * from "./record-sight.js";
export * from "./history.js";
export * from "./storage-keys.js";
export * from "./storage-model.js";
export * from "./storage-schemas.js";
export * from "./plausible-ranges.js";
export * from "./quality/index.js";
export * from "./quality/materials.js";
export * from "./quality/materials-schemas.js";
export * from "./quality/lookback.js";
export * from "./quality/recalls.js";
export * from "./quality/recall-schemas.js";
export * from "./quality/material-constants.js";
