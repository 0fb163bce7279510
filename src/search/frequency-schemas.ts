/**
 * The contract of haplotype frequency sets (issue 17): importing one by population and version, listing them,
 * and choosing which population a scope uses (the registry's default, the global fallback, a registry or bank
 * of listings, a patient).
 */
import { Type } from "typebox";
import { Enum, Id, Instant, Int, Line, Name, Obj, type Static, Text } from "../contract/schema.js";
import type { SEARCH_ROLES } from "./report-roles.js";

/**
 * The most characters a set imported over HTTP may hold, within the server's 2 MB body (a registry's set of
 * a few thousand haplotypes is ~200 kB; a set of a million haplotypes is imported by `cradle frequencies`).
 */
export const FREQUENCY_CSV_MAX = 1_900_000;

/** A population label: letters, digits, '_' and '-' (e.g. CAU, AFA, API, HIS, NAM, GLOBAL). */
const POPULATION = "^[A-Za-z0-9_-]{1,32}$";
const Population = (description: string) => Line(32, { pattern: POPULATION, description });

export const POPULATION_SCOPES = ["default", "global", "registry", "bank", "patient"] as const;
export type PopulationScope = (typeof POPULATION_SCOPES)[number];
/** Who reads the sets and who manages them (import, choose populations, redo imputations): for the web app's types. */
export type FrequencyReader = (typeof SEARCH_ROLES.readFrequencies)[number];
export type FrequencyManager = (typeof SEARCH_ROLES.frequencies)[number];

export const FrequencyImportSchema = Obj({
  population: Population("the population the set describes, e.g. CAU"),
  version: Line(40, { pattern: "^[A-Za-z0-9._-]{1,40}$", description: "the set's version, e.g. 2011" }),
  source: Name({ description: "where the set comes from (study, file), for provenance" }),
});
export type FrequencyImport = Static<typeof FrequencyImportSchema>;

export const FrequencyUploadSchema = Obj({
  ...FrequencyImportSchema.properties,
  csv: Text(FREQUENCY_CSV_MAX, { description: 'the file\'s text, rows "haplotype,count,freq"' }),
});
export type FrequencyUpload = Static<typeof FrequencyUploadSchema>;

export const FrequencySetSchema = Obj({
  id: Id(),
  population: Id(),
  version: Id(),
  source: Name(),
  /** The IMGT/HLA release the set was read and checked with. */
  hlaRelease: Id(),
  resolution: Id(),
  loci: Type.Array(Id(), { maxItems: 20 }),
  haplotypes: Int(1, 100_000_000),
  rows: Int(1, 100_000_000),
  sha256: Line(64),
  importedAt: Instant(),
  importedBy: Id(),
});
export type FrequencySetInfo = Static<typeof FrequencySetSchema>;

export const PopulationChoiceInputSchema = Obj({
  scope: Enum(POPULATION_SCOPES),
  /** The registry, bank or patient MRN; empty for the default and the global fallback. */
  subject: Type.Optional(Id({ minLength: 0 })),
  population: Population("a population with an imported frequency set"),
});
export type PopulationChoiceInput = Static<typeof PopulationChoiceInputSchema>;

export const PopulationChoiceSchema = Obj({
  scope: Enum(POPULATION_SCOPES),
  subject: Type.String({ maxLength: 64 }),
  population: Id(),
  chosenAt: Instant(),
  chosenBy: Id(),
});
export type PopulationChoice = Static<typeof PopulationChoiceSchema>;

/** The population a search or imputation used, and why that one. */
export const PopulationUsedSchema = Obj({
  population: Id(),
  version: Id(),
  setId: Id(),
  /** Which choice gave it: the subject's own, its source's, the registry default or the global fallback. */
  via: Enum(POPULATION_SCOPES),
});
export type PopulationUsed = Static<typeof PopulationUsedSchema>;

export const ImputationReportSchema = Obj({
  imputed: Int(0, 100_000_000),
  unrepresented: Int(0, 100_000_000),
  /** unrepresented / imputed (0 when nothing was imputed). */
  unrepresentedShare: Type.Number({ minimum: 0, maximum: 1 }),
  /** Listings no population's set could impute (no choice and no fallback set). */
  noSet: Int(0, 100_000_000),
  /** The first unrepresented listings with their reasons. */
  examples: Type.Array(Obj({ kind: Id(), id: Id(), reason: Line(2000) }), { maxItems: 20 }),
});
export type ImputationReport = Static<typeof ImputationReportSchema>;

export const FrequencyListSchema = Obj({
  sets: Type.Array(FrequencySetSchema, { maxItems: 10_000 }),
  choices: Type.Array(PopulationChoiceSchema, { maxItems: 100_000 }),
});

export const FrequencyImportResultSchema = Obj({
  set: FrequencySetSchema,
  imputation: ImputationReportSchema,
});

export const ImputeRequestSchema = Obj({
  all: Type.Optional(
    Type.Boolean({ description: "redo every listing's imputation, not only the stale ones" }),
  ),
});
