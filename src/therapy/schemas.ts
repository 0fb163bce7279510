/**
 * Therapy's contract: the TypeBox schemas of every input and output, built from the domain's constants.
 * The services check their input with them, the routes declare them, the CLI reads its options through
 * them, and the web app imports their types (type-only). Imports only typebox, the contract and pure
 * constant modules.
 */
export * from "./schemas/bedside.js";
export * from "./schemas/calculators.js";
export * from "./schemas/common.js";
export * from "./schemas/infusion.js";
export * from "./schemas/order.js";
export * from "./schemas/patient.js";
export * from "./schemas/plan.js";
export * from "./schemas/protocol.js";
export * from "./schemas/protocol-id.js";
export * from "./schemas/record.js";
// The vocabulary's value types (Sex, Indication, …), for the web app's type-only imports.
export type * from "./vocabulary.js";
