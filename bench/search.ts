/**
 * Search benchmark at registry scale. Prints figures; never pass/fail.
 * - "db" scale: N adults and M cords generated from haplotype frequencies, stored in SQLite, then loaded
 *   from the database into the index (the load is timed);
 * - "index" scale: N adults and M cords generated straight into the index (WMDA's size: 40 M + 1 M).
 * Each scale runs in its own process; 100 patients drawn from the same frequencies are searched: adults at
 * 0, 1 and 2 allele mismatches of 8, cords at up to 3 (10 kg, malignant floors). Latency p50/p95, peak RSS.
 * Run: `npm run bench:search` (full: 10 M + 1 M from the database, 40 M + 1 M in the index; takes a
 * while), or `npm run bench:search -- small` (1 M + 100 k and 4 M + 100 k).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { HlaEngine } from "../src/hla/engine.js";
import { type RankingWeights, zeroWeights } from "../src/matching/ranking-weights.js";
import { ScanPool } from "../src/matching/scan-pool.js";
import { SearchIndex } from "../src/matching/search-index.js";
import { type SearchCriteria, search } from "../src/matching/search.js";
import { type Haplotype, generateIntoIndex, generateRegistry } from "../src/matching/synthetic-registry.js";
import { loadIndex } from "../src/search/search-service.js";
import { openStore } from "../src/store/connect.js";
import { benchEngine, benchHaplotypes, benchPatients } from "./reference.js";
import { storeRegistry } from "./store-registry.js";

/** Weights a site might set: a protein match over a G or P group, a definite typing over a potential one. */
const SITE_WEIGHTS: RankingWeights = (() => {
  const w = zeroWeights();
  Object.assign(w.grade, { Protein: 6, GGroup: 5, PGroup: 4, Split: 2, Broad: 1, Mismatch: -7, Unknown: -2 });
  Object.assign(w.confidence, { definite: 4, exact: 3, potential: 1, mismatch: -1 });
  return w;
})();

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const rssGb = () => process.resourceUsage().maxRSS / 1024 / 1024;

function engineAndHaplotypes(): { engine: HlaEngine; haplotypes: Haplotype[] } {
  return { engine: benchEngine(), haplotypes: benchHaplotypes() };
}

async function searches(index: SearchIndex, typings: string[]): Promise<Record<string, unknown>> {
  const pool = new ScanPool();
  const out: Record<string, unknown> = {};
  const scenarios: [string, Omit<SearchCriteria, "patientTyping">][] = [
    ["adults, 0 of 8", { kind: "adult", maxMismatches: 0 }],
    ["adults, ≤1 of 8", { kind: "adult", maxMismatches: 1 }],
    ["adults, ≤2 of 8", { kind: "adult", maxMismatches: 2 }],
    ["cords, ≤3 of 8", { kind: "cord", maxMismatches: 3, weightGrams: 10_000, diagnosis: "malignant" }],
    // A site that weighs grades and confidences: the scan also reads each position's scores.
    ["adults, ≤2 of 8, site weights", { kind: "adult", maxMismatches: 2, weights: SITE_WEIGHTS }],
  ];
  // One search first, for a patient not measured: it fills the per-position caches the engine keeps (the
  // index is "warm" after load) without leaving a measured search's scan in the index's cache.
  const [warm, ...measured] = typings as [string, ...string[]];
  await search(index, { patientTyping: warm, kind: "adult", maxMismatches: 2 }, pool);
  for (const [name, c] of scenarios) {
    const times: number[] = [];
    let found = 0;
    for (const t of measured) {
      const t0 = performance.now();
      const r = await search(index, { ...c, patientTyping: t, limit: 20 }, pool);
      times.push(performance.now() - t0);
      if (r.timings.reused) throw new Error("a measured search reused another's scan");
      found += r.total;
    }
    out[name] = {
      p50Ms: pct(times, 0.5),
      p95Ms: pct(times, 0.95),
      meanFound: Math.round(found / measured.length),
    };
  }
  await pool.close();
  return out;
}

