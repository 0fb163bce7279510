/**
 * Imputation benchmark (issue 17, part 3). Prints figures, never pass/fail.
 * - the frequency set: its size and how long parsing and interning it takes;
 * - imputing five-locus typings drawn from the set's own haplotypes (two haplotypes by frequency):
 *   high resolution (two-field at all five loci) and low resolution (A and B each written as serology or
 *   an XX code, half and half; C, DRB1, DQB1 two-field), 1,000 typings each, default truncation (99.9 %);
 *   a first pass (each position's reduction computed once and cached), then 5 warm passes: median and p95
 *   over the warm passes' per-typing times;
 *   for comparison, the same low resolution with C and DQB1 untyped;
 * - match probability of 200 low-resolution donors against one high-resolution patient.
 * Run: `npm run bench:impute` (CRADLE_HLA_DIR, CRADLE_MAC_FILE, CRADLE_FREQUENCIES, else ../shared's CAU).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { HlaEngine } from "../src/hla/index.js";
import {
  type HaplotypeFrequencySet,
  Imputer,
  matchProbability,
  parseFrequencySet,
} from "../src/matching/probability/index.js";
import { Degrader, haplotypeSampler, seededRandom } from "../src/matching/synthetic-registry.js";
import { benchEngine, benchHaplotypes, freqFile } from "./reference.js";

const TYPINGS = 1000;
const WARM_PASSES = 5;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

/**
 * Five-locus typings, loci in GL order; `low` writes A and B as serology or XX; `untyped` leaves C and
 * DQB1 out (as many registry listings are).
 */
function typings(engine: HlaEngine, low: boolean, seed: number, untyped = false): string[] {
  const rand = seededRandom(seed);
  const draw = haplotypeSampler(benchHaplotypes(), rand);
  const degrade = new Degrader(engine, { mac: 0, xx: 0.5, serology: 0.5, cUntyped: 0, dqb1Untyped: 0 });
  const at = (locus: string, allele: string) =>
    low && (locus === "A" || locus === "B") ? degrade.pick(allele, rand) : allele;
  return Array.from({ length: TYPINGS }, () => {
    const h1 = draw().alleles;
    const h2 = draw().alleles;
    const loci = untyped ? ["A", "B", "DRB1"] : ["A", "B", "C", "DQB1", "DRB1"];
    return loci.map((l) => `${at(l, h1[l] ?? "")}+${at(l, h2[l] ?? "")}`).join("^");
  });
}

function measure(imputer: Imputer, gls: string[]) {
  const first: number[] = [];
  const warm: number[] = [];
  const kept: number[] = [];
  let unrepresented = 0;
  for (const gl of gls) {
    const t0 = performance.now();
    const r = imputer.impute(gl);
    first.push(performance.now() - t0);
    kept.push(r.genotypes.length);
    if (r.unrepresented) unrepresented++;
  }
  for (let pass = 0; pass < WARM_PASSES; pass++) {
    for (const gl of gls) {
      const t0 = performance.now();
      imputer.impute(gl);
      warm.push(performance.now() - t0);
    }
  }
  return { first, warm, kept, unrepresented };
}

function row(label: string, m: ReturnType<typeof measure>): string {
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  return `| ${label} | ${ms(quantile(m.warm, 0.5))} | ${ms(quantile(m.warm, 0.95))} | ${ms(quantile(m.first, 0.5))} | ${quantile(m.kept, 0.5)} | ${((100 * m.unrepresented) / TYPINGS).toFixed(1)} % |`;
}

function main(): void {
  const engine = benchEngine();
  const text = gunzipSync(readFileSync(freqFile)).toString("utf8");
  const t0 = performance.now();
  const set: HaplotypeFrequencySet = parseFrequencySet(text, engine, { source: freqFile });
  const parseMs = performance.now() - t0;
  const imputer = new Imputer(engine, set);
  console.log(
    `frequency set ${freqFile}: ${set.size} haplotypes over ${set.loci.join("~")} at ${set.resolution}`,
  );
  console.log(
    `alleles per locus: ${set.loci.map((l, i) => `${l} ${set.alleleNames[i]?.length}`).join(", ")}`,
  );
  console.log(`parse and intern: ${parseMs.toFixed(0)} ms (with the release's first reductions)\n`);
  const high = measure(imputer, typings(engine, false, 1701));
  const lowGls = typings(engine, true, 1702);
  const low = measure(imputer, lowGls);
  console.log(`${TYPINGS} typings each, ${WARM_PASSES} warm passes; truncation to 99.9 %`);
  console.log("| typings | median | p95 | first pass median | genotypes kept (median) | unrepresented |");
  console.log("|---|---|---|---|---|---|");
  console.log(row("high resolution: two-field at A, B, C, DRB1, DQB1", high));
  console.log(row("low resolution: A and B serology or XX", low));
  const sparse = measure(imputer, typings(engine, true, 1704, true));
  console.log(row("low resolution, C and DQB1 untyped (for comparison)", sparse));

  const patient = imputer.impute(typings(engine, false, 1703)[0] ?? "");
  const donors = lowGls.slice(0, 200).map((gl) => imputer.impute(gl));
  const times: number[] = [];
  for (const d of donors) {
    const t = performance.now();
    matchProbability(engine, set.loci, patient, d);
    times.push(performance.now() - t);
  }
  console.log(
    `\nmatch probability, high-resolution patient × 200 low-resolution donors (imputed beforehand): median ${quantile(times, 0.5).toFixed(3)} ms, p95 ${quantile(times, 0.95).toFixed(3)} ms`,
  );
}

main();
