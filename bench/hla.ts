/**
 * HLA engine benchmark: release load time (cold: official files; warm: compiled cache, in a fresh process),
 * and reductions per second for single two-field alleles and five-locus donor GL strings with MACs at G and
 * lgx. Prints a table of figures; never pass/fail. Run: `npm run bench:hla` (needs CRADLE_HLA_DIR and
 * CRADLE_MAC_FILE, or ../shared beside the checkout).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HlaEngine } from "../src/hla/engine.js";
import { loadReleaseDir } from "../src/hla/reference/load.js";
import { parseMacFile } from "../src/hla/reference/mac.js";
import { Release } from "../src/hla/release.js";

const shared = resolve(import.meta.dirname, "..", "..", "..", "shared");
const hlaDir = process.env.CRADLE_HLA_DIR ?? join(shared, "data", "imgt-hla", "3.58.0");
const macFile = process.env.CRADLE_MAC_FILE ?? join(shared, "data", "mac", "alpha.v3.subset.txt");
process.env.CRADLE_CACHE_DIR = mkdtempSync(join(tmpdir(), "cradle-bench-"));

const rows: [string, string][] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

// Cold load: parse the official files and index them.
const t = performance.now();
const { raw } = loadReleaseDir(hlaDir);
const release = new Release(raw);
rows.push([
  "load release, cold (official files → compiled cache + index)",
  `${(performance.now() - t).toFixed(0)} ms`,
]);

// Warm load: a fresh process reads the compiled cache and indexes it, as a later start does.
const probe = `
  const { loadReleaseDir } = await import(${JSON.stringify(join(import.meta.dirname, "..", "src", "hla", "reference", "load.js"))});
  const { Release } = await import(${JSON.stringify(join(import.meta.dirname, "..", "src", "hla", "release.js"))});
  const t = performance.now(); new Release(loadReleaseDir(${JSON.stringify(hlaDir)}).raw);
  console.log(performance.now() - t);`;
const warm: number[] = [];
for (let i = 0; i < 7; i++) {
  warm.push(
    Number(execFileSync(process.execPath, ["--input-type=module", "-e", probe], { encoding: "utf8" })),
  );
}
rows.push([
  "load release, warm (compiled cache, fresh process; median of 7)",
  `${median(warm).toFixed(0)} ms`,
]);

const macs = parseMacFile(readFileSync(macFile, "utf8"), macFile);

/** Deterministic pseudo-random numbers (mulberry32), so every run reduces the same typings. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261125);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const LOCI = ["A", "B", "C", "DRB1", "DQB1"];
const twoField = new Map<string, string[]>();
for (const a of release.valid) {
  const locus = a.slice(0, a.indexOf("*"));
  if (LOCI.includes(locus) && /^[^:]+:\d+$/.test(a)) twoField.set(locus, [...(twoField.get(locus) ?? []), a]);
}
const genericCodes = [...macs.codes]
  .filter(([, s]) => s.length <= 8 && !s.some((x) => x.includes(":")))
  .map(([c]) => c);

const probeEngine = new HlaEngine(release, macs);
function typingFor(locus: string): string {
  const allele = pick(twoField.get(locus) ?? []);
  if (rand() < 0.3) {
    for (let k = 0; k < 20; k++) {
      const mac = `${allele.split(":")[0]}:${pick(genericCodes)}`;
      try {
        probeEngine.expandMac(mac);
        return mac;
      } catch {
        /* not a code of this family: try another */
      }
    }
  }
  return allele;
}
const donors = Array.from({ length: 10_000 }, () =>
  LOCI.map((l) => `${typingFor(l)}+${typingFor(l)}`).join("^"),
);
const singles = Array.from({ length: 20_000 }, () => pick(twoField.get(pick(LOCI)) ?? []));
const macShare =
  donors
    .join("^")
    .split(/[+^]/)
    .filter((x) => /:[A-Z]+$/.test(x)).length /
  (donors.length * 10);

function timePass(engine: HlaEngine, inputs: string[], level: "G" | "lgx"): number {
  const t0 = performance.now();
  for (const s of inputs) engine.reduce(s, level);
  return ((performance.now() - t0) * 1000) / inputs.length;
}

for (const level of ["G", "lgx"] as const) {
  const engine = new HlaEngine(release, macs);
  const cold = timePass(engine, singles, level);
  const warmUs = timePass(engine, singles, level);
  rows.push([
    `single two-field allele → ${level}, first pass (µs/allele)`,
    `${cold.toFixed(2)} µs (${Math.round(1e6 / cold).toLocaleString("en")}/s)`,
  ]);
  rows.push([
    `single two-field allele → ${level}, warm (µs/allele)`,
    `${warmUs.toFixed(2)} µs (${Math.round(1e6 / warmUs).toLocaleString("en")}/s)`,
  ]);
}
for (const level of ["G", "lgx"] as const) {
  const engine = new HlaEngine(release, macs);
  const cold = timePass(engine, donors, level);
  const warmUs = median([
    timePass(engine, donors, level),
    timePass(engine, donors, level),
    timePass(engine, donors, level),
  ]);
  rows.push([`five-locus donor GL string → ${level}, first pass (µs/string)`, `${cold.toFixed(2)} µs`]);
  rows.push([
    `five-locus donor GL string → ${level}, warm (µs/string)`,
    `${warmUs.toFixed(2)} µs (${Math.round(1e6 / warmUs).toLocaleString("en")}/s)`,
  ]);
}

console.log(
  `HLA engine benchmark: IMGT/HLA ${release.version}, ${macs.codes.size} MACs, ${donors.length} donors (${(macShare * 100).toFixed(0)}% of typings are MACs), ${singles.length} single alleles`,
);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
