/**
 * Listings typed with genotype alternatives ("|") in a search, held to grading: gradeTypings takes each
 * locus's best alternative, so the search must count, rank and page such a listing by that grade, once,
 * and rule it out when any alternative carries an antigen of the patient's antibodies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET, SHARED } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { gradeTypings } from "./grade.js";
import { SearchIndex } from "./search-index.js";
import { search } from "./search.js";
import { type Listing, generateRegistry, parseHaplotypeFrequencies } from "./synthetic-registry.js";

let hla: HlaEngine;
let listings: Listing[];
const PATIENT = "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DQB1*02:01+DQB1*06:02^DRB1*03:01+DRB1*15:01";

/** A listing's locus part ("A*01:01+A*02:01") by locus. */
const lociOf = (typing: string) => new Map(typing.split("^").map((p) => [p.slice(0, p.search(/\*/)), p]));

beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  const freq = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
  const haplotypes = parseHaplotypeFrequencies(gunzipSync(readFileSync(freq)).toString("utf8"));
  const generated = [...generateRegistry({ haplotypes, engine: hla, adults: 600, cords: 0, seed: 5 })];
  // Every third listing gets alternatives at one or two loci: another listing's genotype there, and for
  // some the patient's own, so a match hides behind a first alternative that mismatches.
  const patient = lociOf(PATIENT);
  listings = generated.map((l, i) => {
    if (i % 3 !== 0) return l;
    const own = lociOf(l.typing);
    const other = lociOf((generated[(i * 7 + 1) % generated.length] as Listing).typing);
    const loci = i % 2 === 0 ? ["A", "DRB1"] : ["B"];
    for (const locus of loci) {
      const second = i % 9 === 0 ? patient.get(locus) : other.get(locus);
      const first = own.get(locus);
      if (first && second && second !== first) own.set(locus, `${first}|${second}`);
    }
    return { ...l, typing: [...own.values()].join("^") };
  });
});

function indexOf(ls: Listing[]): SearchIndex {
  const index = new SearchIndex(hla, 16);
  for (const l of ls) index.upsert({ id: l.id, kind: "adult", typing: l.typing });
  return index;
}

