/**
 * The analysis dataset's data dictionary: each column's meaning, unit and allowed values, sent with every
 * export of it. Pure constants.
 */
import { BAYLEY_III_COMPOSITES } from "./form-fields.js";
export interface DictionaryEntry {
  column: string;
  meaning: string;
  unit: string;
  allowed: string;
}

const composite = (domain: keyof typeof BAYLEY_III_COMPOSITES, month: number): DictionaryEntry => ({
  column: `bayley_${domain}_m${month}`,
  meaning: `Bayley-III ${domain} composite at the month-${month} visit`,
  unit: "standard score (mean 100, SD 15)",
  allowed: `${BAYLEY_III_COMPOSITES[domain].min}–${BAYLEY_III_COMPOSITES[domain].max} (Bayley-III Technical Manual); empty when not assessed`,
});
const intact = (month: number): DictionaryEntry => ({
  column: `survival_bayley85_m${month}`,
  meaning: `alive with all three Bayley-III composites ≥ 85 at the month-${month} visit (HIE trials' outcome)`,
  unit: "",
  allowed: "1 yes, 0 no (died by then, or a composite < 85); empty when not yet known",
});

export const ANALYSIS_DICTIONARY: readonly DictionaryEntry[] = [
  {
    column: "subject",
    meaning: "keyed pseudonym of the patient (HMAC-SHA256 of the MRN)",
    unit: "",
    allowed: "S- and 12 hex digits",
  },
  {
    column: "protocol",
    meaning: "the treatment protocol of the plan",
    unit: "",
    allowed: "a Cradle protocol id",
  },
  {
    column: "arm",
    meaning: "the arm the trial's randomisation assigned (the plan is analysed in it: intention to treat)",
    unit: "",
    allowed: "an arm id of the protocol's version (e.g. msc, control); empty on a protocol without arms",
  },
  { column: "indication", meaning: "the indication recorded at registration", unit: "", allowed: "text" },
  { column: "icd10", meaning: "the indication's ICD-10 code", unit: "", allowed: "ICD-10 code" },
  {
    column: "donor_type",
    meaning:
      "whose cells were given, from the bank's ISBT 128 collection type of each infused product; the donor's relatedness is not recorded in Cradle, so an allogeneic donor is not split into related and unrelated",
    unit: "",
    allowed: "autologous, allogeneic, mixed (both kinds given); empty when nothing was infused",
  },
  {
    column: "hla_match",
    meaning:
      "HLA match of the allogeneic graft given, graded on the server's IMGT/HLA release from the patient's registered typing and the bank's HLA result of each product given: a cord unit by its match class (A and B at antigen level, DRB1 at allele level), any other graft at allele level at A, B, C and DRB1; a double cord lists each unit's class",
    unit: "matched of 6 (cord) or of 8",
    allowed:
      "6/6 … 0/6 (cord), 8/8 … 0/8 (other grafts), joined with ' + ' for several units; incompletely-typed (a counted locus untyped on either side), not-recorded (no typing or no release loaded), not-applicable (autologous); empty when nothing was infused",
  },
  {
    column: "cells_per_kg_given",
    meaning: "cells given over all infusions of the plan, per kg of the ordered weight",
    unit: "cells/kg (4 significant digits)",
    allowed: "> 0",
  },
  {
    column: "neutrophil_engraftment_day",
    meaning: "first of 3 days with ANC ≥ 0.5 ×10^9/L (transplants)",
    unit: "days after day 0",
    allowed: "0 or more; empty when not reached",
  },
  {
    column: "acute_gvhd_max_grade",
    meaning: "highest MAGIC acute GVHD grade recorded",
    unit: "grade",
    allowed: "0–4; empty when no form",
  },
  {
    column: "chronic_gvhd_worst",
    meaning: "worst NIH 2014 chronic GVHD global severity recorded",
    unit: "",
    allowed: "none, mild, moderate, severe; empty when no form",
  },
  composite("cognitive", 12),
  composite("language", 12),
  composite("motor", 12),
  composite("cognitive", 24),
  composite("language", 24),
  composite("motor", 24),
  intact(12),
  intact(24),
  {
    column: "bpd_grade_36w",
    meaning:
      "bronchopulmonary dysplasia grade at 36 weeks' postmenstrual age by Jensen et al. 2019, from the respiratory support recorded (MSC protocol)",
    unit: "grade",
    allowed: "no-bpd, grade-1, grade-2, grade-3; empty when not assessed",
  },
  ...[1, 2, 3, 4, 5].map((g) => ({
    column: `ae_grade_${g}`,
    meaning: `adverse events of CTCAE v5.0 grade ${g}`,
    unit: "count",
    allowed: "0 or more",
  })),
  {
    column: "vital_status",
    meaning: "dead when a death is recorded, else alive at last follow-up",
    unit: "",
    allowed: "alive, dead",
  },
  {
    column: "follow_up_days",
    meaning: "completed days from time zero (time_zero) to death or the last follow-up",
    unit: "days",
    allowed: "0 or more",
  },
  {
    column: "time_zero",
    meaning:
      "what the days count from: the randomisation on a randomised protocol (whether or not cells were given), else the first infusion",
    unit: "",
    allowed: "randomisation, first-infusion",
  },
];
