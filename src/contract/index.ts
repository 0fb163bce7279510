/** The contract: schema building blocks, the one validator, strict times. Platform: imports only errors. */
export * from "./schema.js";
export * from "./time.js";
export * from "./validate.js";
export * from "./rules.js";
