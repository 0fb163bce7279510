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
