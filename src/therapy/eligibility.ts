/**
 * Protocol eligibility as rules: each rule looks at the infant and says pass or fail with its reason, and
 * every failing rule is reported (a clinician needs all of them, not the first). The thresholds are the
 * protocols' own (see protocols.ts for the sources).
 */
import { CradleError } from "../errors.js";

export const INDICATIONS = [
  "genetic-disorder",
  "congenital-abnormality",
  "neonatal-brain-injury",
  "complication-of-prematurity",
] as const;
export type Indication = (typeof INDICATIONS)[number];

export const RESPIRATORY_SUPPORT = ["none", "oxygen", "cpap", "mechanical-ventilation"] as const;
export type RespiratorySupport = (typeof RESPIRATORY_SUPPORT)[number];

export interface Infant {
  birth: Date;
  /** Gestational age at birth, in completed weeks and days. */
  gestationalWeeks: number;
  gestationalDays: number;
  birthWeightGrams: number;
  indication: Indication;
  /** ICD-10 code of the diagnosis, e.g. P91.6 (HIE), E75.23 (Krabbe), E76.01 (Hurler), D81.1 (SCID). */
  icd10: string;
  /** Cord blood collected at birth (autologous protocols). */
  cordBloodCollectedMl?: number;
  respiratorySupport?: RespiratorySupport;
}

export interface RuleResult {
  rule: string;
  passed: boolean;
  reason: string;
}

const HOUR = 3_600_000;

export function checkInfant(i: Infant): void {
  if (!Number.isInteger(i.gestationalWeeks) || i.gestationalWeeks < 20 || i.gestationalWeeks > 44) {
    throw new CradleError(
      "INVALID_INPUT",
      `gestationalWeeks ${i.gestationalWeeks}: 20 to 44 completed weeks`,
      { field: "gestationalWeeks" },
    );
  }
  if (!Number.isInteger(i.gestationalDays) || i.gestationalDays < 0 || i.gestationalDays > 6) {
    throw new CradleError(
      "INVALID_INPUT",
      `gestationalDays ${i.gestationalDays}: 0 to 6 days past the completed weeks`,
      { field: "gestationalDays" },
    );
  }
  if (!Number.isFinite(i.birthWeightGrams) || i.birthWeightGrams < 300 || i.birthWeightGrams > 7000) {
    throw new CradleError("INVALID_INPUT", `birthWeightGrams ${i.birthWeightGrams}: 300 to 7000 grams`, {
      field: "birthWeightGrams",
    });
  }
  if (!/^[A-TV-Z]\d{2}(\.\d{1,4})?$/.test(i.icd10)) {
    throw new CradleError("INVALID_INPUT", `icd10 "${i.icd10}" is not an ICD-10 code such as P91.6`, {
      field: "icd10",
      value: i.icd10,
    });
  }
}

const ga = (i: Infant) => i.gestationalWeeks * 7 + i.gestationalDays;
const gaText = (i: Infant) => `${i.gestationalWeeks}+${i.gestationalDays} weeks`;
const ageHours = (i: Infant, now: Date) => (now.getTime() - i.birth.getTime()) / HOUR;

type Rule = (i: Infant, now: Date) => RuleResult;

const rule =
  (name: string, test: (i: Infant, now: Date) => boolean, reason: (i: Infant, now: Date) => string): Rule =>
  (i, now) => ({
    rule: name,
    passed: test(i, now),
    reason: reason(i, now),
  });

export const ELIGIBILITY: Readonly<Record<string, readonly Rule[]>> = {
  "hie-autologous-cord-blood": [
    rule(
      "indication",
      (i) => i.indication === "neonatal-brain-injury",
      (i) => `indication ${i.indication}; the protocol treats neonatal brain injury (HIE)`,
    ),
    rule(
      "gestational-age",
      (i) => ga(i) >= 35 * 7,
      (i) => `born at ${gaText(i)}; at least 35+0 weeks`,
    ),
    rule(
      "birth-weight",
      (i) => i.birthWeightGrams >= 1800,
      (i) => `birth weight ${i.birthWeightGrams} g; at least 1800 g`,
    ),
    rule(
      "cord-blood-volume",
      (i) => (i.cordBloodCollectedMl ?? 0) >= 40,
      (i) =>
        i.cordBloodCollectedMl === undefined
          ? "no cord blood collection recorded"
          : `${i.cordBloodCollectedMl} mL of cord blood collected; at least 40 mL`,
    ),
    rule(
      "first-dose-window",
      (i, now) => ageHours(i, now) < 48,
      (i, now) => `${ageHours(i, now).toFixed(1)} hours old; the first dose is due by 48 hours of age`,
    ),
  ],
  "allogeneic-cord-blood-transplant": [
    rule(
      "indication",
      (i) => i.indication === "genetic-disorder",
      (i) => `indication ${i.indication}; the protocol treats inherited metabolic or immune disorders`,
    ),
  ],
  "msc-bronchopulmonary-dysplasia": [
    rule(
      "indication",
      (i) => i.indication === "complication-of-prematurity",
      (i) => `indication ${i.indication}; the protocol treats bronchopulmonary dysplasia of prematurity`,
    ),
    rule(
      "gestational-age",
      (i) => ga(i) >= 23 * 7 && ga(i) <= 28 * 7 + 6,
      (i) => `born at ${gaText(i)}; 23+0 to 28+6 weeks`,
    ),
    rule(
      "respiratory-support",
      (i) => i.respiratorySupport === "mechanical-ventilation",
      (i) => `respiratory support ${i.respiratorySupport ?? "not recorded"}; mechanical ventilation`,
    ),
    rule(
      "day-of-life",
      (i, now) => ageHours(i, now) >= 5 * 24 && ageHours(i, now) <= 14 * 24,
      (i, now) => `day ${(ageHours(i, now) / 24).toFixed(1)} of life; days 5 to 14`,
    ),
  ],
};

/** Every rule of the protocol for this infant now; eligible when all pass. */
export function evaluateEligibility(
  protocolId: string,
  infant: Infant,
  now: Date,
): { eligible: boolean; results: RuleResult[] } {
  const rules = ELIGIBILITY[protocolId];
  if (!rules)
    throw new CradleError(
      "INVALID_INPUT",
      `protocol "${protocolId}" is not one of ${Object.keys(ELIGIBILITY).join(", ")}`,
      { field: "protocol" },
    );
  checkInfant(infant);
  const results = rules.map((r) => r(infant, now));
  return { eligible: results.every((r) => r.passed), results };
}
