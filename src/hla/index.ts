/** HLA nomenclature: IMGT/HLA release data, names, GL strings, MACs, serology and reduction. Pure. */
export { HlaEngine } from "./engine.js";
export { checkTyping } from "./check-typing.js";
export { type GlTree, type GlLeaf, type GlNode, parseGl, formatGl, joinGl, leaves } from "./glstring.js";
export { LEVELS, type Level, type ReduceOptions, isLevel } from "./reducers.js";
export { Release } from "./release.js";
export { compareNames, sortNames } from "./sort.js";
export type { RawRelease } from "./reference/raw.js";
export { parseRelease } from "./reference/raw.js";
export { parseMacFile, type MacDictionary } from "./reference/mac.js";
export { currentNames, type Renamed } from "./history.js";
