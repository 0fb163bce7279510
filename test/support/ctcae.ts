/** CTCAE v5.0 read once per test file from ../shared, as a server reads it from CRADLE_CTCAE_FILE. */
import { loadCtcae } from "../../src/outcomes/ctcae-file.js";
import type { CtcaeDictionary } from "../../src/outcomes/index.js";
import { CTCAE_FILE } from "./shared.js";

let loaded: Promise<CtcaeDictionary> | undefined;
export function testCtcae(): Promise<CtcaeDictionary> {
  loaded ??= loadCtcae(CTCAE_FILE);
  return loaded;
}
