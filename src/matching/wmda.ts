import {
  type Dpb1TceReading,
  type LocusCategory,
  type MatchCategory,
  WMDA_RANK,
  type WmdaGrade,
} from "./constants.js";
/**
 * WMDA match grades, locus categories and the overall category (the vocabulary of the WMDA matching
 * framework as Anthony Nolan's Atlas, the WMDA's engine, reports it), and the DPB1 T-cell-epitope reading
 * of a DPB1 mismatch (Fleischhauer et al., Lancet Oncol 2012; Crivello et al., BBMT 2015). Pure.
 */

/** What WMDA grading reads of a position (grade.ts's PositionFacts carries these and more). */
export interface WmdaFacts {
  typing: string;
  proteins: ReadonlySet<string>;
  isNull: boolean;
  twoField: ReadonlySet<string>;
  gGroups: ReadonlySet<string>;
  nullAlleles: ReadonlySet<string>;
  tceGroups: ReadonlySet<number>;
  tceKnown: boolean;
}
type PositionFacts = WmdaFacts;

function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * The molecular grade of two DNA-typed positions: the best any pair of their alleles reaches. Without the
 * release's sequence status, identical names grade Protein (gDNA and cDNA identity cannot be claimed).
 * A position is null only when every allele it may be is null; a null one against an expressed one is
 * ExpressingVsNull (neither a match nor a mismatch of that position).
 */
export function molecularGrade(p: PositionFacts, d: PositionFacts): WmdaGrade {
  if (p.isNull && d.isNull) return intersects(p.nullAlleles, d.nullAlleles) ? "NullPartial" : "NullMismatch";
  if (p.isNull || d.isNull) return "ExpressingVsNull";
  if (intersects(p.twoField, d.twoField)) return "Protein";
  if (intersects(p.gGroups, d.gGroups)) return "GGroup";
  if (intersects(p.proteins, d.proteins)) return "PGroup";
  return "Mismatch";
}

const MATCHING: ReadonlySet<WmdaGrade> = new Set<WmdaGrade>([
  "GDna",
  "CDna",
  "Protein",
  "GGroup",
  "PGroup",
  "NullGDna",
  "NullCDna",
  "NullPartial",
  "Associated",
  "Split",
  "Broad",
  // Not a match of the position, but it leaves the locus to its expressed position (as Atlas does).
  "ExpressingVsNull",
]);

/** A position's locus category; a locus takes the worst of its two. */
export function categoryOf(grade: WmdaGrade): LocusCategory {
  if (grade === "Unknown") return "Unknown";
  if (grade === "PermissiveMismatch") return "PermissiveMismatch";
  return MATCHING.has(grade) ? "Match" : "Mismatch";
}

const CATEGORY_ORDER: readonly LocusCategory[] = ["Match", "Unknown", "PermissiveMismatch", "Mismatch"];
export function worstCategory(cs: readonly LocusCategory[]): LocusCategory {
  let worst: LocusCategory = "Match";
  for (const c of cs) if (CATEGORY_ORDER.indexOf(c) > CATEGORY_ORDER.indexOf(worst)) worst = c;
  return worst;
}

export interface Dpb1Reading {
  reading: Dpb1TceReading;
  /** Why: the groups compared, or what was missing. */
  reason: string;
}

/**
 * A DPB1 mismatch read against the TCE groups (1 most immunogenic … 3 least): the most immunogenic group
 * among the patient's mismatched alleles against the donor's. Equal groups are permissive; a donor carrying
 * the more immunogenic group is non-permissive in the host-versus-graft direction, a patient carrying it
 * in the graft-versus-host direction. With one side homozygous, its own groups stand for its side.
 */
export function dpb1Reading(
  patientMismatched: readonly PositionFacts[],
  donorMismatched: readonly PositionFacts[],
  patientAll: readonly PositionFacts[],
  donorAll: readonly PositionFacts[],
  tceLoaded: boolean,
): Dpb1Reading {
  if (!tceLoaded) return { reading: "unknown", reason: "the release has no tce/dpb_tce.csv" };
  const side = (mismatched: readonly PositionFacts[], all: readonly PositionFacts[]) =>
    mismatched.length > 0 ? mismatched : all;
  const most = (fs: readonly PositionFacts[]): number | string => {
    let best = 4;
    for (const f of fs) {
      if (f.isNull) continue;
      if (!f.tceKnown || f.tceGroups.size !== 1)
        return f.tceKnown
          ? `${f.typing} spans TCE groups ${[...f.tceGroups].sort().join(", ")}`
          : `${f.typing} has no TCE group`;
      best = Math.min(best, [...f.tceGroups][0] as number);
    }
    return best;
  };
  const p = most(side(patientMismatched, patientAll));
  const d = most(side(donorMismatched, donorAll));
  if (typeof p === "string") return { reading: "unknown", reason: p };
  if (typeof d === "string") return { reading: "unknown", reason: d };
  if (p === d) return { reading: "permissive", reason: `patient and donor TCE group ${p}` };
  return d < p
    ? {
        reading: "non-permissive-hvg",
        reason: `donor TCE group ${d} is more immunogenic than the patient's ${p}`,
      }
    : {
        reading: "non-permissive-gvh",
        reason: `patient TCE group ${p} is more immunogenic than the donor's ${d}`,
      };
}

/**
 * The overall category over the graded loci: Mismatch when any locus has a non-permissive mismatch;
 * PermissiveMismatch when the only mismatches are permissive DPB1 ones; else the weakest position
 * confidence: Definite (every typed position one allele each side), Exact (one P group), Potential.
 * An untyped locus cannot be claimed, so it leaves the category at Potential at best.
 */
export function overallCategory(
  loci: readonly { category: LocusCategory; positions: readonly { confidence: string }[] }[],
): MatchCategory {
  const cats = loci.map((l) => l.category);
  if (cats.includes("Mismatch")) return "Mismatch";
  if (cats.includes("PermissiveMismatch")) return "PermissiveMismatch";
  if (cats.includes("Unknown")) return "Potential";
  const confidences = loci.flatMap((l) => l.positions.map((p) => p.confidence));
  if (confidences.every((c) => c === "definite")) return "Definite";
  if (confidences.every((c) => c === "definite" || c === "exact")) return "Exact";
  return "Potential";
}

export { WMDA_RANK };
