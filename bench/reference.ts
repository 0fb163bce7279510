/** The reference data benchmarks read: from the environment, else ../shared beside the checkout. */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { HlaEngine } from "../src/hla/engine.js";
import { loadReleaseDir } from "../src/hla/reference/load.js";
import { parseMacFile } from "../src/hla/reference/mac.js";
import { Release } from "../src/hla/release.js";
import {
  type Haplotype,
  generateRegistry,
  parseHaplotypeFrequencies,
} from "../src/matching/synthetic-registry.js";

const shared = resolve(import.meta.dirname, "..", "..", "..", "shared");
export const hlaDir = process.env.CRADLE_HLA_DIR ?? join(shared, "data", "imgt-hla", "3.58.0");
export const macFile = process.env.CRADLE_MAC_FILE ?? join(shared, "data", "mac", "alpha.v3.subset.txt");
export const freqFile =
  process.env.CRADLE_FREQUENCIES ?? join(shared, "data", "haplotype-frequencies", "CAU.freqs.gz");

export function benchEngine(): HlaEngine {
  return new HlaEngine(
    new Release(loadReleaseDir(hlaDir).raw),
    parseMacFile(readFileSync(macFile, "utf8"), macFile),
  );
}

export function benchHaplotypes(): Haplotype[] {
  return parseHaplotypeFrequencies(gunzipSync(readFileSync(freqFile)).toString("utf8"), freqFile);
}

/**
 * Distinct patients from the same population, typed at two-field resolution at all five loci. Common
 * haplotypes make some draws the same typing; those are drawn again, so no measured search repeats another.
 */
export function benchPatients(engine: HlaEngine, haplotypes: Haplotype[], n: number, seed = 777): string[] {
  const zero = { mac: 0, xx: 0, serology: 0, cUntyped: 0, dqb1Untyped: 0 };
  const out = new Set<string>();
  for (let draw = n; out.size < n; draw *= 2) {
    for (const l of generateRegistry({ haplotypes, engine, adults: draw, cords: 0, seed, mix: zero })) {
      out.add(l.typing);
      if (out.size === n) break;
    }
  }
  return [...out];
}
