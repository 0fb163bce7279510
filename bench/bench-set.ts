/**
 * A benchmark's frequency set in its database: a coordinator to act as, the set (CAU from ../shared, or
 * a generated one of `generated` haplotypes, synthetic-frequencies.ts) imported as population BENCH and
 * made the registry default. Shared by bench:import-impute and bench:search-probability.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Act } from "../src/accounts/act.js";
import { createUser } from "../src/accounts/users.js";
import type { HlaEngine } from "../src/hla/index.js";
import type { Haplotype } from "../src/matching/synthetic-registry.js";
import { choosePopulation, importFrequencySet } from "../src/search/index.js";
import type { Store } from "../src/store/connect.js";
import { freqFile } from "./reference.js";
import { syntheticFrequencyCsv } from "./synthetic-frequencies.js";

export async function benchSet(
  store: Store,
  engine: HlaEngine,
  haplotypes: Haplotype[],
  generated: number | undefined,
): Promise<{ act: Act; haplotypes: number }> {
  const at = new Date();
  const user = await createUser(
    store,
    {
      username: "bench",
      printedName: "Bench Coordinator",
      roles: ["coordinator"],
      password: "quiet harbour lantern 7",
    },
    "system",
    at,
  );
  const act = { user, at };
  const text = generated
    ? syntheticFrequencyCsv(haplotypes, generated)
    : gunzipSync(readFileSync(freqFile)).toString("utf8");
  const set = await importFrequencySet(
    store,
    engine,
    act,
    { population: "BENCH", version: "1", source: generated ? "generated" : freqFile },
    text,
  );
  await choosePopulation(store, act, { scope: "default", population: "BENCH" });
  return { act, haplotypes: set.haplotypes };
}
