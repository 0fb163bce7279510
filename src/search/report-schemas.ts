/**
 * The contract of a search report: a search run for a registered patient and kept with the patient's
 * record (issue 14). It holds what a coordinator shows a transplant physician or files for an inspector:
 * the criteria, the IMGT/HLA and MAC versions, the counts, and the ranked list with each place's reason.
 */
import { Type } from "typebox";
import { Enum, Id, Instant, Int, Line, MAX, Name, Num, Obj, type Static, Uuid } from "../contract/schema.js";
import { DIRECTIONS, MATCH_CATEGORIES, SEARCH_KINDS } from "../matching/constants.js";
import { RankingWeightsSchema } from "./ranking-schemas.js";
import { HitProbabilitySchema, SearchProbabilitySchema, SearchRequestSchema } from "./schemas.js";

const COUNT = 100_000_000;
const CELLS = 1e15;
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** The most hits a report keeps: its ranked list as shown, not the whole registry. */
export const REPORT_MAX_ROWS = 200;
export const REPORT_DEFAULT_ROWS = 50;

export const SearchReportInputSchema = Obj({
  /** The search as asked on the page; the report keeps the first `limit` hits from rank 1 (default 50). */
  search: SearchRequestSchema,
  note: Type.Optional(Line(MAX.line, { minLength: 0, description: "why this search was run or kept" })),
});
export type SearchReportInput = Static<typeof SearchReportInputSchema>;

export const ReportLocusSchema = Obj({
  locus: Id(),
  typed: Type.Boolean(),
  allele: Int(0, 2),
  antigen: Int(0, 2),
  /** Some position is matched only on an ambiguous typing (WMDA "potential"). */
  potential: Type.Boolean(),
});

export const ReportRowSchema = Obj({
  rank: Int(1, COUNT),
  id: Id(),
  /** The cord bank or the donor registry that lists it. */
  source: Name(),
  /** Over the typed positions: "8/8", "6/6 typed (C, DQB1 untyped)". */
  match: Line(100),
  cord6: Int(0, 6),
  mismatches8: Int(0, 8),
  category: Enum(MATCH_CATEGORIES),
  direction: Enum(DIRECTIONS),
  loci: Type.Array(ReportLocusSchema, { maxItems: 10 }),
  tncPerKg: nullable(Num(0, CELLS)),
  cd34PerKg: nullable(Num(0, CELLS)),
  reason: Line(),
  flags: Type.Array(Line(), { maxItems: 50 }),
  /** Match probability (reports kept since issue 17, when a frequency set was used; absent in older ones). */
  probability: Type.Optional(nullable(HitProbabilitySchema)),
});
export type ReportRow = Static<typeof ReportRowSchema>;

export const ReportVersionsSchema = Obj({
  hla: Line(40, { description: "the IMGT/HLA release the typings were graded on" }),
  mac: nullable(Line(60, { description: "the NMDP MAC file's date, when one is loaded" })),
  /** The site's ranking weights the rows were ranked by, when it weighed anything (reports since 0028). */
  rankingWeights: Type.Optional(RankingWeightsSchema),
});
export type ReportVersions = Static<typeof ReportVersionsSchema>;

export const SearchReportSchema = Obj({
  id: Uuid(),
  patientMrn: Id(),
  kind: Enum(SEARCH_KINDS),
  createdAt: Instant(),
  createdBy: Id(),
  criteria: SearchRequestSchema,
  versions: ReportVersionsSchema,
  counts: Obj({
    total: Int(0, COUNT),
    excluded: Int(0, COUNT),
    /** Listings within the limits by allele mismatches of the typed loci counted: "0": n, "1": n, … */
    byMismatches: Type.Record(Type.String(), Int(0, COUNT)),
  }),
  /** The population used and the unrepresented share (reports kept since issue 17; absent in older ones). */
  probability: Type.Optional(SearchProbabilitySchema),
  rows: Type.Array(ReportRowSchema, { maxItems: REPORT_MAX_ROWS }),
  note: nullable(Line()),
});
export type SearchReport = Static<typeof SearchReportSchema>;

/** A report as the patient's record lists it. */
export const SearchReportSummarySchema = Obj({
  id: Uuid(),
  patientMrn: Id(),
  kind: Enum(SEARCH_KINDS),
  createdAt: Instant(),
  createdBy: Id(),
  total: Int(0, COUNT),
  /** The first row's listing and match, or null when nothing was found. */
  top: nullable(Line()),
  hla: Line(40),
  note: nullable(Line()),
});
export type SearchReportSummary = Static<typeof SearchReportSummarySchema>;

export const ReportIdParamsSchema = Obj({ id: Uuid() });