describe("listings with genotype alternatives in a search", () => {
  it("counts and ranks each listing once, by the mismatches gradeTypings gives its best alternative", async () => {
    const index = indexOf(listings);
    const ambiguous = listings.filter((l) => l.typing.includes("|"));
    expect(ambiguous.length).toBeGreaterThan(150);
    const patients = [
      PATIENT,
      ...listings
        .filter((l) => !l.typing.includes("|"))
        .slice(0, 5)
        .map((l) => l.typing),
    ];
    for (const patient of patients) {
      const r = await search(index, { patientTyping: patient, kind: "adult", maxMismatches: 8, limit: 1000 });
      const expected: Record<string, number> = {};
      const byId = new Map<string, number>();
      for (const l of listings) {
        const mm = gradeTypings(hla, patient, l.typing).summary.mismatches8;
        expected[mm] = (expected[mm] ?? 0) + 1;
        byId.set(l.id, mm);
      }
      expect(r.classCounts).toEqual(
        Object.fromEntries([...Array(9).keys()].map((k) => [String(k), expected[k] ?? 0])),
      );
      expect(r.total).toBe(listings.length);
      const ids = r.hits.map((h) => h.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(listings.length);
      // Each hit's page grade is its listing's, alternatives and all, and the page is in that order.
      for (const h of r.hits) expect(h.grade.summary.mismatches8, h.id).toBe(byId.get(h.id));
      const mms = r.hits.map((h) => h.grade.summary.mismatches8);
      expect(mms).toEqual([...mms].sort((a, b) => a - b));
    }
  });

  it("finds a donor whose match is its second alternative, within a limit its first would miss", async () => {
    const hidden = {
      id: "HIDDEN",
      kind: "adult" as const,
      typing: PATIENT.replace("A*01:01+A*02:01", "A*03:01+A*11:01|A*02:01+A*01:01"),
    };
    const index = indexOf([...listings, hidden as Listing]);
    const r = await search(index, { patientTyping: PATIENT, kind: "adult", maxMismatches: 0, limit: 50 });
    const hit = r.hits.find((h) => h.id === "HIDDEN");
    expect(hit?.grade.summary.mismatches8).toBe(0);
    // An ambiguous typing is a potential match, not a definite one.
    expect(hit?.grade.loci.A?.positions.map((p) => p.confidence)).toContain("potential");
    const zero = listings.filter((l) => gradeTypings(hla, PATIENT, l.typing).summary.mismatches8 === 0);
    expect(r.classCounts["0"]).toBe(zero.length + 1);
    // Removed, it is gone; written again without alternatives, it ranks by that typing.
    index.remove("HIDDEN");
    const gone = await search(index, { patientTyping: PATIENT, kind: "adult", maxMismatches: 0, limit: 50 });
    expect(gone.hits.map((h) => h.id)).not.toContain("HIDDEN");
    index.upsert({ ...hidden, typing: PATIENT.replace("A*01:01+A*02:01", "A*03:01+A*11:01") });
    const again = await search(index, {
      patientTyping: PATIENT,
      kind: "adult",
      maxMismatches: 2,
      limit: 1000,
    });
    expect(again.hits.find((h) => h.id === "HIDDEN")?.grade.summary.mismatches8).toBe(2);
  });

  it("rules out a listing when any of its alternatives carries an antigen of the patient's antibodies", async () => {
    const carrier = {
      id: "CARRIER",
      kind: "adult" as const,
      // The first alternative is free of A3; the second carries it.
      typing: PATIENT.replace("A*01:01+A*02:01", "A*01:01+A*02:01|A*01:01+A*03:01"),
    };
    const index = indexOf([...listings, carrier as Listing]);
    const without = await search(index, {
      patientTyping: PATIENT,
      kind: "adult",
      maxMismatches: 8,
      limit: 1000,
    });
    const withAb = await search(index, {
      patientTyping: PATIENT,
      kind: "adult",
      maxMismatches: 8,
      limit: 1000,
      antibodies: ["A3"],
    });
    expect(without.hits.map((h) => h.id)).toContain("CARRIER");
    expect(withAb.hits.map((h) => h.id)).not.toContain("CARRIER");
    // Excluded once, like every other listing carrying A3 in any alternative.
    const carriers = [...listings, carrier as Listing].filter((l) =>
      /(^|[/+^|])A3([/+^|]|$)/.test(hla.reduce(l.typing, "S")),
    );
    expect(withAb.excluded).toBe(carriers.length);
    expect(withAb.total + withAb.excluded).toBe(without.total);
  });

  it("ranks a cord with alternatives by its best one and leaves it out below the dose floor", async () => {
    const index = new SearchIndex(hla, 16);
    const matched = PATIENT.replace("A*01:01+A*02:01", "A*03:01+A*11:01|A*01:01+A*02:01");
    index.upsert({ id: "BIG", kind: "cord", typing: matched, tnc: 2e9, cd34: 8e6 });
    index.upsert({ id: "SMALL", kind: "cord", typing: matched, tnc: 1e8, cd34: 8e6 });
    index.upsert({
      id: "PLAIN",
      kind: "cord",
      typing: PATIENT.replace("B*08:01", "B*18:01"),
      tnc: 3e9,
      cd34: 8e6,
    });
    const r = await search(index, {
      patientTyping: PATIENT,
      kind: "cord",
      weightGrams: 10_000,
      diagnosis: "nonmalignant",
      maxMismatches: 4,
    });
    expect(r.hits.map((h) => h.id)).toEqual(["BIG", "PLAIN"]);
    expect(r.excluded).toBe(1);
    expect(r.classCounts).toMatchObject({ "0": 1, "1": 1 });
  });
});
