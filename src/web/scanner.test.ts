import { describe, expect, it } from "vitest";
import { dinFromScan, productsOfScan } from "./scanner";

// ISBT 128 ST-001: DS 001 is "=" + the 13-character DIN + 2 flag characters; keyed, the DIN has a check
// character; DS 003 (product code) is "=<" + 8 characters.
const offered = [
  { din: "W123426000042", code: "S90021A0" },
  { din: "W123426000042", code: "S90021B0" },
  { din: "W123426000099", code: "S9001V00" },
];

describe("productsOfScan", () => {
  it("finds the product a product code scan names", () => {
    expect(productsOfScan("=<S90021B0", offered)).toEqual([offered[1]]);
    expect(productsOfScan("s90021b0", offered)).toEqual([offered[1]]);
  });
  it("finds every product of a scanned DIN, so a divided donation needs its product code too", () => {
    expect(productsOfScan("=W12342600004200", offered)).toEqual([offered[0], offered[1]]);
    expect(productsOfScan("=W12342600009900", offered)).toEqual([offered[2]]);
  });
  it("offers nothing for a product not offered or a scan that is no DIN or code", () => {
    expect(productsOfScan("=<S9999V00", offered)).toEqual([]);
    expect(productsOfScan("=W99992600004200", offered)).toEqual([]);
    expect(productsOfScan("", offered)).toEqual([]);
    expect(productsOfScan("   ", offered)).toEqual([]);
  });
  it("reads a DIN as data structure 001 or keyed with a check character", () => {
    expect(dinFromScan("=W12342600004200")).toBe("W123426000042");
    expect(dinFromScan("W123426000042K")).toBe("W123426000042");
    expect(dinFromScan("hello")).toBeUndefined();
  });
});
