/**
 * Allele and antigen mismatches of a locus genotype pair, on names at a frequency set's resolution, each
 * pair of names compared once. Shared by the match probability core and its search-wide 8/8 pass.
 */
import type { HlaEngine } from "../../hla/index.js";
import { type PositionFacts, alleleMatch, antigenMatch, positionFacts } from "../grade.js";

/**
 * One grader per release and locus, kept across calls: a search computes hundreds of candidates' match
 * probabilities over the same few hundred names, and a name's facts (its P, W and S reductions) cost more
 * than a whole call's sums (3 ms a call when each call graded afresh). Per locus, so the pair memo is the
 * square of one locus's names, not of all of them.
 */
const graders = new WeakMap<HlaEngine, Map<string, LocusGrader>>();
export function locusGrader(engine: HlaEngine, locus: string): LocusGrader {
  let byLocus = graders.get(engine);
  if (!byLocus) {
    byLocus = new Map();
    graders.set(engine, byLocus);
  }
  let g = byLocus.get(locus);
  // Started afresh past 4,096 names (a 16 MB memo): names outside the set's, from fallbacks, could grow it.
  if (!g || g.size >= 4096) {
    g = new LocusGrader(engine);
    byLocus.set(locus, g);
  }
  return g;
}

/**
 * The grader's locus rule (grade.ts, gradeGenotypes) on names already at the set's resolution, with each
 * pair of names compared once: a null position leaves its locus homozygous for the expressed one; the
 * orientation with more allele matches is kept, then the one with more antigen-or-better matches. Its
 * primitives are the grader's own (positionFacts, alleleMatch, antigenMatch); the exactness test holds the
 * two to the same counts.
 */
export class LocusGrader {
  private readonly ids = new Map<string, number>();
  private readonly facts: PositionFacts[] = [];
  /** Per pair of ids: 0 unknown, else 1 + (allele match ? 2 : 0) + (antigen or better ? 1 : 0). */
  private pairs = new Uint8Array(0);
  private width = 0;

  constructor(private readonly engine: HlaEngine) {}

  get size(): number {
    return this.facts.length;
  }

  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.facts.length;
      this.ids.set(name, i);
      this.facts.push(positionFacts(this.engine, name));
    }
    return i;
  }

  private pair(p: number, d: number): number {
    const n = this.facts.length;
    if (n > this.width) {
      // Grow the memo to the names known so far, keeping what was computed.
      const width = Math.max(n, 2 * this.width, 16);
      const next = new Uint8Array(width * width);
      for (let x = 0; x < this.width; x++)
        next.set(this.pairs.subarray(x * this.width, (x + 1) * this.width), x * width);
      this.pairs = next;
      this.width = width;
    }
    const at = p * this.width + d;
    let v = this.pairs[at] as number;
    if (v === 0) {
      const fp = this.facts[p] as PositionFacts;
      const fd = this.facts[d] as PositionFacts;
      const allele = alleleMatch(fp, fd);
      v = 1 + (allele ? 3 : antigenMatch(this.engine, fp, fd) ? 1 : 0);
      this.pairs[at] = v;
    }
    return v - 1;
  }

  /** Allele-level mismatches << 2 | antigen-level mismatches, for patient p1+p2 and donor d1+d2. */
  mismatches(patient1: number, patient2: number, donor1: number, donor2: number): number {
    const [p1, p2] = this.expressed(patient1, patient2);
    const [d1, d2] = this.expressed(donor1, donor2);
    const a11 = this.pair(p1, d1);
    const a22 = this.pair(p2, d2);
    const a12 = this.pair(p1, d2);
    const a21 = this.pair(p2, d1);
    const directAllele = (a11 >> 1) + (a22 >> 1);
    const crossedAllele = (a12 >> 1) + (a21 >> 1);
    const directAntigen = (a11 & 1) + (a22 & 1);
    const crossedAntigen = (a12 & 1) + (a21 & 1);
    const allele = Math.max(directAllele, crossedAllele);
    const antigen =
      directAllele === crossedAllele
        ? Math.max(directAntigen, crossedAntigen)
        : directAllele > crossedAllele
          ? directAntigen
          : crossedAntigen;
    return ((2 - allele) << 2) | (2 - antigen);
  }

  private expressed(a: number, b: number): [number, number] {
    const na = (this.facts[a] as PositionFacts).isNull;
    const nb = (this.facts[b] as PositionFacts).isNull;
    if (na && !nb) return [b, b];
    if (nb && !na) return [a, a];
    return [a, b];
  }
}
