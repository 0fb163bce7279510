/**
 * The contract of the search: what a search asks (the patient's typing, the kind of listing, weight and
 * diagnosis for a cord's dose per kg, antibodies, the loci counted and the mismatches allowed, a page) and
 * what it answers (each hit's grade locus by locus, its mismatch direction, dose, listing, flags and the
 * reason for its place). Built from matching's and the listings' constants; the web app imports the types.
 */
import { type TInteger, type TOptional, Type } from "typebox";
import {
  CalendarDate,
  Enum,
  Gl,
  Id,
  Int,
  Line,
  List,
  MAX,
  Name,
  Num,
  Obj,
  Paging,
  type Static,
} from "../contract/schema.js";
import {
  CONFIDENCES,
  DIAGNOSES,
  DIRECTIONS,
  DPB1_TCE_READINGS,
  INDEX_LOCI,
  type IndexLocus,
  LOCI_COUNTED,
  LOCUS_CATEGORIES,
  MATCH_CATEGORIES,
  POSITION_GRADES,
  SEARCH_KINDS,
  WMDA_GRADES,
} from "../matching/constants.js";
import { MATCH_CATEGORIES as PROBABILITY_CATEGORIES } from "../matching/probability/category.js";
import { ABO_GROUPS, CMV_STATUSES, DONOR_SEXES, SEARCH_SORTS } from "./constants.js";
import { RankingWeightsSchema } from "./ranking-schemas.js";

export type { SearchSort } from "./constants.js";

/** Cell counts and doses: finite, at most this (a whole bank's cells are far fewer). */
const CELLS = 1e15;
const COUNT = Number.MAX_SAFE_INTEGER;

/** At each locus of the index, at most 0, 1 or 2 mismatches. */
const perLocus = Object.fromEntries(INDEX_LOCI.map((l) => [l, Type.Optional(Int(0, 2))])) as {
  [L in IndexLocus]: TOptional<TInteger>;
};

export const SearchRequestSchema = Obj({
  patientTyping: Gl({ description: "the patient's HLA as a GL string" }),
  kind: Enum(SEARCH_KINDS),
  /** Required for cords: the dose per kg. */
  weightGrams: Type.Optional(Int(300, 150_000, { description: "the patient's weight in grams" })),
  /** Required for cords: sets the TNC/kg floor. */
  diagnosis: Type.Optional(Enum(DIAGNOSES)),
  antibodies: Type.Optional(
    List(Id({ description: "an antigen (A2) or an allele (A*02:01)" }), 100, {
      description: "donor-specific antibodies: listings carrying them are left out",
    }),
  ),
  loci: Type.Optional(Type.Enum([...LOCI_COUNTED], { description: "loci counted: 8 or 10 (with DQB1)" })),
  maxMismatches: Type.Optional(Int(0, 8, { description: "most allele mismatches of the loci counted" })),
  maxPerLocus: Type.Optional(Obj(perLocus, { description: "most mismatches at a locus, e.g. { DRB1: 0 }" })),
  population: Type.Optional(
    Line(32, {
      pattern: "^[A-Za-z0-9_-]{1,32}$",
      description:
        "the patient's population for match probabilities (default: the patient's, else the registry's)",
    }),
  ),
  sortBy: Type.Optional(
    Enum(SEARCH_SORTS, { description: "grade, P(8/8), P(≤1 mismatch), cords P(≤4) then dose" }),
  ),
  minP8: Type.Optional(Num(0, 1, { description: "only candidates with P(8/8) at least this" })),
  minPLe1: Type.Optional(
    Num(0, 1, { description: "only candidates with P(≤ 1 of 8 mismatched) at least this" }),
  ),
  minPLe4: Type.Optional(
    Num(0, 1, { description: "cords: only candidates with P(≤ 4 of 8 mismatched) at least this" }),
  ),
  ...Paging(20, 200),
});
export type SearchRequest = Static<typeof SearchRequestSchema>;

