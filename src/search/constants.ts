/** The fixed lists of listings (adult donors and cord units), pure: the schemas and the web's types use them. */
export const ABO_GROUPS = ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"] as const;
export type Abo = (typeof ABO_GROUPS)[number];

export const LISTING_KINDS = ["adult", "cord"] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const DONOR_SEXES = ["F", "M"] as const;
export const CMV_STATUSES = ["positive", "negative", "unknown"] as const;

/** Loci a listing must type to be searched: the ones every match class counts. */
export const REQUIRED_LOCI = ["A", "B", "DRB1"] as const;

/**
 * How a search orders its hits: by grade (the default ranking), or by a match probability from haplotype
 * frequencies: P(8/8), P(≤ 1 of 8 mismatched), and for cords P(≤ 4 of 8) then the cell dose.
 */
export const SEARCH_SORTS = ["grade", "p8", "pLe1", "pLe4"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
