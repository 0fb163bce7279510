/** The calibration benchmark's helpers (bench/calibration-stats.ts): deciles and the Wilson interval. */
import { describe, expect, it } from "vitest";
import { decileOf, decileRows, emptyTallies, tally, wilsonInterval } from "../bench/calibration-stats.js";

describe("deciles of a prediction", () => {
  it("are half-open [k/10, (k+1)/10), the last closed at 1", () => {
    expect(decileOf(0)).toBe(0);
    expect(decileOf(0.0999)).toBe(0);
    expect(decileOf(0.1)).toBe(1);
    expect(decileOf(0.5)).toBe(5);
    expect(decileOf(0.95)).toBe(9);
    expect(decileOf(1)).toBe(9);
  });

  it("refuse what is not a probability", () => {
    expect(() => decileOf(-0.01)).toThrow(RangeError);
    expect(() => decileOf(1.01)).toThrow(RangeError);
    expect(() => decileOf(Number.NaN)).toThrow(RangeError);
  });
});

describe("Wilson score interval", () => {
  it("matches a published value: 81 of 263, 95 % → 0.2553 to 0.3662 (Newcombe 1998, method 3)", () => {
    // Newcombe, Statistics in Medicine 17:857 (1998), table I, example (c) 81/263: 0.2553, 0.3662.
    const [lo, hi] = wilsonInterval(81, 263);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it("is not zero-width at 0 or n, and stays in [0, 1]", () => {
    const [lo0, hi0] = wilsonInterval(0, 1000);
    expect(lo0).toBeCloseTo(0, 12);
    expect(hi0).toBeGreaterThan(0.003);
    expect(hi0).toBeLessThan(0.004);
    const [lo1, hi1] = wilsonInterval(1000, 1000);
    expect(hi1).toBeCloseTo(1, 12);
    expect(lo1).toBeCloseTo(1 - hi0, 12);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe("decile rows", () => {
  it("give mean prediction, observed share and the gap in points per decile", () => {
    const t = emptyTallies();
    tally(t, 0.92, true);
    tally(t, 0.98, true);
    tally(t, 0.9, false);
    tally(t, 0.05, false);
    const rows = decileRows(t);
    expect(rows[9]?.decile).toBe("[0.9, 1.0]");
    expect(rows[9]?.pairs).toBe(3);
    expect(rows[9]?.meanPredicted).toBeCloseTo(0.9333333, 6);
    expect(rows[9]?.observedShare).toBeCloseTo(2 / 3, 12);
    expect(rows[9]?.gapPoints).toBeCloseTo(100 * (2 / 3 - 0.9333333), 4);
    expect(rows[0]?.gapPoints).toBeCloseTo(-5, 12);
    expect(rows[3]?.pairs).toBe(0);
    expect(Number.isNaN(rows[3]?.gapPoints)).toBe(true);
  });
});
