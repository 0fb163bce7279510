/**
 * Bronchopulmonary dysplasia graded at 36 weeks' postmenstrual age by Jensen et al. 2019 (Jensen EA,
 * Dysart K, Gantz MG, et al. "The diagnosis of bronchopulmonary dysplasia in very preterm infants: an
 * evidence-based approach." Am J Respir Crit Care Med 2019;200(6):751–759): the grade is the mode of
 * respiratory support at 36 weeks PMA alone, regardless of prior oxygen — no support: no BPD; nasal
 * cannula ≤ 2 L/min: grade 1; nasal cannula > 2 L/min or non-invasive positive airway pressure: grade 2;
 * invasive mechanical ventilation: grade 3. Chosen over NICHD 2001 because it needs no day-28 oxygen
 * record, which Cradle does not hold, and it best predicted death or serious morbidity at 18–26 months.
 * Pure constants: the form's fields are built from them.
 */

export const BPD_SUPPORTS = [
  "none",
  "nasal-cannula-up-to-2-l-min",
  "nasal-cannula-over-2-l-min",
  "non-invasive-positive-pressure",
  "invasive-ventilation",
] as const;
export type BpdSupport = (typeof BPD_SUPPORTS)[number];

export const BPD_GRADES = ["no-bpd", "grade-1", "grade-2", "grade-3"] as const;
export type BpdGrade = (typeof BPD_GRADES)[number];

const GRADE_OF: Record<BpdSupport, BpdGrade> = {
  none: "no-bpd",
  "nasal-cannula-up-to-2-l-min": "grade-1",
  "nasal-cannula-over-2-l-min": "grade-2",
  "non-invasive-positive-pressure": "grade-2",
  "invasive-ventilation": "grade-3",
};

/** The Jensen 2019 grade of the support at 36 weeks PMA. */
export function jensenBpdGrade(support: BpdSupport): BpdGrade {
  return GRADE_OF[support];
}

/** 36 weeks' postmenstrual age, in days of gestation plus days of life. */
export const BPD_PMA_DAYS = 36 * 7;
/** The assessment's tolerance around 36 weeks PMA: a week either side (the protocol's visit rule). */
export const BPD_PMA_TOLERANCE_DAYS = 7;

/** Postmenstrual age in whole days: gestational age at birth plus whole days elapsed since the birth. */
export function pmaDays(
  birth: { birthAt: string; gestationalWeeks: number; gestationalDays: number },
  at: string,
): number {
  const lived = Math.floor((Date.parse(at) - Date.parse(birth.birthAt)) / 86_400_000);
  return birth.gestationalWeeks * 7 + birth.gestationalDays + lived;
}

/** A PMA in days as weeks+days ("36+0"). */
export function weeksAndDays(days: number): string {
  return `${Math.floor(days / 7)}+${days % 7}`;
}
