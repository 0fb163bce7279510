/**
 * Frequency sets in the database and listing imputations, on every dialect. The set TINY over A~B~DRB1,
 * frequencies as written (sum 0.1, normalised ×10):
 *   h1 A*01:01~B*08:01~DRB1*03:01 0.4    h2 A*02:01~B*07:02~DRB1*15:01 0.3
 *   h3 A*01:01~B*07:02~DRB1*15:01 0.2    h4 A*02:01~B*08:01~DRB1*03:01 0.1
 * A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01 is h1+h2 (2·0.4·0.3 = 0.24) or h3+h4 (2·0.2·0.1 =
 * 0.04): 6/7 and 1/7. In version 2 (h1 0.1, h2 0.1, h3 0.4, h4 0.4): h1+h2 2·0.01 = 0.02, h3+h4 2·0.16 =
 * 0.32: 1/17 and 16/17.
 */
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { type People, act, people } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { adultRecord, cordRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { auditOf } from "../audit/trail.js";
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { choosePopulation, importFrequencySet, listFrequencySets, resolvePopulation } from "./frequencies.js";
import { countStaleImputations, imputeListings, storedImputations } from "./imputations.js";
import { importListings } from "./listings.js";
import { ndjsonRecords } from "./sources.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

const H1 = "A*01:01~B*08:01~DRB1*03:01";
const H2 = "A*02:01~B*07:02~DRB1*15:01";
const H3 = "A*01:01~B*07:02~DRB1*15:01";
const H4 = "A*02:01~B*08:01~DRB1*03:01";
const tiny = (f: [number, number, number, number]) =>
  ["haplotype,count,freq", ...[H1, H2, H3, H4].map((h, i) => `${h},1,${f[i]}`)].join("\n");
const V1 = tiny([0.04, 0.03, 0.02, 0.01]);
const V2 = tiny([0.01, 0.01, 0.04, 0.04]);
const HET = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
/** A*03:01 is in no haplotype: an ambiguous typing naming it is unrepresented. */
const UNREP = "A*03:01/A*03:02+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
/** Unambiguous, with A*03:01 the set lacks: answered exactly, never unrepresented. */
const EXACT = "A*03:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";

const ndjson = (rows: Record<string, unknown>[]) =>
  ndjsonRecords(Readable.from([`${rows.map((r) => JSON.stringify(r)).join("\n")}\n`]));

describe.each(DIALECTS)("frequency sets and imputations on %s", (dialect) => {
  const use = useStore(dialect);
  let p: People;
  beforeAll(async () => {
    p = await people(use());
  });

  it("imports a set by population and version, lists it, and refuses the same version again", async () => {
    const s = await importFrequencySet(
      use(),
      hla,
      act(p.qm),
      { population: "TST", version: "1", source: "test" },
      V1,
    );
    expect(s).toMatchObject({
      population: "TST",
      version: "1",
      hlaRelease: "3.58.0",
      haplotypes: 4,
      rows: 4,
    });
    expect(s.loci).toEqual(["A", "B", "DRB1"]);
    const again = importFrequencySet(
      use(),
      hla,
      act(p.qm),
      { population: "TST", version: "1", source: "x" },
      V1,
    );
    await expect(again).rejects.toMatchObject({ code: "FREQUENCY_SET_EXISTS" });
    expect((await listFrequencySets(use(), act(p.coordinator))).map((x) => x.version)).toEqual(["1"]);
    expect((await auditOf(use(), "frequency-set", s.id)).map((e) => e.action)).toEqual([
      "frequencies.import",
    ]);
  });

  it("refuses hostile input: a bad row names its line, a bad population is refused, a technologist may not", async () => {
    const bad = `${V1}\nA*99:99~B*08:01~DRB1*03:01,1,0.01\nA*01:01~B*08:01~DRB1*03:01,1,1e999`;
    const e = await importFrequencySet(
      use(),
      hla,
      act(p.qm),
      { population: "BAD", version: "1", source: "t" },
      bad,
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CradleError);
    expect((e as CradleError).code).toBe("INVALID_INPUT");
    expect((e as CradleError).message).toMatch(/line 6: .*A\*99:99/);
    expect((e as CradleError).message).toMatch(/line 7/);
    expect((await auditOf(use(), "frequency-set", "BAD/1")).map((x) => x.action)).toEqual([
      "frequencies.import.refused",
    ]);
    for (const population of ["", "a b", "'; drop table x;--", "x".repeat(33)]) {
      await expect(
        importFrequencySet(use(), hla, act(p.qm), { population, version: "1", source: "t" }, V1),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(
      importFrequencySet(use(), hla, act(p.tech), { population: "OK", version: "1", source: "t" }, V1),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      choosePopulation(use(), act(p.qm), { scope: "default", population: "NOPE" }),
    ).rejects.toMatchObject({ code: "FREQUENCY_SET_NOT_FOUND" });
    await expect(
      choosePopulation(use(), act(p.qm), { scope: "registry", population: "TST" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await listFrequencySets(use(), act(p.qm))).map((x) => x.population)).toEqual(["TST"]);
  });

  it("resolves a source's own choice, then the default, then the global fallback", async () => {
    expect(await resolvePopulation(use().db, { scope: "registry", subject: "DE-ZKRD" })).toBeUndefined();
    await choosePopulation(use(), act(p.qm), { scope: "global", population: "TST" });
    expect(await resolvePopulation(use().db, { scope: "registry", subject: "DE-ZKRD" })).toMatchObject({
      population: "TST",
      via: "global",
    });
    await choosePopulation(use(), act(p.coordinator), { scope: "default", population: "TST" });
    expect((await resolvePopulation(use().db, { scope: "bank", subject: "NYBC" }))?.via).toBe("default");
    await choosePopulation(use(), act(p.coordinator), { scope: "bank", subject: "NYBC", population: "TST" });
    expect((await resolvePopulation(use().db, { scope: "bank", subject: "NYBC" }))?.via).toBe("bank");
  });

  it("imputes at import, reports the unrepresented with their reason, finds them stale after a new set and redoes them", async () => {
    await importListings(
      use(),
      hla,
      ndjson([
        adultRecord("D1", { typing: HET }),
        adultRecord("D2", { typing: UNREP }),
        adultRecord("D3", { typing: EXACT }),
        cordRecord("C1", { typing: HET }),
      ]),
    );
    const first = await imputeListings(use(), hla, { act: act(p.qm) });
    expect(first).toMatchObject({ imputed: 4, unrepresented: 1, unrepresentedShare: 0.25, noSet: 0 });
    expect(first.examples).toEqual([
      { kind: "adult", id: "D2", reason: expect.stringMatching(/^A: .*no allele pair/) },
    ]);
    const adults = await storedImputations(use(), "adult", ["D1", "D2", "D3"]);
    const d1 = adults.get("D1");
    expect(d1?.genotypes.map((g) => [g.haplotypes.join("+"), g.probability])).toEqual([
      [`${H1}+${H2}`, expect.closeTo(6 / 7, 12)],
      [`${H3}+${H4}`, expect.closeTo(1 / 7, 12)],
    ]);
    // Kept with each haplotype written once; a row kept in the earlier form ([[H1, H2, p], …]) still reads.
    const column = async () =>
      (
        await use()
          .db.selectFrom("listingImputation")
          .select("genotypes")
          .where("kind", "=", "adult")
          .where("listingId", "=", "D1")
          .executeTakeFirstOrThrow()
      ).genotypes;
    expect(JSON.parse(await column())).toEqual({
      h: [H1, H2, H3, H4],
      g: [
        [0, 1, expect.closeTo(6 / 7, 12)],
        [2, 3, expect.closeTo(1 / 7, 12)],
      ],
    });
    const compact = await column();
    const earlier = JSON.stringify([
      [H1, H2, 6 / 7],
      [H3, H4, 1 / 7],
    ]);
    await use()
      .db.updateTable("listingImputation")
      .set({ genotypes: earlier })
      .where("listingId", "=", "D1")
      .execute();
    expect((await storedImputations(use(), "adult", ["D1"])).get("D1")?.genotypes).toEqual(d1?.genotypes);
    await use()
      .db.updateTable("listingImputation")
      .set({ genotypes: compact })
      .where("listingId", "=", "D1")
      .execute();
    expect(adults.get("D2")).toMatchObject({ unrepresented: true, fallback: "per-locus" });
    const d3 = adults.get("D3");
    expect(d3).toMatchObject({ unrepresented: false, fallback: "per-locus" });
    expect(d3?.genotypes.map((g) => g.probability)).toEqual([1]);
    expect(await countStaleImputations(use(), hla)).toBe(0);
    expect((await imputeListings(use(), hla)).imputed).toBe(0);

    // A new version of the population: every imputation made with version 1 is stale, and is redone.
    const v2 = await importFrequencySet(
      use(),
      hla,
      act(p.qm),
      { population: "TST", version: "2", source: "t" },
      V2,
    );
    expect(await countStaleImputations(use(), hla)).toBe(4);
    const redo = await imputeListings(use(), hla, { act: act(p.qm) });
    expect(redo.imputed).toBe(4);
    expect(await countStaleImputations(use(), hla)).toBe(0);
    const again = (await storedImputations(use(), "cord", ["C1"])).get("C1");
    expect(again?.setId).toBe(v2.id);
    expect(again?.genotypes.map((g) => [g.haplotypes.join("+"), g.probability])).toEqual([
      [`${H3}+${H4}`, expect.closeTo(16 / 17, 12)],
      [`${H1}+${H2}`, expect.closeTo(1 / 17, 12)],
    ]);
  });

  it("constrains a cord by its mother's typing (version 2: h1+h2 0.02, h3+h4 0.32; mother h2+h2 leaves h1+h2)", async () => {
    await importListings(
      use(),
      hla,
      ndjson([
        cordRecord("C2", {
          typing: HET,
          motherTyping: "A*02:01+A*02:01^B*07:02+B*07:02^DRB1*15:01+DRB1*15:01",
        }),
        cordRecord("C3", { typing: HET, motherTyping: "A*99:99+A*02:01^B*07:02^DRB1*15:01" }),
      ]),
    ).then((r) => expect(r.rejected.map((e) => e.field)).toEqual(["motherTyping"]));
    expect((await imputeListings(use(), hla)).imputed).toBe(1);
    const c2 = (await storedImputations(use(), "cord", ["C2"])).get("C2");
    expect(c2?.genotypes.map((g) => [g.haplotypes.join("+"), g.probability])).toEqual([[`${H1}+${H2}`, 1]]);
  });
});
