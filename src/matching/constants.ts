/**
 * The fixed lists of matching, in one pure module: grading, the search index and cord ranking use them,
 * and so do the search service's schemas (which the web app's types import, so this file imports nothing).
 */

/** Loci graded, in GL order. */
export const GRADED_LOCI = ["A", "B", "C", "DRB1", "DQB1", "DPB1"] as const;
export type GradedLocus = (typeof GRADED_LOCI)[number];

/** Loci the search index holds, in the order of its arrays (GL order). */
export const INDEX_LOCI = ["A", "B", "C", "DQB1", "DRB1"] as const;
export type IndexLocus = (typeof INDEX_LOCI)[number];

/**
 * Most combinations of genotype alternatives ("|") a listing's typing may have over INDEX_LOCI (the
 * product of each locus's count): a search scores every combination (search-alternatives.ts).
 */
export const MAX_COMBINATIONS = 1024;

export const POSITION_GRADES = ["allele", "antigen", "mismatch"] as const;
export type PositionGrade = (typeof POSITION_GRADES)[number];

export const CONFIDENCES = ["definite", "exact", "potential", "mismatch"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Mismatch direction over A, B, C, DRB1, best first. */
export const DIRECTIONS = ["none", "gvh-only", "bidirectional", "hvg-only"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The disease class that sets a cord search's TNC/kg floor. */
export const DIAGNOSES = ["malignant", "nonmalignant"] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

/** What a search looks through. */
export const SEARCH_KINDS = ["adult", "cord"] as const;
export type IndexKind = (typeof SEARCH_KINDS)[number];

/** Loci a search counts: the 8 (A, B, C, DRB1) or the 10 (with DQB1). */
export const LOCI_COUNTED = [8, 10] as const;

/** Plausible recipient weights: a 300 g extremely preterm infant to a 250 kg adult. */
export const WEIGHT_GRAMS_RANGE = [300, 250_000] as const;

/**
 * WMDA match grades per position, worst first (the order Atlas ranks them in; the best of a typing's
 * alternatives is kept). gDNA and cDNA need the release's allele sequence status and are not assigned
 * without it; Unknown is an untyped position.
 */
export const WMDA_GRADES = [
  "Mismatch",
  "ExpressingVsNull",
  "PermissiveMismatch",
  "Broad",
  "Split",
  "Associated",
  "NullMismatch",
  "NullPartial",
  "NullCDna",
  "NullGDna",
  "PGroup",
  "GGroup",
  "Protein",
  "CDna",
  "GDna",
  "Unknown",
] as const;
export type WmdaGrade = (typeof WMDA_GRADES)[number];
export const WMDA_RANK: Readonly<Record<WmdaGrade, number>> = Object.fromEntries(
  WMDA_GRADES.map((g, i) => [g, g === "Unknown" ? -1 : i]),
) as Record<WmdaGrade, number>;

/** WMDA locus categories. */
export const LOCUS_CATEGORIES = ["Match", "PermissiveMismatch", "Mismatch", "Unknown"] as const;
export type LocusCategory = (typeof LOCUS_CATEGORIES)[number];

/** WMDA overall match categories, best first. */
export const MATCH_CATEGORIES = ["Definite", "Exact", "Potential", "PermissiveMismatch", "Mismatch"] as const;
export type MatchCategory = (typeof MATCH_CATEGORIES)[number];

/** How a DPB1 mismatch reads against the T-cell-epitope groups. */
export const DPB1_TCE_READINGS = [
  "permissive",
  "non-permissive-gvh",
  "non-permissive-hvg",
  "unknown",
] as const;
export type Dpb1TceReading = (typeof DPB1_TCE_READINGS)[number];
