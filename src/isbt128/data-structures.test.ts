import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CradleError } from "../errors.js";
import {
  decodeDateTime,
  encodeDateTime,
  parseDataStructure,
  splitDataStructures,
  writeDataStructure,
} from "./data-structures.js";

describe("ISBT 128 data structures", () => {
  it("reads dates as cyyjjjhhmm: 0180292359 is 29 January 2018, 23:59 (ST-001)", () => {
    expect(parseDataStructure("&>0180292359")).toEqual({ structure: "005", isoDateTime: "2018-01-29T23:59" });
    expect(parseDataStructure("&*0243661200")).toEqual({ structure: "007", isoDateTime: "2024-12-31T12:00" }); // day 366 of a leap year
    expect(encodeDateTime("2018-01-29T23:59")).toBe("0180292359");
    // 004 and 006 carry the date alone: cyyjjj.
    expect(parseDataStructure("=>018029")).toEqual({ structure: "004", isoDate: "2018-01-29" });
    expect(parseDataStructure("=*024366")).toEqual({ structure: "006", isoDate: "2024-12-31" });
    expect(() => parseDataStructure("=>018367")).toThrow(/day of year 367/);
  });

  it("reads blood groups, product codes, divisions, compound messages, processor codes and chain of identity", () => {
    expect(parseDataStructure("=%5100")).toMatchObject({ structure: "002", code: "51", aboRhD: "O+" });
    expect(parseDataStructure("=<S1234100")).toEqual({
      structure: "003",
      productCode: "S1234",
      collectionType: "1",
      collectionTypeText: "for autologous use only",
      division: "00",
    });
    expect(parseDataStructure("=,000002")).toEqual({ structure: "032", divisions: "000002" });
    expect(parseDataStructure("=+03000")).toEqual({ structure: "023", count: 3, sequence: "000" });
    expect(parseDataStructure("=/A1B2C3D4E5F6G7H8")).toEqual({
      structure: "034",
      processorProductCode: "A1B2C3D4E5F6G7H8",
    });
    expect(parseDataStructure("&/CHG123424ABC123")).toEqual({
      structure: "040",
      fin: "G1234",
      year: "24",
      identifier: "ABC123",
    });
    expect(parseDataStructure("=G12341765432170")).toMatchObject({
      structure: "001",
      din: { id: "G123417654321" },
    });
  });

  it("reads divisions as the standard writes them: A0, Ab (first level A-Z, second a-z)", () => {
    expect(parseDataStructure("=<S1234VA0")).toMatchObject({ division: "A0" });
    expect(parseDataStructure("=<S1234VBc")).toMatchObject({ division: "Bc" });
  });

  it("writes what it reads", () => {
    for (const s of [
      "=%6200",
      "=<S1234V00",
      "&>0180292359",
      "&*0243661200",
      "=>018029",
      "=*024366",
      "=+03000",
      "=,000002",
      "=/A1B2C3D4E5F6G7H8",
      "&/CHG123424ABC123",
      "=G12341765432170",
    ]) {
      expect(writeDataStructure(parseDataStructure(s))).toBe(s);
    }
  });

  it("splits a compound message and checks its count", () => {
    const parts = splitDataStructures("=+03000=G12341765432170=<S1234100&>0180292359");
    expect(parts.map((p) => p.structure)).toEqual(["023", "001", "003", "005"]);
    expect(() => splitDataStructures("=+02000=G12341765432170=<S1234100&>0180292359")).toThrow(
      /announces 2 structures and holds 3/,
    );
  });

  it.each([
    ["&>0183662359", /character 6 "3" begins day of year 366, not a day of 2018/],
    ["&>01802924", /too short at character 11/],
    ["=<S12X4100", /character 6 "X" should be a digit \(product code\)/],
    ["=<S1234Q00", /character 8 "Q" is not a collection type/],
    ["=#12", /no data structure Cradle reads begins "=#"/],
    ["&/CHO123424ABC123", /should begin a facility number/],
    // Each structure's data content uses only the characters the standard allows for it.
    ["=/A9997ab3456T0123", /034 .*character 8 "a" should be an upper-case letter or a digit/],
    ["=/A9997AB3456T012-", /034 .*character 18 "-" should be an upper-case letter or a digit/],
    ["=%51a0", /002 .*character 5 "a" should be an upper-case letter or a digit/],
    ["=%5 00", /002 .*character 4 " " should be an upper-case letter or a digit/],
    ["=<S1234Va0", /003 .*character 9 "a" should be a division's first level, A-Z/],
    ["=<S1234VAA", /003 .*character 10 "A" should be a division's second level, a-z/],
    ["=<s1234V00", /003 .*character 3 "s" should be a letter/],
    ["=O12341765432170", /001 .*character 2 "O" should be a facility number's first character/],
    ["=012341765432170", /001 .*character 2 "0" should be a facility number's first character/],
    ["=G1234176543217X", /001 .*character 16 "X" should be a digit/],
    ["=G12341765432 70", /001 .*character 14 " " should be a digit/],
    ["&/CHG123424abc123", /040 .*character 12 "a" should be an upper-case letter or a digit/],
    ["&/CHG1234X4ABC123", /040 .*character 10 "X" should be a digit \(year\)/],
    ["&>0181002400", /hour 24/],
    ["&>0181002360", /minute 60/],
    ["&>0180000000", /day of year 0/],
    ["&>01800A0000", /character 8 "A" should be a digit/],
    ["=+0A000", /023 .*character 4 "A" should be a digit/],
    ["=,00000b", /032 .*character 8 "b" should be a digit/],
  ])("refuses %s naming the structure, position and character", (text, message) => {
    expect(() => parseDataStructure(text)).toThrow(message);
  });

  it("encodes and decodes every minute of a century the same way", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:00Z") }),
        (d) => {
          const iso = d.toISOString().slice(0, 16);
          const code = encodeDateTime(iso);
          expect(decodeDateTime("005", `&>${code}`, 2)).toBe(iso);
        },
      ),
    );
  });

  it("never throws anything but a CradleError on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (s) => {
        try {
          parseDataStructure(s);
          splitDataStructures(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CradleError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