async function dbScale(adults: number, cords: number): Promise<void> {
  const { engine, haplotypes } = engineAndHaplotypes();
  const dir = mkdtempSync(join(tmpdir(), "cradle-bench-db-"));
  const url = `sqlite://${join(dir, "registry.db")}`;
  let t = performance.now();
  const store = await openStore(url);
  await storeRegistry(store, generateRegistry({ haplotypes, engine, adults, cords, seed: 1 }));
  await store.close();
  const storeS = (performance.now() - t) / 1000;

  const fresh = new HlaEngine(engine.release, engine.macs);
  const store2 = await openStore(url);
  t = performance.now();
  const index = await loadIndex(store2, fresh);
  const loadS = (performance.now() - t) / 1000;
  await store2.close();
  const results = await searches(index, benchPatients(fresh, haplotypes, 101));
  console.log(
    JSON.stringify({
      scale: `${adults} adults + ${cords} cords, from SQLite`,
      generateAndStoreS: storeS,
      indexLoadS: loadS,
      distinctPositions: index.distinctPositions(),
      searches: results,
      peakRssGb: rssGb(),
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}

async function indexScale(adults: number, cords: number): Promise<void> {
  const { engine, haplotypes } = engineAndHaplotypes();
  const t = performance.now();
  const index = new SearchIndex(engine, adults + cords);
  generateIntoIndex(index, { haplotypes, adults, cords, seed: 1 });
  index.prepare();
  const buildS = (performance.now() - t) / 1000;
  const results = await searches(index, benchPatients(engine, haplotypes, 101));
  console.log(
    JSON.stringify({
      scale: `${adults} adults + ${cords} cords, generated into the index`,
      indexBuildS: buildS,
      distinctPositions: index.distinctPositions(),
      searches: results,
      peakRssGb: rssGb(),
    }),
  );
}

const [mode, a, c] = process.argv.slice(2);
if (mode === "db") await dbScale(Number(a), Number(c));
else if (mode === "index") await indexScale(Number(a), Number(c));
else {
  const small = mode === "small";
  const runs: [string, number, number][] = small
    ? [
        ["db", 1_000_000, 100_000],
        ["index", 4_000_000, 100_000],
      ]
    : [
        ["db", 10_000_000, 1_000_000],
        ["index", 40_000_000, 1_000_000],
      ];
  console.log(`search benchmark: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`);
  for (const [m, n, k] of runs) {
    const out = execFileSync(
      process.execPath,
      ["--max-old-space-size=12000", import.meta.filename, m, String(n), String(k)],
      {
        encoding: "utf8",
        maxBuffer: 1 << 24,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const r = JSON.parse(out.trim().split("\n").pop() as string);
    console.log(`\n${r.scale}`);
    if (r.generateAndStoreS !== undefined)
      console.log(`  generate and store: ${r.generateAndStoreS.toFixed(0)} s (not a budget)`);
    if (r.indexLoadS !== undefined)
      console.log(`  index loaded from the database: ${r.indexLoadS.toFixed(1)} s`);
    if (r.indexBuildS !== undefined) console.log(`  index generated: ${r.indexBuildS.toFixed(1)} s`);
    console.log(`  distinct position typings per locus (A B C DQB1 DRB1): ${r.distinctPositions.join(" ")}`);
    for (const [name, s] of Object.entries(
      r.searches as Record<string, { p50Ms: number; p95Ms: number; meanFound: number }>,
    )) {
      console.log(
        `  ${name.padEnd(16)} p50 ${s.p50Ms.toFixed(0).padStart(5)} ms  p95 ${s.p95Ms.toFixed(0).padStart(5)} ms  (found ${s.meanFound} on average)`,
      );
    }
    console.log(`  peak memory (RSS): ${r.peakRssGb.toFixed(2)} GB`);
  }
}
