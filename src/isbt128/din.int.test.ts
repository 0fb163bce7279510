/** DIN check characters against the examples printed in ICCBBA ST-001 (../shared/peer-tests/isbt128). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHARED } from "../../test/support/shared.js";
import { CradleError } from "../errors.js";
import { checkCharacter } from "./check-character.js";
import { dinDataStructure, formatDin, parseDin } from "./din.js";

const examples = readFileSync(join(SHARED, "peer-tests", "isbt128", "din-check-characters.tsv"), "utf8")
  .split("\n")
  .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("din\t"))
  .map((l) => l.split("\t") as [string, string]);

describe("DIN check character (ISO/IEC 7064 MOD 37-2)", () => {
  it("has the ICCBBA examples to check", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });
  it.each(examples)("%s → %s", (din, k) => {
    expect(checkCharacter(din)?.character).toBe(k);
  });
  it("gives the worked example G123417654321 check value 10 ('A'), Type 3 flags 70", () => {
    expect(checkCharacter("G123417654321")).toEqual({ value: 10, character: "A" });
    expect(dinDataStructure({ id: "G123417654321" })).toBe("=G12341765432170");
  });
});

describe("parsing DINs", () => {
  it("reads the scanned, printed and keyed forms", () => {
    expect(parseDin("=G12341765432170")).toMatchObject({
      fin: "G1234",
      year: "17",
      sequence: "654321",
      flags: "70",
      check: "A",
    });
    expect(parseDin("G1234 17 654321").id).toBe("G123417654321");
    expect(parseDin("G123417654321a").check).toBe("A");
    expect(formatDin({ id: "G123417654321" }, "printed")).toBe("G1234 17 654321 A");
  });
  it.each([
    [
      "G123417654321B",
      "DIN_BAD_CHECK_CHARACTER",
      /check character "B" does not match G123417654321, whose check character is "A"/,
    ],
    ["=G12341765432171", "DIN_BAD_CHECK_CHARACTER", /Type 3 flags 71 do not match/],
    ["O123417654321", "DIN_BAD_FORMAT", /character 1 "O" cannot begin a facility number/],
    ["G1234176543X1", "DIN_BAD_FORMAT", /character 12 "X" should be a digit/],
    ["G12341765432", "DIN_BAD_FORMAT", /12 characters/],
    ["G12341765432199", "DIN_BAD_FORMAT", /flags 99 are not defined/],
    // Scanned (data structure 001) is exactly "=" and 15 characters: no check character, no space.
    ["=G123417654321", "DIN_BAD_FORMAT", /scanned, a DIN is "=" and 15 characters/],
    ["=G123417654321A", "DIN_BAD_FORMAT", /scanned, a DIN is "=" and 15 characters/],
    ["=G1234 17 654321 70", "DIN_BAD_FORMAT", /with no space/],
    ["g123417654321", "DIN_BAD_FORMAT", /character 1 "g" cannot begin a facility number/],
  ])("refuses %s with %s", (text, code, message) => {
    try {
      parseDin(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CradleError);
      expect((e as CradleError).code).toBe(code);
      expect((e as CradleError).message).toMatch(message);
    }
  });
  it("round-trips any valid DIN, and refuses a changed character by its check", () => {
    const din = fc
      .tuple(
        fc.constantFrom(..."ABCDEFGHIJKLMNPQRSTUVWXYZ123456789".split("")),
        fc.stringMatching(/^\d{12}$/),
      )
      .map(([a, d]) => a + d);
    fc.assert(
      fc.property(din, fc.integer({ min: 1, max: 12 }), (id, pos) => {
        const parsed = parseDin(dinDataStructure({ id }));
        expect(parsed.id).toBe(id);
        expect(parseDin(formatDin({ id })).id).toBe(id);
        // One digit changed: MOD 37-2 catches every single substitution.
        const changed = id.slice(0, pos) + String((Number(id[pos]) + 1) % 10) + id.slice(pos + 1);
        expect(() => parseDin(`${changed}${parsed.check}`)).toThrow(/check character/);
      }),
    );
  });
  it("never throws anything but a CradleError on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        try {
          parseDin(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CradleError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
