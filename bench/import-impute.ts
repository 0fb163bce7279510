/**
 * Imputation at import (issue 17, part 3: "a registry of 1 M listings imputed at import in under 5
 * minutes"). Prints figures, never pass/fail. N adult donors and N/10 cord units generated from the
 * frequency set (a registry's typing mix: two-field, MACs, XX codes, serology, C and DQB1 sometimes
 * untyped) are stored in SQLite; the set is imported into the database and made the registry default,
 * then `imputeListings` (what `cradle registry import` and `cradle frequencies impute` run) imputes every
 * listing and keeps its genotypes. Timed: the whole run and its rate, with a progress line per 10,000;
 * the share of unrepresented listings and the database's size after.
 * With a second argument, the set is a generated one of that many haplotypes (synthetic-frequencies.ts),
 * for a set of a realistic size; the listings are still drawn from the real set's haplotypes.
 * Run: `npm run bench:import-impute -- 100000 [1000000]` (default 100,000 adults + 10,000 cords, the
 * real set).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { generateRegistry } from "../src/matching/synthetic-registry.js";
import { imputeListings } from "../src/search/index.js";
import { openStore } from "../src/store/connect.js";
import { benchSet } from "./bench-set.js";
import { benchEngine, benchHaplotypes } from "./reference.js";
import { storeRegistry } from "./store-registry.js";

const adults = Number(process.argv[2] ?? 100_000);
const cords = Math.round(adults / 10);
const generatedHaplotypes = process.argv[3] ? Number(process.argv[3]) : undefined;
const rssGb = () => process.resourceUsage().maxRSS / 1024 / 1024;

async function main(): Promise<void> {
  console.log(`imputation at import: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`);
  const engine = benchEngine();
  const haplotypes = benchHaplotypes();
  const dir = mkdtempSync(join(tmpdir(), "cradle-bench-impute-"));
  const file = join(dir, "registry.db");
  const store = await openStore(`sqlite://${file}`);
  let t = performance.now();
  await storeRegistry(store, generateRegistry({ haplotypes, engine, adults, cords, seed: 5 }));
  console.log(
    `${adults} adults + ${cords} cords generated and stored: ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  t = performance.now();
  const { act, haplotypes: size } = await benchSet(store, engine, haplotypes, generatedHaplotypes);
  console.log(
    `frequency set imported: ${size} haplotypes in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  t = performance.now();
  const report = await imputeListings(store, engine, {
    act,
    onProgress: (n) => {
      const s = (performance.now() - t) / 1000;
      console.log(`  ${n} imputed, ${s.toFixed(0)} s (${Math.round(n / s)} per second)`);
    },
  });
  const s = (performance.now() - t) / 1000;
  const n = report.imputed;
  await store.close();
  const mb = statSync(file).size / 1e6;
  console.log(
    JSON.stringify({
      listings: adults + cords,
      haplotypes: size,
      imputed: n,
      seconds: Number(s.toFixed(1)),
      perSecond: Math.round(n / s),
      msPerListing: Number(((1000 * s) / n).toFixed(3)),
      oneMillionMinutes: Number((1e6 / (n / s) / 60).toFixed(1)),
      unrepresentedShare: Number(report.unrepresentedShare.toFixed(4)),
      databaseMb: Math.round(mb),
      peakRssGb: Number(rssGb().toFixed(2)),
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}

await main();
