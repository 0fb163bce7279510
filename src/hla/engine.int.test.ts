/** The engine on real IMGT/HLA 3.58.0 and the MAC subset from ../shared: error codes, positions, modes. */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { CradleError, type ErrorCode } from "../errors.js";
import { type HlaEngine, HlaEngine as HlaEngineClass } from "./engine.js";
import { LEVELS } from "./reducers.js";
import { openHla } from "./reference/open.js";

let hla: HlaEngine;
let noMacs: HlaEngine;

beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  noMacs = new HlaEngineClass(hla.release);
});

function codeOf(f: () => unknown): { code: ErrorCode; message: string; position: unknown } {
  try {
    f();
  } catch (e) {
    if (e instanceof CradleError) return { code: e.code, message: e.message, position: e.details.position };
    throw e;
  }
  throw new Error("expected a CradleError");
}

describe("reduction on IMGT/HLA 3.58.0 (FIELD-FACTS examples)", () => {
  it("reduces A*01:01:01 to G, lg and lgx", () => {
    expect(hla.reduce("A*01:01:01", "G")).toBe("A*01:01:01G");
    expect(hla.reduce("A*01:01:01", "lg")).toBe("A*01:01g");
    expect(hla.reduce("A*01:01:01", "lgx")).toBe("A*01:01");
  });
  it("reduces C*02:10 to lgx C*02:02", () => {
    expect(hla.reduce("C*02:10", "lgx")).toBe("C*02:02");
  });
  it("expands a generic MAC with the typing's first field and keeps only valid alleles", () => {
    expect(hla.expandMac("A*01:AB")).toBe("A*01:01/A*01:02");
    expect(hla.expandMac("C*04:AB")).toBe("C*04:01");
  });
  it("reduces through a whole GL string, keeping the HLA- prefix", () => {
    expect(hla.reduce("HLA-A*01:01+HLA-A*01:01^HLA-B*07:02+HLA-B*08:01", "lgx")).toBe(
      "HLA-A*01:01+HLA-A*01:01^HLA-B*07:02+HLA-B*08:01",
    );
  });
  it("maps serology to alleles and back", () => {
    expect(hla.reduce("A*01:01:01:01", "S")).toBe("A1");
    expect(hla.release.xxForSerology("B62")).toBe("B*15:XX");
    expect(hla.reduce("DR4", "1F")).toBe("DRB1*04");
  });
  it("accepts both the official G name and the first-allele name of a group", () => {
    expect(hla.reduce("C*02:10:01G", "G")).toBe("C*02:10:01G");
    expect(hla.reduce("C*02:02:37G", "G")).toBe("C*02:10:01G");
  });
});

describe("errors name the code, token and position", () => {
  it.each<[string, ErrorCode, number]>([
    ["A*01:01+A*99:99", "HLA_UNKNOWN_ALLELE", 9],
    ["A*01:01+Z*01:01", "HLA_UNKNOWN_LOCUS", 9],
    ["A*01:01:99G", "HLA_UNKNOWN_GROUP", 1],
    ["A*01:01^B*08:XXXXXQ", "HLA_UNKNOWN_MAC", 9],
    ["A*01:01/A*88:XX", "HLA_UNKNOWN_XX", 9],
    ["A*01:01+A99", "HLA_UNKNOWN_SEROLOGY", 9],
    ["A*01:01+hello", "HLA_BAD_NAME", 9],
    ["A*01:01+A*01::01", "HLA_BAD_NAME", 9],
    ["A*01:01+", "HLA_GL_SYNTAX", 9],
  ])("%s → %s at %i", (gl, code, position) => {
    const e = codeOf(() => hla.reduce(gl, "G"));
    expect(e.code).toBe(code);
    expect(e.position).toBe(position);
    expect(e.message).toContain(position === 1 ? `"${gl}"` : `position ${position}`);
  });
  it("says what a deleted allele became", () => {
    const e = codeOf(() => hla.reduce("A*01:34N", "G"));
    expect(e.code).toBe("HLA_DELETED_ALLELE");
    expect(e.message).toContain("A*01:01:38L");
  });
  it("refuses a MAC when no dictionary is loaded, never guessing", () => {
    expect(codeOf(() => noMacs.reduce("A*01:AB", "G")).code).toBe("HLA_MAC_UNAVAILABLE");
    expect(noMacs.reduce("A*01:01", "G")).toBe("A*01:01:01G");
  });
  it("refuses an unknown level", () => {
    expect(codeOf(() => hla.reduce("A*01:01", "X2")).code).toBe("HLA_BAD_LEVEL");
  });
  it("expands an allele-specific MAC as written, whatever first field the typing carries", () => {
    const specific = [...(hla.macs?.codes ?? [])].find(([, s]) => s.some((x) => x.includes(":")));
    expect(specific).toBeDefined();
    if (!specific) return;
    const [code, subtypes] = specific;
    const firstFields = new Set(subtypes.map((s) => s.split(":")[0]));
    const wrong = ["01", "02", "03", "99"].find((f) => !firstFields.has(f));
    // The code's own list, each name under the typing's locus, the valid ones only.
    const expected = subtypes.map((s) => `A*${s}`).filter((a) => hla.release.isValid(a));
    expect(hla.expandMac(`A*${wrong}:${code}`).split("/")).toEqual(expected);
  });
});

describe("random input", () => {
  const alphabet = fc.constantFrom(..."AB*:0123456789/+^~|-NGPXxgHLADRQ ".split(""));
  it("never throws anything but a CradleError", () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), fc.constantFrom(...LEVELS), (chars, level) => {
        try {
          hla.reduce(chars.join(""), level);
        } catch (e) {
          expect(e).toBeInstanceOf(CradleError);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it("a reduced typing reduces to itself again at G and lgx", () => {
    const typings = [
      "A*01:01+A*02:01",
      "B*07:02:01:01/B*07:02:02",
      "DRB1*15:01+DRB1*04:01^DQB1*06:02+DQB1*03:02",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...typings), fc.constantFrom("G", "lgx" as const), (t, level) => {
        const once = hla.reduce(t, level);
        expect(hla.reduce(once, level)).toBe(once);
      }),
    );
  });
});