export const PositionResultSchema = Obj({
  patient: Line(MAX.gl),
  donor: Line(MAX.gl),
  grade: Enum(POSITION_GRADES),
  confidence: Enum(CONFIDENCES),
  wmda: Enum(WMDA_GRADES, { description: "the WMDA match grade of the pair (Atlas vocabulary)" }),
});
export type PositionResult = Static<typeof PositionResultSchema>;

export const LocusGradeSchema = Obj({
  locus: Id(),
  /** False when the patient or the listing has no typing at this locus: nothing is counted. */
  typed: Type.Boolean(),
  allele: Int(0, 2),
  antigen: Int(0, 2),
  gvh: Int(0, 2),
  hvg: Int(0, 2),
  orientation: Enum(["direct", "crossed"] as const),
  positions: Type.Array(PositionResultSchema),
  category: Enum(LOCUS_CATEGORIES, { description: "WMDA locus category; Unknown when untyped" }),
  dpb1: Type.Optional(
    Obj(
      { reading: Enum(DPB1_TCE_READINGS), reason: Line(300) },
      { description: "DPB1 TCE reading of a mismatch" },
    ),
  ),
});
export type LocusGrade = Static<typeof LocusGradeSchema>;

export const GradeSchema = Obj({
  summary: Obj({
    allele8: Int(0, 8),
    allele10: Int(0, 10),
    cord6: Int(0, 6),
    mismatches8: Int(0, 8),
    gvh8: Int(0, 8),
    hvg8: Int(0, 8),
    typed8: Int(0, 8, {
      description: "positions typed on both sides at A, B, C, DRB1: allele8's denominator",
    }),
    untyped: Type.Array(Id()),
    text: Line(100, {
      description: 'the allele match over typed positions: "8/8", "6/6 typed (C, DQB1 untyped)"',
    }),
    category: Enum(MATCH_CATEGORIES, { description: "WMDA overall category" }),
  }),
  loci: Type.Record(Type.String(), LocusGradeSchema),
  renamed: Type.Array(
    Obj({
      side: Enum(["patient", "donor"] as const),
      from: Line(MAX.gl),
      to: Line(MAX.gl),
      deleted: Line(8),
      reason: Line(300),
    }),
    { description: "names graded as the current names hla_nom.txt gives them" },
  ),
});
export type Grade = Static<typeof GradeSchema>;

export const DoseSchema = Obj({
  tncPerKg: Num(0, CELLS),
  cd34PerKg: Type.Optional(Num(0, CELLS)),
  weightKg: Num(0, 1000),
  recovery: Num(0, 1),
});

export const AdultDonorSchema = Obj({
  kind: Type.Literal("adult"),
  id: Id(),
  registry: Name(),
  sex: Enum(DONOR_SEXES),
  birthDate: CalendarDate(),
  cmv: Enum(CMV_STATUSES),
  abo: Enum(ABO_GROUPS),
  typing: Gl(),
});
export type AdultDonor = Static<typeof AdultDonorSchema>;

export const CordUnitSchema = Obj({
  kind: Type.Literal("cord"),
  id: Id(),
  bank: Name(),
  accredited: Type.Boolean(),
  collectedAt: CalendarDate(),
  volumeMl: Num(0, 500),
  tnc: Num(0, CELLS),
  cd34: Type.Union([Num(0, CELLS), Type.Null()]),
  viabilityPercent: Type.Union([Num(0, 100), Type.Null()]),
  abo: Enum(ABO_GROUPS),
  rbcDepleted: Type.Boolean(),
  attachedSegments: Int(0, 1000),
  typing: Gl(),
  /** The mother's typing, when the bank has it: it constrains the cord's phase in match probabilities. */
  motherTyping: Type.Optional(Gl({ description: "the mother's HLA as a GL string" })),
});
export type CordUnit = Static<typeof CordUnitSchema>;

export const ListingSchema = Type.Union([AdultDonorSchema, CordUnitSchema]);
export type Listing = Static<typeof ListingSchema>;

const P = Num(0, 1);
const Overall = Type.Array(P, { minItems: 5, maxItems: 5, description: "P(0 … 4 mismatches)" });

