/** What an imputation gives: a typing's distribution over phased genotypes, and how it was reached. */

export interface ImputedGenotype {
  /** H1 and H2, each "A*..~C*..~…" in the set's locus order and resolution, H1 ≤ H2 as text. */
  haplotypes: readonly [string, string];
  /** Normalised over every genotype computed, before truncation. */
  probability: number;
  /** Per locus of the set, H1's then H2's allele: [H1 l0, H1 l1, …, H2 l0, H2 l1, …]. */
  alleles: readonly string[];
}

export type Fallback = "per-locus";

export interface Imputation {
  genotypes: ImputedGenotype[];
  /** Share of the probability the kept genotypes carry (1 when nothing was cut). */
  coverage: number;
  /** No pair of the set's haplotypes explains the typing. */
  unrepresented: boolean;
  /** Why, when unrepresented. */
  reason: string | null;
  /** How the distribution was computed instead, when unrepresented. */
  fallback: Fallback | null;
  /** Genotypes found before truncation. */
  computed: number;
  /** Loci of the typing the set does not have, left out. */
  ignoredLoci: readonly string[];
}
