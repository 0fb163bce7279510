/** Importing listings on every dialect: bad rows named by line and field, good rows imported whole. */
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { LISTING_TYPING, adultRecord, cordRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { allListings, countListings, importListings } from "./listings.js";
import { deleteAndUnindex, loadIndex, saveAndIndex, searchListings } from "./search-service.js";
import { csvRecords, ndjsonRecords } from "./sources.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

const TYPING = LISTING_TYPING;
const adult = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify(adultRecord(id, extra));
const cord = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify(cordRecord(id, extra));
const ndjson = (lines: string[]) => ndjsonRecords(Readable.from([`${lines.join("\n")}\n`]));

describe.each(DIALECTS)("listings on %s", (dialect) => {
  const use = useStore(dialect);

  it("imports the good rows and names every bad one by line, field and reason", async () => {
    const r = await importListings(
      use(),
      hla,
      ndjson([
        adult("D1"),
        adult("D2", { typing: "A*01:01+A*99:99^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01" }),
        adult("D3", { typing: "A*01:01+A*02:01^B*08:01+B*07:02" }),
        adult("D4", { birthDate: "1990-02-30" }),
        "{not json",
        cord("C1"),
        cord("C2", { tnc: 14 }),
        adult("D1"),
        cord("C3", { accredited: "maybe", cd34: null }),
      ]),
    );
    expect(r.imported).toEqual({ adult: 1, cord: 1 });
    expect(r.rows).toBe(9);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([
      [2, "typing"],
      [3, "typing"],
      [4, "birthDate"],
      [5, "(row)"],
      [7, "tnc"],
      [8, "id"],
      [9, "accredited"],
    ]);
    expect(r.rejected[0]?.reason).toContain('HLA_UNKNOWN_ALLELE: "A*99:99"');
    expect(r.rejected[1]?.reason).toBe("must type A, B, DRB1; DRB1 missing");
    expect(r.rejected[4]?.reason).toMatch(/count of cells/);
    expect(r.rejected[5]?.reason).toBe("repeats the id of line 1");
    expect(await countListings(use())).toEqual({ adult: 1, cord: 1 });
  });

  it("refuses an id already in the registry and leaves the stored listing as it was", async () => {
    const r = await importListings(use(), hla, ndjson([adult("D1", { registry: "OTHER" }), adult("D9")]));
    expect(r.imported.adult).toBe(1);
    expect(r.rejected).toEqual([{ line: 1, field: "id", value: "D1", reason: "is already in the registry" }]);
    const pages = [];
    for await (const p of allListings(use(), "adult", 1)) pages.push(...p);
    expect(pages.map((l) => [l.id, l.kind === "adult" && l.registry])).toEqual([
      ["D1", "DE-ZKRD"],
      ["D9", "DE-ZKRD"],
    ]);
  });

  it("reads CSV with a header, booleans written as words, and gives the stored cord back", async () => {
    const csv = [
      "id,bank,accredited,collectedAt,volumeMl,tnc,cd34,viabilityPercent,abo,rbcDepleted,attachedSegments,typing",
      `CSV1,CLINIMMUNE,yes,2020-10-10,75.5,1.1e9,,88,B-,no,0,${TYPING}`,
      "CSV2,CLINIMMUNE,yes,2020-10-10",
    ].join("\n");
    const r = await importListings(use(), hla, csvRecords(Readable.from([csv])), { kind: "cord" });
    expect(r.imported.cord).toBe(1);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([[3, "(row)"]]);
    const cords = [];
    for await (const p of allListings(use(), "cord")) cords.push(...p);
    expect(cords.find((c) => c.id === "CSV1")).toEqual({
      kind: "cord",
      id: "CSV1",
      bank: "CLINIMMUNE",
      accredited: true,
      collectedAt: "2020-10-10",
      volumeMl: 75.5,
      tnc: 1.1e9,
      cd34: null,
      viabilityPercent: 88,
      abo: "B-",
      rbcDepleted: false,
      attachedSegments: 0,
      typing: TYPING,
    });
  });
});

describe.each(DIALECTS)("saving and deleting on %s, with the index in step", (dialect) => {
  const use = useStore(dialect);

  it("adds, replaces and deletes a listing in the database and the index without a rebuild", async () => {
    const index = await loadIndex(use(), hla);
    const patient = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
    const q = { patientTyping: patient, kind: "adult" as const, maxMismatches: 0 };
    const saved = await saveAndIndex(use(), index, JSON.parse(adult("LIVE1", { typing: patient })));
    expect("listing" in saved).toBe(true);
    expect((await searchListings(use(), index, q, { now: new Date() })).hits.map((h) => h.id)).toEqual([
      "LIVE1",
    ]);
    // Replaced with a typing that no longer matches: gone from the results, still one row.
    await saveAndIndex(
      use(),
      index,
      JSON.parse(adult("LIVE1", { typing: "A*03:01+A*11:01^B*35:01+B*44:02^DRB1*04:01+DRB1*11:01" })),
    );
    expect((await searchListings(use(), index, q, { now: new Date() })).total).toBe(0);
    expect((await countListings(use())).adult).toBe(1);
    // A bad record changes nothing.
    const bad = await saveAndIndex(use(), index, JSON.parse(adult("LIVE1", { sex: "X" })));
    expect("errors" in bad && bad.errors[0]?.field).toBe("sex");
    expect(await deleteAndUnindex(use(), index, "adult", "LIVE1")).toBe(true);
    expect(await deleteAndUnindex(use(), index, "adult", "LIVE1")).toBe(false);
    expect(index.count("adult")).toBe(0);
    expect((await countListings(use())).adult).toBe(0);
  });

  it("finds a donor typed with genotype alternatives by the one that matches, and refuses a typing with more combinations than a search scores", async () => {
    const index = await loadIndex(use(), hla);
    const patient = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
    const q = { patientTyping: patient, kind: "adult" as const, maxMismatches: 0 };
    // The first alternative at A mismatches twice; the second is the patient's.
    const typing = "A*03:01+A*11:01|A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
    expect("listing" in (await saveAndIndex(use(), index, JSON.parse(adult("ALT1", { typing }))))).toBe(true);
    const r = await searchListings(use(), index, q, { now: new Date() });
    expect(r.hits.map((h) => [h.id, h.listing.typing])).toEqual([["ALT1", typing]]);
    expect(r.hits[0]?.grade.loci.A?.positions.map((p) => p.confidence)).toEqual(["potential", "potential"]);
    // A fresh index read from the database holds it the same way.
    const reloaded = await searchListings(use(), await loadIndex(use(), hla), q, { now: new Date() });
    expect(reloaded.hits.map((h) => h.id)).toEqual(["ALT1"]);
    // Six alternatives at each of A, B and DRB1 and five at C: 1,080 combinations, over the 1,024 scored.
    const alternatives = (l: string, second: string[]) =>
      second.map((x) => `${l}*${second[0]}+${l}*${x}`).join("|");
    const wide = [
      alternatives("A", ["01:01", "02:01", "03:01", "11:01", "24:02", "26:01"]),
      alternatives("B", ["07:02", "08:01", "44:02", "35:01", "15:01", "40:01"]),
      alternatives("C", ["07:01", "07:02", "04:01", "03:04", "06:02"]),
      alternatives("DRB1", ["01:01", "03:01", "04:01", "07:01", "11:01", "15:01"]),
    ].join("^");
    const refused = await saveAndIndex(use(), index, JSON.parse(adult("ALT2", { typing: wide })));
    expect("errors" in refused && refused.errors[0]).toMatchObject({ field: "typing" });
    expect("errors" in refused && refused.errors[0]?.reason).toMatch(/1080 combinations/);
    expect((await countListings(use())).adult).toBe(1);
  });
});
