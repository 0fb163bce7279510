/** Find a graft for a baby: ranked cord units or adult donors, and whether this bank holds each unit. */
import pLimit from "p-limit";
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import { availableByDin } from "../../bank/index.js";
import { Obj } from "../../contract/schema.js";
import { CradleError } from "../../errors.js";
import {
  type ReportContext,
  saveSearchReport,
  searchListings,
  searchReport,
  searchReportCsv,
  searchReportsOf,
} from "../../search/index.js";
import {
  ReportIdParamsSchema,
  SearchReportInputSchema,
  SearchReportSchema,
  SearchReportSummarySchema,
} from "../../search/report-schemas.js";
import { SearchRequestSchema, type SearchResult, SearchResultSchema } from "../../search/schemas.js";
import { writeCount } from "../../store/write.js";
import { REGISTERED_PATIENTS } from "../../therapy/index.js";
import { MrnParamsSchema } from "../../therapy/schemas.js";
import { ACCESS } from "../access.js";
import { AnswerCache } from "../answer-cache.js";
import { actOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

/** A live search may name the registered patient it is for: her population's frequencies are then used. */
const SearchQuerySchema = Obj({
  patient: Type.Optional(MrnParamsSchema.properties.mrn),
});

function loaded(ctx: ServerContext): NonNullable<ServerContext["search"]> {
  if (!ctx.search)
    throw new CradleError(
      "REFERENCE_NOT_FOUND",
      "the search index is not loaded on this server (it needs the IMGT/HLA release)",
    );
  return ctx.search;
}

export function searchRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);
  // The same search asked again (a page reloaded, Previous, a colleague looking at the same baby) is
  // answered from the last answer while the listings and the bank are unchanged, for at most a second.
  const answers = new AnswerCache(1000);
  // New searches run in arrival order, two at a time (one computing while the other reads the database),
  // each starting on a turn of the event loop of its own so that requests arriving meanwhile are read and
  // queued behind it. A search is mostly computation: run as they came off the sockets, some clients
  // waited seconds behind others that arrived later (timeouts at 200 clients, bench/api 2026-12-01).
  const limit = pLimit(2);
  const computing = <T>(f: () => Promise<T>) =>
    limit(async () => {
      await new Promise((next) => setImmediate(next));
      return f();
    });
  app.post(
    "/api/search",
    {
      config: { access: ACCESS.search },
      schema: {
        tags: ["search"],
        summary: "Rank cord units (dose per kg) or adult donors for a patient",
        body: SearchRequestSchema,
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema },
      },
    },
    async (request, reply) => {
      const search = loaded(ctx);
      const body = request.body;
      const patient = request.query.patient;
      const answer = await answers.answer(
        JSON.stringify([body, patient ?? null]),
        `${search.index.version} ${writeCount()}`,
        () =>
          computing(async (): Promise<SearchResult> => {
            const result = await searchListings(ctx.store, search.index, body, {
              now: ctx.now(),
              ...(search.pool ? { pool: search.pool } : {}),
              ...(patient !== undefined
                ? { forPatient: { mrnText: patient, patients: REGISTERED_PATIENTS } }
                : {}),
            });
            // Cord units this bank holds can be reserved here: the listing id is the product's DIN.
            const available = await availableByDin(
              ctx.store,
              result.hits.map((h) => h.id),
            );
            return {
              ...result,
              hits: result.hits.map((h) => ({ ...h, bankProduct: available.get(h.id) ?? null })),
            };
          }),
      );
      // The answer is a SearchResult serialized once (answer-cache.ts): the bytes go out as they are.
      return reply.type("application/json; charset=utf-8").send(answer as unknown as SearchResult);
    },
  );

  // Search reports: a search run for a registered patient and kept with the record (src/search/reports.ts).
  const reportContext = (): ReportContext => {
    const search = loaded(ctx);
    return {
      index: search.index,
      versions: {
        hla: ctx.hla?.engine.release.version ?? "unknown",
        mac: ctx.hla?.macs?.updated ?? null,
      },
      patients: REGISTERED_PATIENTS,
      ...(search.pool ? { pool: search.pool } : {}),
    };
  };
  const reportTags = ["search"];
  app.post(
    "/api/patients/:mrn/search-reports",
    {
      config: { access: ACCESS.search },
      schema: {
        tags: reportTags,
        summary: "Run a search for a registered patient and keep it with the patient's record",
        params: MrnParamsSchema,
        body: SearchReportInputSchema,
        response: { 201: SearchReportSchema },
      },
    },
    async (request, reply) => {
      const report = await computing(() =>
        saveSearchReport(ctx.store, act(request), request.params.mrn, request.body, reportContext()),
      );
      return reply.status(201).send(report);
    },
  );
  app.get(
    "/api/patients/:mrn/search-reports",
    {
      config: { access: ACCESS.search },
      schema: {
        tags: reportTags,
        summary: "A patient's kept search reports, newest first",
        params: MrnParamsSchema,
        response: { 200: Obj({ reports: Type.Array(SearchReportSummarySchema) }) },
      },
    },
    async (request) => ({
      reports: await searchReportsOf(ctx.store, act(request), request.params.mrn, REGISTERED_PATIENTS),
    }),
  );
  app.get(
    "/api/search-reports/:id",
    {
      config: { access: ACCESS.search },
      schema: {
        tags: reportTags,
        summary: "One search report: criteria, versions, counts and the ranked rows with reasons",
        params: ReportIdParamsSchema,
        response: { 200: SearchReportSchema },
      },
    },
    async (request) => searchReport(ctx.store, act(request), request.params.id),
  );
  app.get(
    "/api/search-reports/:id.csv",
    {
      config: { access: ACCESS.search },
      schema: {
        tags: reportTags,
        summary: "One search report as CSV, one row per ranked hit",
        params: ReportIdParamsSchema,
        response: { 200: Type.String({ description: "CSV with a header row" }) },
      },
    },
    async (request, reply) => {
      const report = await searchReport(ctx.store, act(request), request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="cradle-search-report-${report.id}.csv"`)
        .send(searchReportCsv(report));
    },
  );
}
