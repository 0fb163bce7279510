/**
 * The one check of every HLA typing Cradle takes or stores (a patient's HLA, a QC HLA result, a listing, a
 * search's patient): strict names, every token known to the release (or the MAC dictionary), by the same
 * parse and lookup that reduce uses. `cradle hla validate` answers with it too, so a typing it calls valid
 * is one that every level of reduce accepts.
 */
import type { HlaEngine } from "./engine.js";
import type { GlTree } from "./glstring.js";
import type { ReduceOptions } from "./reducers.js";

/** Strict whatever the engine's defaults: a stored typing never relies on non-strict guesses. */
const STORED: ReduceOptions = Object.freeze({ strict: true, ignoreSuffixes: [] });

/** Checks a typing; throws the CradleError of the first bad token (code, token, position). */
export function checkTyping(engine: HlaEngine, glString: string): GlTree {
  return engine.validate(glString, STORED);
}
