/**
 * Haplotype frequency sets, population choices, listing imputations and the site's ranking weights
 * (issue 17; src/search/frequencies.ts, src/search/ranking.ts).
 */
import type { Act } from "../../accounts/act.js";
import { CradleError } from "../../errors.js";
import type { HlaEngine } from "../../hla/index.js";
import {
  FrequencyImportResultSchema,
  FrequencyListSchema,
  FrequencyUploadSchema,
  ImputationReportSchema,
  ImputeRequestSchema,
  PopulationChoiceInputSchema,
  PopulationChoiceSchema,
} from "../../search/frequency-schemas.js";
import {
  choosePopulation,
  importFrequencySet,
  imputeListings,
  listFrequencySets,
  populationChoices,
  rankingWeights,
  setRankingWeights,
} from "../../search/index.js";
import { RankingWeightsChangeSchema, RankingWeightsViewSchema } from "../../search/ranking-schemas.js";
import { REGISTERED_PATIENTS } from "../../therapy/index.js";
import { ACCESS } from "../access.js";
import { actOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

function engineOf(ctx: ServerContext): HlaEngine {
  if (!ctx.hla)
    throw new CradleError(
      "REFERENCE_NOT_FOUND",
      "the IMGT/HLA release is not loaded on this server: frequency sets are checked against it",
    );
  return ctx.hla.engine;
}

export function frequencyRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);
  const tags = ["search"];
  app.get(
    "/api/frequency-sets",
    {
      config: { access: ACCESS.readFrequencies },
      schema: {
        tags,
        summary: "The imported haplotype frequency sets and which population each scope uses",
        response: { 200: FrequencyListSchema },
      },
    },
    async (request) => ({
      sets: await listFrequencySets(ctx.store, act(request)),
      choices: await populationChoices(ctx.store, act(request)),
    }),
  );
  app.post(
    "/api/frequency-sets",
    {
      config: { access: ACCESS.manageFrequencies },
      schema: {
        tags,
        summary:
          "Import a haplotype frequency set (CSV text) by population and version; then impute the listings",
        body: FrequencyUploadSchema,
        response: { 201: FrequencyImportResultSchema },
      },
    },
    async (request, reply) => {
      const engine = engineOf(ctx);
      const { csv, ...meta } = request.body;
      const a = act(request);
      const set = await importFrequencySet(ctx.store, engine, a, meta, csv);
      const imputation = await imputeListings(ctx.store, engine, { act: a });
      return reply.status(201).send({ set, imputation });
    },
  );
  app.put(
    "/api/population-choices",
    {
      config: { access: ACCESS.manageFrequencies },
      schema: {
        tags,
        summary:
          "Choose the population a scope uses: default, global fallback, a registry, a bank or a patient",
        body: PopulationChoiceInputSchema,
        response: { 200: PopulationChoiceSchema },
      },
    },
    async (request) => choosePopulation(ctx.store, act(request), request.body, REGISTERED_PATIENTS),
  );
  app.post(
    "/api/listing-imputations",
    {
      config: { access: ACCESS.manageFrequencies },
      schema: {
        tags,
        summary: "Impute the listings whose imputation is missing or stale (another set, release or typing)",
        body: ImputeRequestSchema,
        response: { 200: ImputationReportSchema },
      },
    },
    async (request) =>
      imputeListings(ctx.store, engineOf(ctx), {
        act: act(request),
        ...(request.body.all ? { all: true } : {}),
      }),
  );
  app.get(
    "/api/ranking-weights",
    {
      config: { access: ACCESS.readFrequencies },
      schema: {
        tags,
        summary: "The site's score per WMDA grade and per match confidence, by which equal mismatches rank",
        response: { 200: RankingWeightsViewSchema },
      },
    },
    async (request) => rankingWeights(ctx.store, act(request)),
  );
  app.put(
    "/api/ranking-weights",
    {
      config: { access: ACCESS.manageFrequencies },
      schema: {
        tags,
        summary: "Set some of the ranking weights (whole numbers -10 to 10) with the reason; audited",
        body: RankingWeightsChangeSchema,
        response: { 200: RankingWeightsViewSchema },
      },
    },
    async (request) => setRankingWeights(ctx.store, act(request), request.body),
  );
}
