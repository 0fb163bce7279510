/** The cumulative incidence interval on the log(−log) scale, against a hand computation. */
import { describe, expect, it } from "vitest";
import { cifInterval, timingSummary } from "./reports.js";

describe("cifInterval", () => {
  it("F = 0.3 with standard error 0.05: F^exp(∓1.96·0.05/(0.3·ln 0.3)) = 0.2062 to 0.3994", () => {
    const { lower, upper } = cifInterval(0.3, 0.05 ** 2);
    expect(lower).toBeCloseTo(0.20615, 4);
    expect(upper).toBeCloseTo(0.39937, 4);
  });
  it("has none at 0 or 1", () => {
    expect(cifInterval(0, 0)).toEqual({ lower: null, upper: null });
    expect(cifInterval(1, 0.01)).toEqual({ lower: null, upper: null });
  });
});

describe("timingSummary", () => {
  it("gives the median and range of the days reached, out of all", () => {
    expect(timingSummary([24, null, 19, 31])).toEqual({ reached: 3, of: 4, median: 24, min: 19, max: 31 });
    expect(timingSummary([20, 30])).toEqual({ reached: 2, of: 2, median: 25, min: 20, max: 30 });
    expect(timingSummary([null])).toEqual({ reached: 0, of: 1, median: null, min: null, max: null });
  });
});
