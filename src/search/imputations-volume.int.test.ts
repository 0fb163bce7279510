/**
 * Imputing a registry larger than one read of the database, on every dialect: 50,100 adult donors (more
 * than SQLite's stream chunk of 50,000, where writing a batch while the read was still open stopped the run
 * with "connection is busy") are all imputed and kept. The set is TINY of frequencies.int.test.ts: the
 * typing h1+h2 or h3+h4 is 6/7 and 1/7.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { act, people } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { adultRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { choosePopulation, importFrequencySet } from "./frequencies.js";
import { imputeListings, storedImputations } from "./imputations.js";

const H = ["A*01:01~B*08:01~DRB1*03:01", "A*02:01~B*07:02~DRB1*15:01", "A*01:01~B*07:02~DRB1*15:01"];
const SET = [
  "haplotype,count,freq",
  ...[...H, "A*02:01~B*08:01~DRB1*03:01"].map((h, i) => `${h},1,${[0.04, 0.03, 0.02, 0.01][i]}`),
].join("\n");
const HET = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
const N = 50_100;

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

describe.each(DIALECTS)("imputing a large registry on %s", (dialect) => {
  const use = useStore(dialect);

  it(`imputes and keeps all ${N.toLocaleString("en")} listings`, { timeout: 120_000 }, async () => {
    const s = use();
    const p = await people(s);
    const rows = Array.from({ length: N }, (_, i) => {
      const { kind: _k, ...row } = adultRecord(`D${String(i).padStart(6, "0")}`, { typing: HET });
      return row;
    });
    await s.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000)
        await tx
          .insertInto("adultDonor")
          .values(rows.slice(i, i + 1000) as never)
          .execute();
    });
    await importFrequencySet(s, hla, act(p.qm), { population: "TINY", version: "1", source: "test" }, SET);
    await choosePopulation(s, act(p.qm), { scope: "default", population: "TINY" });
    const report = await imputeListings(s, hla, { act: act(p.qm) });
    expect(report).toMatchObject({ imputed: N, unrepresented: 0, noSet: 0 });
    const kept = await s.db
      .selectFrom("listingImputation")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(N);
    // The last one read, past the first 50,000: imputed as the hand computation says.
    const last = (await storedImputations(s, "adult", ["D050099"])).get("D050099");
    expect(last?.genotypes.map((g) => g.probability)).toEqual(
      [6 / 7, 1 / 7].map((x) => expect.closeTo(x, 12)),
    );
    // Nothing is stale now: a second run imputes none.
    expect((await imputeListings(s, hla, { act: act(p.qm) })).imputed).toBe(0);
  });
});
