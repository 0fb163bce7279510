/**
 * A cord unit's genotypes constrained by its mother's typing: the cord inherited one of its two haplotypes
 * from her. With T(h) the chance the mother passes haplotype h — over her imputed genotypes g,
 * T(h) = Σ P(g) · (number of copies of h in g) / 2 — and f the set's frequencies for the father's haplotype,
 * a cord genotype H1+H2 weighs T(H1)·f(H2) + T(H2)·f(H1) (T(H)·f(H) when H1 = H2), in place of the
 * Hardy–Weinberg 2·f(H1)·f(H2): only genotypes with a haplotype one of the mother's imputed haplotypes
 * may carry keep any weight. Weights are normalised over the cord's genotypes given.
 *
 * When no cord genotype carries a haplotype of the mother's (a typing error, a non-maternal sample, or
 * haplotypes the set lacks, as in a per-locus fallback) nothing is constrained and the reason says so: never
 * a silent zero.
 */
import type { HaplotypeFrequencySet } from "./frequency-set.js";
import type { Imputation, ImputeOptions } from "./impute.js";
import { truncation } from "./impute.js";

const frequencies = new WeakMap<HaplotypeFrequencySet, Map<string, number>>();
function frequencyOf(set: HaplotypeFrequencySet): Map<string, number> {
  let m = frequencies.get(set);
  if (!m) {
    m = new Map(set.haplotypeNames.map((n, h) => [n, set.frequency[h] as number]));
    frequencies.set(set, m);
  }
  return m;
}

export interface MaternalResult {
  imputation: Imputation;
  /** Whether the mother's haplotypes constrained the cord's genotypes. */
  constrained: boolean;
  /** What was done, for the record: shown with the cord's imputation. */
  note: string;
}

/**
 * The cord's distribution given its mother's. `cord` should be the cord's imputation before truncation (all
 * its genotypes); the answer is truncated as `options` say (default 99.9 %).
 */
export function constrainByMother(
  set: HaplotypeFrequencySet,
  cord: Imputation,
  mother: Imputation,
  options: ImputeOptions = {},
): MaternalResult {
  const f = frequencyOf(set);
  const T = new Map<string, number>();
  let motherTotal = 0;
  for (const g of mother.genotypes) motherTotal += g.probability;
  if (motherTotal > 0) {
    for (const g of mother.genotypes) {
      const p = g.probability / motherTotal / 2;
      for (const h of g.haplotypes) T.set(h, (T.get(h) ?? 0) + p);
    }
  }
  const weights = cord.genotypes.map(({ haplotypes: [h1, h2] }) => {
    const t1 = T.get(h1) ?? 0;
    const t2 = T.get(h2) ?? 0;
    const f1 = f.get(h1) ?? 0;
    const f2 = f.get(h2) ?? 0;
    return h1 === h2 ? t1 * f1 : t1 * f2 + t2 * f1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) {
    return {
      imputation: cord,
      constrained: false,
      note: "the mother's imputed haplotypes are in none of the cord's genotypes: the cord's imputation is not constrained",
    };
  }
  const { share, top } = truncation(options);
  const ranked = cord.genotypes
    .map((g, i) => ({ ...g, probability: (weights[i] as number) / total }))
    .filter((g) => g.probability > 0)
    .sort((a, b) => b.probability - a.probability);
  const kept: typeof ranked = [];
  let covered = 0;
  for (const g of ranked) {
    if (kept.length >= top || covered >= share) break;
    kept.push(g);
    covered += g.probability;
  }
  return {
    imputation: { ...cord, genotypes: kept, coverage: Math.min(1, covered), computed: ranked.length },
    constrained: true,
    note: `constrained by the mother's typing: ${ranked.length} of ${cord.genotypes.length} genotypes carry a haplotype she may have passed on`,
  };
}