/** A candidate's match probability from haplotype frequencies (issue 17). */
export const HitProbabilitySchema = Obj({
  overall: Obj({ "6": Overall, "8": Overall, "10": Overall }),
  /** P(0, 1, 2 allele mismatches) per locus of the frequency set. */
  loci: Type.Record(Type.String(), Type.Array(P, { minItems: 3, maxItems: 3 })),
  category: Enum(PROBABILITY_CATEGORIES),
  /** The listing's typing: no haplotype pair of its set explains it (the per-locus fallback answered). */
  unrepresented: Type.Boolean(),
  reason: Type.Union([Line(2000), Type.Null()]),
});
export type HitProbability = Static<typeof HitProbabilitySchema>;

/** The search's probabilities: the population used, the patient's imputation, the unrepresented share. */
export const SearchProbabilitySchema = Obj({
  population: Id(),
  version: Id(),
  via: Id({ description: "which choice gave the population: request, patient, default or global" }),
  sortBy: Enum(SEARCH_SORTS),
  patient: Obj({ unrepresented: Type.Boolean(), reason: Type.Union([Line(2000), Type.Null()]) }),
  /** Candidates whose probability was computed (the page, or every candidate within the limits for a sort). */
  computed: Int(0, COUNT),
  unrepresented: Int(0, COUNT),
  unrepresentedShare: Num(0, 1),
  /** Candidates without a stored imputation (no population set when imported: `cradle frequencies impute`). */
  notImputed: Int(0, COUNT),
  /** With a probability filter: candidates within the limits before it. */
  beforeFilter: Int(0, COUNT),
});
export type SearchProbability = Static<typeof SearchProbabilitySchema>;

const listingHit = {
  rank: Int(1, COUNT),
  id: Id(),
  grade: GradeSchema,
  direction: Enum(DIRECTIONS),
  dose: Type.Optional(DoseSchema),
  listing: ListingSchema,
  /** What the cord selection guidelines flag (old unit, bank not accredited…): shown, not excluded. */
  flags: Type.Array(Line()),
  /** Why the hit stands where it does, in the order the ranking weighs it. */
  reason: Line(),
  /** Present when the search used a frequency set; null when this listing has no imputation. */
  probability: Type.Optional(Type.Union([HitProbabilitySchema, Type.Null()])),
  /** Present when the site weighs grades and confidences: this listing's scores (higher ranks first). */
  scores: Type.Optional(Obj({ grade: Int(-1000, 1000), confidence: Int(-1000, 1000) })),
};
export const ListingHitSchema = Obj(listingHit);
export type ListingHit = Static<typeof ListingHitSchema>;

const result = {
  /** Listings within the limits, by allele mismatches of the loci counted: "0": n, "1": n, … */
  classCounts: Type.Record(Type.String(), Int(0, COUNT)),
  total: Int(0, COUNT),
  /** Listings left out by a dose floor or an antibody. */
  excluded: Int(0, COUNT),
  timings: Obj({
    prepareMs: Num(0, 1e9),
    scanMs: Num(0, 1e9),
    detailMs: Num(0, 1e9),
    reused: Type.Boolean(),
  }),
  /** Present when a frequency set of the patient's population is imported. */
  probability: Type.Optional(SearchProbabilitySchema),
};
export const ListingSearchResultSchema = Obj({
  ...result,
  hits: Type.Array(ListingHitSchema),
  /** Present when the site weighs grades and confidences: the weights this search ranked by. */
  rankingWeights: Type.Optional(RankingWeightsSchema),
});
export type ListingSearchResult = Static<typeof ListingSearchResultSchema>;

/** The API's hit: the service's, and the product this bank holds for a cord unit (reservable here). */
export const SearchHitSchema = Obj({
  ...listingHit,
  bankProduct: Type.Union([
    Id({ description: "the product code of this bank's available unit" }),
    Type.Null(),
  ]),
});
export type SearchHit = Static<typeof SearchHitSchema>;
export const SearchResultSchema = Obj({ ...result, hits: Type.Array(SearchHitSchema) });
export type SearchResult = Static<typeof SearchResultSchema>;
