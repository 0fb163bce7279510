/**
 * Cell dose per kilogram of the recipient: the arithmetic transplant physicians check before choosing a
 * unit. Units are cells (not ×10^7) and grams, so no factor is hidden; bad input is refused, never guessed.
 */
import { CradleError } from "../errors.js";
import { WEIGHT_GRAMS_RANGE } from "./constants.js";

export { WEIGHT_GRAMS_RANGE } from "./constants.js";

export interface DoseInput {
  /** Total nucleated cells in the unit (or the fraction to be infused). */
  tnc: number;
  /** CD34+ cells, when counted. */
  cd34?: number | undefined;
  weightGrams: number;
  /** Expected post-thaw recovery, 0 < r ≤ 1 (e.g. 0.8); 1 when the counts are already post-thaw. */
  recovery?: number | undefined;
}

export interface Dose {
  tncPerKg: number;
  /** Undefined when CD34+ was not counted. */
  cd34PerKg: number | undefined;
  weightKg: number;
  recovery: number;
}

function invalid(field: string, value: unknown, why: string): CradleError {
  return new CradleError("INVALID_INPUT", `${field} ${String(value)}: ${why}`, { field, value });
}

function count(field: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw invalid(field, v, "must be a finite number of cells, 0 or more");
  return v;
}

export function cellDose(input: DoseInput): Dose {
  const [min, max] = WEIGHT_GRAMS_RANGE;
  const w = input.weightGrams;
  if (!Number.isFinite(w) || w < min || w > max) {
    throw invalid("weightGrams", w, `must be a weight in grams between ${min} and ${max}`);
  }
  const recovery = input.recovery ?? 1;
  if (!Number.isFinite(recovery) || recovery <= 0 || recovery > 1) {
    throw invalid("recovery", recovery, "must be a fraction above 0 and at most 1");
  }
  const weightKg = w / 1000;
  const tnc = count("tnc", input.tnc);
  const cd34 = input.cd34 === undefined ? undefined : count("cd34", input.cd34);
  return {
    tncPerKg: (tnc * recovery) / weightKg,
    cd34PerKg: cd34 === undefined ? undefined : (cd34 * recovery) / weightKg,
    weightKg,
    recovery,
  };
}

/** "4.2×10^7" — how doses are written on cord selection forms. */
export function scientific(cellsPerKg: number, digits = 1): string {
  if (cellsPerKg === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(cellsPerKg)));
  return `${(cellsPerKg / 10 ** exp).toFixed(digits)}×10^${exp}`;
}
