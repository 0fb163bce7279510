/**
 * The built-in protocols, as data: who is eligible, the dose per kg, and the windows of the schedule.
 * Sources (FIELD-FACTS.md): autologous cord blood for HIE (Cotten et al., J Pediatr 2014; NCT00593242,
 * NCT02612155: ≥ 35 weeks, ≥ 1800 g, collections under 40 mL excluded, up to 4 doses, the first by 48 h of
 * age, all by 72 h); MSCs for bronchopulmonary dysplasia (Phase II: 23–28 weeks, days 5–14 of life,
 * 1×10^7 cells/kg intratracheally); allogeneic cord blood transplant for inherited metabolic or immune
 * disorders (infusion on day 0, the minimum dose per kg by diagnosis class).
 */
import { CradleError } from "../errors.js";
import type { Protocol } from "./schemas/protocol.js";

export type { Protocol };

export const PROTOCOLS = {
  "hie-autologous-cord-blood": {
    id: "hie-autologous-cord-blood",
    version: 1,
    title: "Autologous cord blood for hypoxic-ischemic encephalopathy",
    dosing: "per-kg",
    // 1–5×10^7 cells/kg per dose (Cotten 2014); the trial record gives 5×10^7/kg per infusion.
    targetPerKg: 5e7,
    minPerKg: 1e7,
    maxPerKg: 5e7,
    route: "intravenous",
    product: { autologous: true, fresh: true },
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
    dosing: "whole-product",
    // Non-malignant disease: more than 5×10^7 TNC/kg (FIELD-FACTS, cord unit selection); the floor is
    // refined by diagnosis class in minimumPerKg().
    targetPerKg: 5e7,
    minPerKg: 5e7,
    maxPerKg: 5e8,
    route: "intravenous",
    product: { autologous: false, fresh: false },
    // Myeloablative busulfan-based conditioning from day -9 (a common paediatric regimen length).
    conditioningDays: 9,
    windows: [{ number: 1, anchor: "day0", fromHours: 0, toHours: 24 }],
  },
  "msc-bronchopulmonary-dysplasia": {
    id: "msc-bronchopulmonary-dysplasia",
    // Version 2 is randomised against a control arm, as the Phase II trial was (Ahn et al., Stem Cells
    // Transl Med 2021: 23–28 weeks, 1×10^7 cells/kg intratracheally against placebo). Version 1 had no arms.
    version: 2,
    title: "Mesenchymal stromal cells for bronchopulmonary dysplasia",
    dosing: "per-kg",
    targetPerKg: 1e7,
    minPerKg: 1e7,
    maxPerKg: 2e7,
    route: "intratracheal",
    product: { autologous: false, fresh: false },
    // Days 5 to 14 of life, counted as elapsed days from birth.
    windows: [{ number: 1, anchor: "birth", fromHours: 5 * 24, toHours: 14 * 24 }],
    arms: [
      { id: "msc", title: "MSCs, 1×10^7 cells/kg intratracheally", receivesCells: true },
      {
        id: "control",
        title: "Control (placebo or standard care, not dispensed by Cradle)",
        receivesCells: false,
      },
    ],
  },
} satisfies Record<string, Protocol>;

export type ProtocolId = keyof typeof PROTOCOLS;

/** The protocols' identifiers: the values a protocol field may hold. */
export const PROTOCOL_IDS = Object.keys(PROTOCOLS) as ProtocolId[];

/** Diagnosis classes with their own cell dose floor (cord blood, TNC per kg; FIELD-FACTS). */
export const DOSE_FLOOR_BY_CLASS = { malignant: 3e7, nonmalignant: 5e7 } as const;

/** ICD-10 chapter II, neoplasms: C00–D48 (D49 in ICD-10-CM). */
export function diagnosisClass(icd10: string): keyof typeof DOSE_FLOOR_BY_CLASS {
  const letter = icd10[0];
  const n = Number(icd10.slice(1, 3));
  return letter === "C" || (letter === "D" && n <= 49) ? "malignant" : "nonmalignant";
}

/** The fewest cells per kg for this protocol and diagnosis. */
export function minimumPerKg(protocol: Protocol, icd10: string): number {
  return protocol.dosing === "whole-product"
    ? Math.max(protocol.minPerKg, DOSE_FLOOR_BY_CLASS[diagnosisClass(icd10)])
    : protocol.minPerKg;
}

export function protocolById(id: string): Protocol {
  const p: Protocol | undefined = Object.hasOwn(PROTOCOLS, id) ? PROTOCOLS[id as ProtocolId] : undefined;
  if (!p) {
    throw new CradleError(
      "INVALID_INPUT",
      `protocol "${id}" is not one of ${Object.keys(PROTOCOLS).join(", ")}`,
      {
        field: "protocol",
        value: id,
      },
    );
  }
  return p;
}
