import { describe, expect, it } from "vitest";
import { CradleError } from "../errors.js";
import { cellDose, scientific } from "./dose.js";

describe("cell dose per kg", () => {
  it("divides by the weight in kilograms", () => {
    // A 3,500 g neonate and a unit of 1.4×10^9 TNC and 5.6×10^6 CD34+:
    // 1.4e9 / 3.5 kg = 4.0×10^8 TNC/kg; 5.6e6 / 3.5 = 1.6×10^6 CD34+/kg.
    const d = cellDose({ tnc: 1.4e9, cd34: 5.6e6, weightGrams: 3500 });
    expect(d.tncPerKg).toBeCloseTo(4.0e8, -3);
    expect(d.cd34PerKg).toBeCloseTo(1.6e6, -1);
    expect(d.weightKg).toBe(3.5);
  });
  it("applies post-thaw recovery", () => {
    // 20 kg child, 1.0×10^9 TNC, 80 % recovery → 0.8e9 / 20 = 4.0×10^7 TNC/kg.
    expect(cellDose({ tnc: 1e9, weightGrams: 20_000, recovery: 0.8 }).tncPerKg).toBeCloseTo(4e7, -1);
  });
  it("leaves CD34+ undefined when it was not counted", () => {
    expect(cellDose({ tnc: 1e9, weightGrams: 20_000 }).cd34PerKg).toBeUndefined();
  });
  it.each([
    [{ tnc: 1e9, weightGrams: 0 }, "weightGrams"],
    [{ tnc: 1e9, weightGrams: 3.5 }, "weightGrams"], // kilograms typed where grams belong
    [{ tnc: 1e9, weightGrams: Number.NaN }, "weightGrams"],
    [{ tnc: -1, weightGrams: 3500 }, "tnc"],
    [{ tnc: 1e9, cd34: Number.POSITIVE_INFINITY, weightGrams: 3500 }, "cd34"],
    [{ tnc: 1e9, weightGrams: 3500, recovery: 80 }, "recovery"], // a percentage where a fraction belongs
  ])("refuses %j naming %s", (input, field) => {
    try {
      cellDose(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CradleError);
      expect((e as CradleError).details.field).toBe(field);
    }
  });
  it("writes doses as forms do", () => {
    expect(scientific(4.04e7)).toBe("4.0×10^7");
    expect(scientific(1.55e5)).toBe("1.6×10^5");
  });
});
