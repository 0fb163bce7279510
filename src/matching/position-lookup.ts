/**
 * One locus's distinct position typings, looked up by what they stand for: the typings that express a P
 * group (or an allele in none), that carry a serological antigen, or a split of a broad antigen. A search
 * then finds every typing that matches a patient's position from the patient's few groups and antigens,
 * instead of grading each of the locus's typings (a real registry holds tens of thousands). Pure.
 */
import type { Release } from "../hla/release.js";
import type { PositionFacts } from "./grade.js";

/** Code bits of a position typing against a patient (the scan kernel's layout, see scan-kernel.ts). */
export const CODE = {
  allele1: 1,
  allele2: 2,
  antigen1: 4,
  antigen2: 8,
  isNull: 16,
  antibody: 32,
} as const;

function add(m: Map<string, number[]>, key: string, id: number): void {
  const ids = m.get(key);
  if (ids) ids.push(id);
  else m.set(key, [id]);
}

function mark(code: Uint8Array, ids: readonly number[] | undefined, bits: number): void {
  if (ids) for (const id of ids) code[id] = (code[id] as number) | bits;
}

export class PositionLookup {
  private readonly byProtein = new Map<string, number[]>();
  private readonly byAntigen = new Map<string, number[]>();
  /** Typings with an antigen that is a split of the key (a broad), or associated with one of its splits. */
  private readonly bySplitOf = new Map<string, number[]>();
  /** Typings with an antigen associated with the key ("B3901" under "B39"). */
  private readonly byParentOf = new Map<string, number[]>();
  /** For antibodies: typings that may carry the antigen, and those that may carry a split of the key. */
  private readonly byCarried = new Map<string, number[]>();
  private readonly byCarriedSplitOf = new Map<string, number[]>();
  private readonly nulls: number[] = [];
  /** Typings added so far (id 0, untyped, is never one). */
  size = 1;

  constructor(private readonly release: Release) {}

  /** Adds the typing with this id; ids come in order, 1, 2, … */
  add(id: number, f: PositionFacts): void {
    for (const p of f.proteins) add(this.byProtein, p, id);
    for (const a of f.antigens) {
      add(this.byAntigen, a, id);
      const parent = this.release.parentAntigen(a);
      if (parent !== a) add(this.byParentOf, parent, id);
      const broad = this.release.broadOf(parent);
      if (broad !== undefined) add(this.bySplitOf, broad, id);
    }
    for (const a of f.carried) {
      add(this.byCarried, a, id);
      const broad = this.release.broadOf(a);
      if (broad !== undefined) add(this.byCarriedSplitOf, broad, id);
    }
    if (f.isNull) this.nulls.push(id);
    this.size = id + 1;
  }

  /**
   * Every typing's code against a patient's two positions (a null position already replaced by the other
   * one, as grading does) and the patient's antibodies: the same bits as grading each typing one by one
   * with alleleMatch, antigenMatch and the antibody rule.
   */
  codes(p1: PositionFacts, p2: PositionFacts, antibodies: readonly AntibodyTarget[]): Uint8Array {
    const code = new Uint8Array(this.size);
    mark(code, this.nulls, CODE.isNull);
    this.markPosition(code, p1, CODE.allele1 | CODE.antigen1, CODE.antigen1);
    this.markPosition(code, p2, CODE.allele2 | CODE.antigen2, CODE.antigen2);
    for (const t of antibodies) {
      for (const p of t.proteins) mark(code, this.byProtein.get(p), CODE.antibody);
      for (const a of t.antigens) mark(code, this.byCarried.get(a), CODE.antibody);
      for (const b of t.broadsOfSplits) mark(code, this.byCarriedSplitOf.get(b), CODE.antibody);
    }
    return code;
  }

  private markPosition(code: Uint8Array, p: PositionFacts, alleleBits: number, antigenBit: number): void {
    // Allele level: a shared protein; a null position matches only null typings.
    if (p.isNull) mark(code, this.nulls, alleleBits);
    else for (const x of p.proteins) mark(code, this.byProtein.get(x), alleleBits);
    // Antigen level, as serologyGrade reads it: the same antigen; an antigen associated with the patient's,
    // or the one the patient's is associated with; the broad of the patient's split (or of the antigen
    // its associated one belongs to); a split of the patient's broad, or an antigen associated with one.
    for (const a of p.antigens) {
      mark(code, this.byAntigen.get(a), antigenBit);
      mark(code, this.byParentOf.get(a), antigenBit);
      const parent = this.release.parentAntigen(a);
      if (parent !== a) mark(code, this.byAntigen.get(parent), antigenBit);
      const broad = this.release.broadOf(parent);
      if (broad !== undefined) mark(code, this.byAntigen.get(broad), antigenBit);
      mark(code, this.bySplitOf.get(a), antigenBit);
    }
  }
}

/**
 * What a donor-specific antibody rules out: an allele's proteins; or a serological antigen, the antigens
 * associated with it, its splits (typings whose antigen is a split of it) and its broad.
 */
export interface AntibodyTarget {
  proteins: readonly string[];
  antigens: readonly string[];
  /** Broads whose splits the antibody reaches. */
  broadsOfSplits: readonly string[];
}
