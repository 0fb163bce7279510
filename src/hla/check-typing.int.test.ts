/**
 * One check for every typing (issue 13): a name is valid only if IMGT/HLA 3.58.0 knows it, and whatever the
 * check accepts, reduce accepts at every level. Worked examples from the 3.58.0 files in ../shared.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { CradleError } from "../errors.js";
import { checkTyping } from "./check-typing.js";
import type { HlaEngine } from "./engine.js";
import { LEVELS } from "./reducers.js";
import { openHla } from "./reference/open.js";

let hla: HlaEngine;

beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

function refusal(gl: string): { code: string; token: unknown; position: unknown } {
  try {
    checkTyping(hla, gl);
  } catch (e) {
    if (e instanceof CradleError)
      return { code: e.code, token: e.details.token, position: e.details.position };
    throw e;
  }
  throw new Error(`${gl} was accepted`);
}

describe("checkTyping on IMGT/HLA 3.58.0", () => {
  it("accepts names the release lists (Allelelist.txt), groups and MACs", () => {
    // HLA00001 A*01:01:01:01, HLA32849 A*01:01:01:99, G group A*01:01:01G, P group A*01:01P, MAC A*01:AB.
    for (const gl of [
      "A*01:01:01:01",
      "A*01:01:01:99",
      "A*01:01:01G",
      "A*01:01P",
      "A*01:AB",
      "A*01:01+A*02:01",
    ])
      expect(() => checkTyping(hla, gl)).not.toThrow();
  });

  it("refuses a fifth field, which no allele has, where py-ard falls back to the first two", () => {
    expect(refusal("A*01:01:01:01:01")).toEqual({
      code: "HLA_UNKNOWN_ALLELE",
      token: "A*01:01:01:01:01",
      position: 1,
    });
    expect(() => hla.reduce("A*01:01:01:01:01", "lgx")).toThrow(CradleError);
  });

  it("refuses the seven-field null name a QC result could store before", () => {
    expect(refusal("A*01:01+A*01:01:01:01:01:01:01N")).toEqual({
      code: "HLA_UNKNOWN_ALLELE",
      token: "A*01:01:01:01:01:01:01N",
      position: 9,
    });
  });

  it("refuses A*01:01:01:02 without its N: 3.58.0 lists only the null allele A*01:01:01:02N", () => {
    expect(refusal("A*01:01:01:02").code).toBe("HLA_UNKNOWN_ALLELE");
    expect(() => checkTyping(hla, "A*01:01:01:02N")).not.toThrow();
  });

  it("refuses four fields that are not an allele although their first two are (A*01:01:99:99)", () => {
    expect(refusal("A*01:01:99:99").code).toBe("HLA_UNKNOWN_ALLELE");
  });

  it("is strict whatever the caller: 'g' names and deleted-suffix names are refused", () => {
    expect(refusal("A*30:02g").code).toBe("HLA_UNKNOWN_ALLELE");
    expect(() => hla.validate("A*30:02g", { strict: false })).not.toThrow();
  });

  it("accepts only what reduce accepts at every level (property over names around real alleles)", () => {
    const stems = [
      "A*01:01",
      "A*01:01:01",
      "A*01:01:01:01",
      "B*07:02",
      "C*02:10",
      "DRB1*15:01:01",
      "A*01:04",
    ];
    const tails = ["", ":01", ":02", ":99", ":01:01", "N", "G", "P", "Q", ":XX", ":AB"];
    fc.assert(
      fc.property(fc.constantFrom(...stems), fc.constantFrom(...tails), (stem, tail) => {
        const gl = `${stem}${tail}`;
        let valid = true;
        try {
          checkTyping(hla, gl);
        } catch (e) {
          if (!(e instanceof CradleError)) throw e;
          valid = false;
        }
        if (valid) for (const level of LEVELS) hla.reduce(gl, level);
        else expect(() => hla.reduce(gl, "lgx")).toThrow(CradleError);
      }),
      { numRuns: 200 },
    );
  });
});
