/**
 * The volume of a product to draw for a dose: cells = target per kg × weight in kg, volume = cells ÷ the
 * product's concentration. The volume to draw is rounded down to 0.1 mL, so a dose never exceeds its
 * target; the arithmetic is returned so it can be shown and checked.
 */
import { CradleError } from "../errors.js";

export interface DoseRequest {
  /** Cells per mL in the product (after processing or after thaw). */
  concentrationPerMl: number;
  targetPerKg: number;
  weightGrams: number;
  /** The protocol's most cells per kg; a target above it is refused. */
  maxPerKg?: number;
  /** The product's volume: a dose cannot draw more than the bag holds. */
  availableMl?: number;
}

export interface DoseResult {
  weightKg: number;
  cells: number;
  volumeMl: number;
  /** Rounded down to 0.1 mL: what to draw. */
  drawMl: number;
  /** The cells per kg the drawn volume carries. */
  deliveredPerKg: number;
  arithmetic: string;
}

function positive(field: string, v: number, max: number): void {
  if (!Number.isFinite(v) || v <= 0 || v > max) {
    throw new CradleError("INVALID_INPUT", `${field} ${v}: must be a number above 0 and at most ${max}`, {
      field,
      value: v,
    });
  }
}

const sci = (n: number) => n.toExponential(3).replace(/e\+?(-?\d+)/, "×10^$1");

export function computeDose(r: DoseRequest): DoseResult {
  positive("concentrationPerMl", r.concentrationPerMl, 1e11);
  positive("targetPerKg", r.targetPerKg, 1e10);
  // An infant: from 300 g (the most premature) to 150 kg for older patients of a program.
  if (!Number.isFinite(r.weightGrams) || r.weightGrams < 300 || r.weightGrams > 150_000) {
    throw new CradleError("INVALID_INPUT", `weightGrams ${r.weightGrams}: must be 300 to 150000 grams`, {
      field: "weightGrams",
      value: r.weightGrams,
    });
  }
  if (r.maxPerKg !== undefined && r.targetPerKg > r.maxPerKg) {
    throw new CradleError(
      "INVALID_INPUT",
      `targetPerKg ${sci(r.targetPerKg)} is above the protocol's maximum ${sci(r.maxPerKg)}`,
      {
        field: "targetPerKg",
        value: r.targetPerKg,
      },
    );
  }
  const weightKg = r.weightGrams / 1000;
  const cells = r.targetPerKg * weightKg;
  const volumeMl = cells / r.concentrationPerMl;
  const drawMl = Math.floor(volumeMl * 10 + 1e-9) / 10;
  if (r.availableMl !== undefined && drawMl > r.availableMl) {
    throw new CradleError(
      "INVALID_INPUT",
      `the dose needs ${drawMl} mL and the product holds ${r.availableMl} mL`,
      {
        field: "availableMl",
        value: r.availableMl,
      },
    );
  }
  const deliveredPerKg = (drawMl * r.concentrationPerMl) / weightKg;
  return {
    weightKg,
    cells,
    volumeMl,
    drawMl,
    deliveredPerKg,
    arithmetic: `${sci(r.targetPerKg)} cells/kg × ${weightKg} kg = ${sci(cells)} cells; ÷ ${sci(r.concentrationPerMl)} cells/mL = ${volumeMl.toFixed(3)} mL; draw ${drawMl.toFixed(1)} mL (${sci(deliveredPerKg)} cells/kg)`,
  };
}
