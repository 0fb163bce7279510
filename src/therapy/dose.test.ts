/** Dose arithmetic against hand-computed examples. */
import { describe, expect, it } from "vitest";
import { computeDose } from "./dose.js";

describe("dose to draw", () => {
  it("HIE: 5×10^7 cells/kg for a 3,400 g baby from 2.5×10^7 cells/mL is 1.7×10^8 cells in 6.8 mL", () => {
    // 5e7 × 3.4 = 1.7e8 cells; 1.7e8 / 2.5e7 = 6.8 mL.
    const d = computeDose({ concentrationPerMl: 2.5e7, targetPerKg: 5e7, weightGrams: 3400 });
    expect(d.cells).toBeCloseTo(1.7e8, 0);
    expect(d.volumeMl).toBeCloseTo(6.8, 10);
    expect(d.drawMl).toBe(6.8);
  });

  it("rounds the volume to draw down, never above the target", () => {
    // 1e7 × 0.95 kg = 9.5e6 cells; / 3e6 per mL = 3.1667 mL; draw 3.1 mL = 9.3e6 cells = 9.79e6 per kg.
    const d = computeDose({ concentrationPerMl: 3e6, targetPerKg: 1e7, weightGrams: 950 });
    expect(d.volumeMl).toBeCloseTo(3.16667, 4);
    expect(d.drawMl).toBe(3.1);
    expect(d.deliveredPerKg).toBeCloseTo(9.789e6, -3);
    expect(d.deliveredPerKg).toBeLessThanOrEqual(1e7);
  });

  it("refuses impossible inputs, a target above the protocol's maximum, and more than the bag holds", () => {
    expect(() => computeDose({ concentrationPerMl: 0, targetPerKg: 5e7, weightGrams: 3400 })).toThrow(
      /concentrationPerMl/,
    );
    expect(() => computeDose({ concentrationPerMl: 2e7, targetPerKg: 5e7, weightGrams: 34 })).toThrow(
      /weightGrams 34/,
    );
    expect(() =>
      computeDose({ concentrationPerMl: 2e7, targetPerKg: 6e7, weightGrams: 3400, maxPerKg: 5e7 }),
    ).toThrow(/maximum/);
    expect(() =>
      computeDose({ concentrationPerMl: 2e7, targetPerKg: 5e7, weightGrams: 3400, availableMl: 5 }),
    ).toThrow(/holds 5 mL/);
  });
});
