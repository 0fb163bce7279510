export { canonicalJson, recordHash, sha256 } from "./canonical.js";
export * from "./signatures.js";
export * from "./trail.js";
