/**
 * Outcomes over HTTP: consents, follow-up forms, adverse events, the outcomes report and the research
 * export. Bodies, queries and answers are the consent and outcomes services' own schemas; the services
 * check roles and input again, so the CLI and the API agree.
 */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import { config } from "../../config/index.js";
import {
  ConsentBodySchema,
  ConsentIdSchema,
  ConsentSchema,
  WithdrawalSchema,
  withdrawConsent,
} from "../../consent/index.js";
import { CradleError } from "../../errors.js";
import {
  ActionsSchema,
  AdverseEventSchema,
  AnalysisDatasetSchema,
  CtcaeQuerySchema,
  CtcaeTermsSchema,
  DeathCorrectionBodySchema,
  DeathSchema,
  ExportQuerySchema,
  FORMS,
  FollowUpFormSchema,
  FormSpecsSchema,
  IdParamsSchema,
  MrnParamsSchema,
  NewAdverseEventSchema,
  NewFollowUpSchema,
  OpenReportsSchema,
  OutcomesReportSchema,
  OverdueSchema,
  PatientOutcomesSchema,
  ReportCsvQuerySchema,
  ReportQuerySchema,
  ReportSentSchema,
  ResearchExportSchema,
  analysisCsv,
  analysisDataset,
  correctDeath,
  ctcaeTerms,
  dictionaryCsv,
  exportCsv,
  exportKeyFrom,
  markReported,
  openReports,
  outcomeActionsOf,
  outcomesReport,
  overdueFollowUps,
  patientOutcomes,
  recordAdverseEvent,
  recordConsent,
  recordFollowUp,
  reportCsv,
  reportQueryOf,
  researchExport,
} from "../../outcomes/index.js";
import { ACCESS } from "../access.js";
import { actOf, userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["outcomes"];
const csv = Type.String({ description: "CSV with a header row" });

export function outcomeRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);
  // The match of the graft given is graded on the release this server loaded (none: "not-recorded").
  const grading = ctx.hla ? { hla: ctx.hla.engine } : {};
  const needCtcae = () => {
    if (!ctx.ctcae)
      throw new CradleError(
        "REFERENCE_NOT_FOUND",
        "no CTCAE v5.0 dictionary is loaded on this server (set CRADLE_CTCAE_FILE to NCI's spreadsheet)",
        { reference: "ctcae" },
      );
    return ctx.ctcae;
  };
  // One policy (outcomes/export-key.ts): the program's key, else a random one for this start.
  const exportKey = exportKeyFrom(config().exportKey, "server").key;

  app.get(
    "/api/outcomes/actions",
    {
      config: { access: "signed-in" },
      schema: {
        tags,
        summary: "The outcomes actions the signed-in user may take (pages show only these)",
        response: { 200: ActionsSchema },
      },
    },
    async (request) => ({ actions: outcomeActionsOf(userOf(request)) }),
  );

  app.get(
    "/api/patients/:mrn/outcomes",
    {
      config: { access: ACCESS.readOutcomes },
      schema: {
        tags,
        summary:
          "A patient's consents, follow-up visits and forms per plan, adverse events, and the actions the user may take",
        params: MrnParamsSchema,
        response: { 200: PatientOutcomesSchema },
      },
    },
    async (request) => patientOutcomes(ctx.store, request.params.mrn, act(request)),
  );

  app.get(
    "/api/outcomes/forms",
    {
      config: { access: ACCESS.readOutcomes },
      schema: {
        tags,
        summary: "The follow-up forms and their typed fields",
        response: { 200: FormSpecsSchema },
      },
    },
    async () => FORMS,
  );

  app.post(
    "/api/consents",
    {
      config: { access: ACCESS.recordConsent },
      schema: {
        tags,
        summary: "Record a consent, witnessed by the signed-in user's electronic signature",
        body: ConsentBodySchema,
        response: { 201: ConsentSchema },
      },
    },
    async (request, reply) => {
      const { password, ...consent } = request.body;
      return reply.status(201).send(await recordConsent(ctx.store, consent, password, act(request)));
    },
  );

  app.post(
    "/api/consents/:id/withdrawal",
    {
      config: { access: ACCESS.withdrawConsent },
      schema: {
        tags,
        summary: "Withdraw a consent, at once",
        params: ConsentIdSchema,
        body: WithdrawalSchema,
        response: { 200: ConsentSchema },
      },
    },
    async (request) => withdrawConsent(ctx.store, request.params.id, request.body.reason, act(request)),
  );

  app.post(
    "/api/follow-ups",
    {
      config: { access: ACCESS.recordFollowUp },
      schema: {
        tags,
        summary: "Record a follow-up form for a visit",
        body: NewFollowUpSchema,
        response: { 201: FollowUpFormSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordFollowUp(ctx.store, request.body, act(request))),
  );

  app.post(
    "/api/adverse-events",
    {
      config: { access: ACCESS.recordAdverseEvent },
      schema: {
        tags,
        summary:
          "Record an adverse event (CTCAE v5); serious, unexpected and related events are flagged for expedited report",
        body: NewAdverseEventSchema,
        response: { 201: AdverseEventSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordAdverseEvent(ctx.store, request.body, act(request), needCtcae())),
  );

  app.get(
    "/api/adverse-events/open-reports",
    {
      config: { access: ACCESS.readOutcomes },
      schema: {
        tags,
        summary: "Expedited reports not yet submitted, soonest due first, with days left or overdue",
        response: { 200: OpenReportsSchema },
      },
    },
    async (request) => openReports(ctx.store, act(request)),
  );

  app.get(
    "/api/ctcae/terms",
    {
      config: { access: ACCESS.readOutcomes },
      schema: {
        tags,
        summary: "CTCAE v5.0 terms matching the words typed, with MedDRA code, SOC and allowed grades",
        querystring: CtcaeQuerySchema,
        response: { 200: CtcaeTermsSchema },
      },
    },
    async (request) => ctcaeTerms(needCtcae(), request.query, act(request)),
  );

  app.post(
    "/api/patients/:mrn/death/correction",
    {
      config: { access: ACCESS.correctDeath },
      schema: {
        tags,
        summary: "Correct the recorded death's date or cause, with a reason (the record before is kept)",
        params: MrnParamsSchema,
        body: DeathCorrectionBodySchema,
        response: { 200: DeathSchema },
      },
    },
    async (request) => correctDeath(ctx.store, { ...request.body, mrn: request.params.mrn }, act(request)),
  );

  app.post(
    "/api/adverse-events/:id/report",
    {
      config: { access: ACCESS.reportAdverseEvent },
      schema: {
        tags,
        summary:
          "Record that the expedited report was submitted: when and its reference (who: the signed-in user)",
        params: IdParamsSchema,
        body: ReportSentSchema,
        response: { 200: AdverseEventSchema },
      },
    },
    async (request) => markReported(ctx.store, request.params.id, request.body, act(request)),
  );

  app.get(
    "/api/outcomes/report",
    {
      config: { access: ACCESS.readStatistics },
      schema: {
        tags,
        summary:
          "Survival, engraftment and adverse events of one population by the chosen grouping, with the tests of its groups (researchers: research-consented patients, de-identified)",
        querystring: ReportQuerySchema,
        response: { 200: OutcomesReportSchema },
      },
    },
    async (request) => outcomesReport(ctx.store, act(request), request.query, grading),
  );

  app.get(
    "/api/outcomes/report.csv",
    {
      config: { access: ACCESS.readStatistics },
      schema: {
        tags,
        summary: "One table of the report as CSV",
        querystring: ReportCsvQuerySchema,
        response: { 200: csv },
      },
    },
    async (request, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="cradle-${request.query.table}.csv"`)
        .send(
          reportCsv(
            await outcomesReport(ctx.store, act(request), reportQueryOf(request.query), grading),
            request.query.table,
          ),
        ),
  );

  app.get(
    "/api/outcomes/overdue",
    {
      config: { access: ACCESS.readOutcomes },
      schema: { tags, summary: "Overdue follow-up visits", response: { 200: OverdueSchema } },
    },
    async (request) => ({ items: await overdueFollowUps(ctx.store, act(request)) }),
  );

  app.get(
    "/api/research/export",
    {
      config: { access: ACCESS.researchExport },
      schema: {
        tags,
        summary: "The de-identified research export (consented records only), as JSON or CSV",
        querystring: ExportQuerySchema,
        response: { 200: Type.Union([ResearchExportSchema, csv]) },
      },
    },
    async (request, reply) => {
      const out = await researchExport(ctx.store, exportKey, act(request));
      if (request.query.format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="cradle-research-export.csv"')
          .send(exportCsv(out.records));
      }
      return out;
    },
  );

  app.get(
    "/api/research/analysis",
    {
      config: { access: ACCESS.researchExport },
      schema: {
        tags,
        summary:
          "The de-identified analysis dataset, one row per consented plan, with its data dictionary (JSON), or its rows as CSV",
        querystring: ExportQuerySchema,
        response: { 200: Type.Union([AnalysisDatasetSchema, csv]) },
      },
    },
    async (request, reply) => {
      const out = await analysisDataset(ctx.store, exportKey, act(request), grading);
      if (request.query.format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="cradle-analysis-dataset.csv"')
          .header("link", '</api/research/analysis/dictionary.csv>; rel="describedby"')
          .send(analysisCsv(out.rows));
      }
      return out;
    },
  );

  app.get(
    "/api/research/analysis/dictionary.csv",
    {
      config: { access: ACCESS.researchExport },
      schema: {
        tags,
        summary: "The analysis dataset's data dictionary: column, meaning, unit, allowed values",
        response: { 200: csv },
      },
    },
    async (_request, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="cradle-analysis-dictionary.csv"')
        .send(dictionaryCsv()),
  );
}
