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
