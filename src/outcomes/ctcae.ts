/**
 * Adverse events' fixed lists (CTCAE v5.0): grades 1 mild … 5 death, attribution to the cell product.
 * Pure constants: the schemas are built from them.
 */
export const CTCAE_GRADE = { min: 1, max: 5 } as const;

export const ATTRIBUTIONS = ["unrelated", "unlikely", "possible", "probable", "definite"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** Attributions that count as related for expedited reporting (21 CFR 312.32). */
export const RELATED: readonly Attribution[] = ["possible", "probable", "definite"];

/** A CTCAE term's length: MedDRA lowest-level terms are short; 2 to 200 characters. */
export const TERM_LENGTH = { min: 2, max: 200 } as const;
