import { describe, expect, it } from "vitest";
import { compareNames, sortNames } from "./sort.js";

describe("name order", () => {
  it("orders fields numerically, not as text", () => {
    expect(sortNames(["A*02:10", "A*02:09", "A*02:100", "A*01:01:01:10", "A*01:01:01:9"])).toEqual([
      "A*01:01:01:9",
      "A*01:01:01:10",
      "A*02:09",
      "A*02:10",
      "A*02:100",
    ]);
  });
  it("ignores expression and group suffixes but stays deterministic", () => {
    expect(sortNames(["A*74:13", "A*74:12N", "A*74:12"])).toEqual(["A*74:12", "A*74:12N", "A*74:13"]);
    expect(sortNames(["A*01:01ARS", "A*01:02g", "A*01:01:01G"])).toEqual([
      "A*01:01ARS",
      "A*01:01:01G",
      "A*01:02g",
    ]);
  });
  it("orders serology by antigen number (py-ard: B15/B62/B70/B72/B75)", () => {
    expect(sortNames(["B75", "B62", "B15", "B72", "B70"])).toEqual(["B15", "B62", "B70", "B72", "B75"]);
    expect(sortNames(["A2403", "A24", "A9"])).toEqual(["A9", "A24", "A2403"]);
  });
  it("puts ignored fields last", () => {
    expect(compareNames("DRBX*NNNN", "DRB3*03:01", ["NNNN"])).toBeGreaterThan(0);
  });
});
