/** Reading a haplotype frequency set: checks by line, normalisation, reduction to the set's resolution. */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../../test/support/shared.js";
import { CradleError } from "../../errors.js";
import type { HlaEngine } from "../../hla/index.js";
import { openHla } from "../../hla/reference/open.js";
import { type BadRow, parseFrequencySet } from "./frequency-set.js";

let engine: HlaEngine;
beforeAll(async () => {
  engine = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

function badRows(text: string): BadRow[] {
  try {
    parseFrequencySet(text, engine, { source: "t.csv" });
  } catch (e) {
    if (e instanceof CradleError) return e.details.rows as BadRow[];
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("a frequency set", () => {
  it("interns haplotypes, normalises frequencies and indexes each locus by allele", () => {
    const set = parseFrequencySet(
      "haplotype,count,freq\nA*01:01~B*08:01,3,0.03\nA*02:01~B*07:02,1,0.01\nA*01:01~B*07:02,,1e-2\n",
      engine,
      { population: "T" },
    );
    expect(set).toMatchObject({ population: "T", resolution: "lgx", loci: ["A", "B"], size: 3, merged: 0 });
    // 0.03 + 0.01 + 0.01 = 0.05 → 0.6, 0.2, 0.2.
    expect([...set.frequency]).toEqual([0.6, 0.2, 0.2].map((p) => expect.closeTo(p, 12)));
    expect(set.alleleNames).toEqual([
      ["A*01:01", "A*02:01"],
      ["B*08:01", "B*07:02"],
    ]);
    // A*01:01 is on haplotypes 0 and 2, with frequency 0.8; B*07:02 on 1 and 2, 0.4.
    expect(set.alleleFrequency[0]?.[0]).toBeCloseTo(0.8, 12);
    expect(set.alleleFrequency[1]?.[1]).toBeCloseTo(0.4, 12);
    expect(set.haplotypeNames).toEqual(["A*01:01~B*08:01", "A*02:01~B*07:02", "A*01:01~B*07:02"]);
  });

  it("numbers haplotypes most frequent first, those of equal frequency in the file's order", () => {
    const set = parseFrequencySet(
      "A*01:01~B*08:01,,0.1\nA*02:01~B*07:02,,0.4\nA*03:01~B*07:02,,0.1\nA*01:01~B*07:02,,0.4",
      engine,
    );
    expect(set.haplotypeNames).toEqual([
      "A*02:01~B*07:02",
      "A*01:01~B*07:02",
      "A*01:01~B*08:01",
      "A*03:01~B*07:02",
    ]);
    expect([...set.frequency]).toEqual([0.4, 0.4, 0.1, 0.1]);
  });

  it("reads lines one by one as well as a whole text", () => {
    const set = parseFrequencySet(["A*01:01~B*08:01,1,0.5", "A*02:01~B*07:02,1,0.5"], engine);
    expect(set.size).toBe(2);
  });

  it("refuses every bad row together, each by its line and reason, and drops none silently", () => {
    const rows = badRows(
      [
        "A*01:01~B*08:01,1,0.1", // 1 ok
        "B*08:01~A*01:01,1,0.1", // 2 loci out of order
        "A*99:99~B*08:01,1,0.1", // 3 not an allele
        "A*02:01~B*08:01,1,", // 4 empty frequency
        "A*02:01~B*07:02,1,0", // 5 zero
        "A*01:01~B*08:01,1,0.2", // 6 listed twice
        "A*02:01~B*07:02,x,0.1", // 7 count not a number
        "A*02:01~B*07:02~C*07:01,1,0.1", // 8 three loci
        "A*02:01~B*07:02,1,0x10", // 9 hexadecimal
      ].join("\n"),
    );
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows[0]?.reason).toMatch(/loci B~A differ from the set's A~B/);
    expect(rows[1]?.reason).toMatch(/A\*99:99.*not an allele of IMGT\/HLA 3\.58\.0/);
    expect(rows[2]?.reason).toMatch(/frequency "" is not a number/);
    expect(rows[3]?.reason).toMatch(/not above 0/);
    expect(rows[4]?.reason).toMatch(/listed twice/);
  });

  it("names that become one at the set's resolution are merged, their frequencies added, and counted", () => {
    // A*01:01:01:01 is A*01:01 at lgx: the two rows are one haplotype of frequency 0.5 + 0.25.
    const set = parseFrequencySet(
      "A*01:01~B*08:01,1,0.5\nA*01:01:01:01~B*08:01,1,0.25\nA*02:01~B*07:02,1,0.25",
      engine,
    );
    expect(set).toMatchObject({ size: 2, merged: 1 });
    expect(set.frequency[0]).toBeCloseTo(0.75, 12);
  });

  it("at P group resolution, haplotypes are written with P groups", () => {
    const set = parseFrequencySet("A*01:01~B*08:01,1,0.5\nA*02:01~B*07:02,1,0.5", engine, {
      resolution: "P",
    });
    expect(set.haplotypeNames).toEqual(["A*01:01P~B*08:01P", "A*02:01P~B*07:02P"]);
  });

  it("an empty file has no haplotypes", () => {
    expect(() => parseFrequencySet("haplotype,count,freq\n", engine)).toThrow(/no haplotypes/);
  });
});
