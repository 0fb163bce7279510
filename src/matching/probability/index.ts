/** Match probability from haplotype frequencies: frequency sets, imputation, P(mismatches). Pure. */
export { CATEGORY_THRESHOLDS, MATCH_CATEGORIES, type MatchCategory, categoryOf } from "./category.js";
export {
  FREQUENCY_RESOLUTIONS,
  type FrequencyResolution,
  type FrequencySetOptions,
  type HaplotypeFrequencySet,
  type BadRow,
  isFrequencyResolution,
  parseFrequencySet,
} from "./frequency-set.js";
export { type Imputation, type ImputedGenotype, type ImputeOptions, Imputer } from "./impute.js";
export {
  MATCH_GENOTYPES,
  type MatchProbability,
  PROBABILITY_LOCI,
  matchProbability,
} from "./match-probability.js";
export { type MaternalResult, constrainByMother } from "./maternal.js";
export { type EightPatient, eightPatient, overallEight } from "./overall-eight.js";
export { MAX_GENOTYPES } from "./per-locus.js";
export { isUnambiguous } from "./typing-constraints.js";
