/**
 * The built-in protocols, as data: who is eligible, the dose per kg, and the windows of the schedule.
 * Sources (FIELD-FACTS.md): autologous cord blood for HIE (Cotten et al., J Pediatr 2014; NCT00593242,
 * NCT02612155: ≥ 35 weeks, ≥ 1800 g, collections under 40 mL excluded, up to 4 doses, the first by 48 h of
 * age, all by 72 h); MSCs for bronchopulmonary dysplasia (Phase II: 23–28 weeks, days 5–14 of life,
 * 1×10^7 cells/kg intratracheally); allogeneic cord blood transplant for inherited metabolic or immune
 * disorders (infusion on day 0, the minimum dose per kg by diagnosis class).
 */
import type { DoseWindow } from "./schedule.js";

export interface Protocol {
  id: string;
  version: number;
  title: string;
  /** Target cells per kg body weight per dose. */
  targetPerKg: number;
  /** The most cells per kg a dose may carry without a physician's signed exception. */
  maxPerKg: number;
  route: "intravenous" | "intratracheal";
  windows: DoseWindow[];
}

export const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  "hie-autologous-cord-blood": {
    id: "hie-autologous-cord-blood",
    version: 1,
    title: "Autologous cord blood for hypoxic-ischemic encephalopathy",
    targetPerKg: 5e7,
    maxPerKg: 5e7,
    route: "intravenous",
    windows: [
      { number: 1, anchor: "birth", fromHours: 0, toHours: 48 },
      { number: 2, anchor: "birth", fromHours: 0, toHours: 72 },
      { number: 3, anchor: "birth", fromHours: 0, toHours: 72 },
      { number: 4, anchor: "birth", fromHours: 0, toHours: 72 },
    ],
  },
  "allogeneic-cord-blood-transplant": {
    id: "allogeneic-cord-blood-transplant",
    version: 1,
    title: "Allogeneic cord blood transplant for an inherited metabolic or immune disorder",
    // Non-malignant disease: at least 5×10^7 TNC/kg (the cord selection floor of src/matching).
    targetPerKg: 5e7,
    maxPerKg: 5e8,
    route: "intravenous",
    windows: [{ number: 1, anchor: "day0", fromHours: 0, toHours: 24 }],
  },
  "msc-bronchopulmonary-dysplasia": {
    id: "msc-bronchopulmonary-dysplasia",
    version: 1,
    title: "Mesenchymal stromal cells for bronchopulmonary dysplasia",
    targetPerKg: 1e7,
    maxPerKg: 2e7,
    route: "intratracheal",
    // Days 5 to 14 of life, counted as elapsed days from birth.
    windows: [{ number: 1, anchor: "birth", fromHours: 5 * 24, toHours: 14 * 24 }],
  },
};
