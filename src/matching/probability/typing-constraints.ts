/**
 * What a typing allows at each locus of a frequency set: its genotype alternatives, each a pair of allele
 * lists (one per chromosome, phase unknown) at the set's resolution. MACs, XX codes, serology and allele
 * lists are expanded and reduced by the HLA engine; a locus the typing leaves out allows any allele.
 */
import type { HlaEngine } from "../../hla/index.js";
import { typingByLocus } from "../typing.js";
import { type HaplotypeFrequencySet, namesAt } from "./frequency-set.js";

/** One genotype alternative: the names each chromosome may carry, at the set's resolution. */
export type AllelePair = readonly [readonly string[], readonly string[]];

export interface LocusConstraint {
  locus: string;
  /** The typing's text at this locus, for messages ("A*01:AB+A24"); "" when untyped. */
  typed: string;
  /** Genotype alternatives ("|"); undefined when the typing leaves the locus untyped. */
  alternatives: readonly AllelePair[] | undefined;
}

export interface TypingConstraints {
  /** In the set's locus order. */
  loci: readonly LocusConstraint[];
  /** Loci the typing names that the set does not have (DPB1, DRB3 …): not imputed. */
  ignored: readonly string[];
}

/** Position text → its names at a resolution. Shared by every typing an imputer reads (bounded). */
export type NameCache = Map<string, readonly string[]>;
const CACHE_LIMIT = 200_000;

/** Reads a GL string (already validated) into the set's loci. */
export function constraintsOf(
  engine: HlaEngine,
  set: HaplotypeFrequencySet,
  gl: string,
  cache: NameCache,
): TypingConstraints {
  const byLocus = typingByLocus(gl, engine.release);
  const namesOf = (position: string): readonly string[] => {
    let names = cache.get(position);
    if (names === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      names = namesAt(engine, position, set.resolution);
      cache.set(position, names);
    }
    return names;
  };
  const loci = set.loci.map((locus): LocusConstraint => {
    const t = byLocus.get(locus);
    if (!t) return { locus, typed: "", alternatives: undefined };
    return {
      locus,
      typed: t.genotypes.map((g) => `${g[0]}+${g[1]}`).join("|"),
      alternatives: t.genotypes.map((g): AllelePair => [namesOf(g[0]), namesOf(g[1])]),
    };
  });
  const ignored = [...byLocus.keys()].filter((l) => !set.loci.includes(l));
  return { loci, ignored };
}

/** True when every locus is typed with one genotype of one name per chromosome. */
export function isUnambiguous(c: TypingConstraints): boolean {
  return c.loci.every(
    (l) =>
      l.alternatives?.length === 1 &&
      l.alternatives[0]?.[0].length === 1 &&
      l.alternatives[0][1].length === 1,
  );
}
