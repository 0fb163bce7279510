/**
 * Protocol eligibility as rules: each rule looks at the infant and says pass or fail with its reason, and
 * every failing rule is reported (a clinician needs all of them, not the first). The thresholds are the
 * protocols' own (see protocols.ts for the sources).
 */
import { type Rule, type RuleResult, runRules } from "../contract/rules.js";
import { CradleError } from "../errors.js";
import { BOUNDS, type Indication, type RespiratorySupport } from "./vocabulary.js";

export type { RuleResult };

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

const HOUR = 3_600_000;

/** The infant's facts within their bounds: a stored record read back, or an infant built by a caller. */
export function checkInfant(i: Infant): void {
  const [gwLo, gwHi] = BOUNDS.gestationalWeeks;
  if (!Number.isInteger(i.gestationalWeeks) || i.gestationalWeeks < gwLo || i.gestationalWeeks > gwHi) {
    throw new CradleError(
      "INVALID_INPUT",
      `gestationalWeeks ${i.gestationalWeeks}: ${gwLo} to ${gwHi} completed weeks`,
      { field: "gestationalWeeks", value: i.gestationalWeeks },
    );
  }
  const [gdLo, gdHi] = BOUNDS.gestationalDays;
  if (!Number.isInteger(i.gestationalDays) || i.gestationalDays < gdLo || i.gestationalDays > gdHi) {
    throw new CradleError(
      "INVALID_INPUT",
      `gestationalDays ${i.gestationalDays}: ${gdLo} to ${gdHi} days past the completed weeks`,
      { field: "gestationalDays", value: i.gestationalDays },
    );
  }
  const [bwLo, bwHi] = BOUNDS.birthWeightGrams;
  if (!Number.isFinite(i.birthWeightGrams) || i.birthWeightGrams < bwLo || i.birthWeightGrams > bwHi) {
    throw new CradleError(
      "INVALID_INPUT",
      `birthWeightGrams ${i.birthWeightGrams}: ${bwLo} to ${bwHi} grams`,
      { field: "birthWeightGrams", value: i.birthWeightGrams },
    );
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

/** What the eligibility rules read: the infant, and the moment of the decision. */
export interface EligibilityFacts {
  infant: Infant;
  now: Date;
}

const rule = (
  name: string,
  test: (i: Infant, now: Date) => boolean,
  reason: (i: Infant, now: Date) => string,
): Rule<EligibilityFacts> => ({
  rule: name,
  check: ({ infant, now }) => ({ passed: test(infant, now), reason: reason(infant, now) }),
});

export const ELIGIBILITY: Readonly<Record<string, readonly Rule<EligibilityFacts>[]>> = {
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
  const rules = Object.hasOwn(ELIGIBILITY, protocolId) ? ELIGIBILITY[protocolId] : undefined;
  if (!rules)
    throw new CradleError(
      "INVALID_INPUT",
      `protocol "${protocolId}" is not one of ${Object.keys(ELIGIBILITY).join(", ")}`,
      { field: "protocol", value: protocolId, reason: "is not a protocol" },
    );
  checkInfant(infant);
  const results = runRules(rules, { infant, now });
  return { eligible: results.every((r) => r.passed), results };
}
