/** Outcomes over HTTP: consents, follow-up forms, adverse events, the outcomes report and the research export. */
import { randomBytes } from "node:crypto";
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import { config } from "../../config/index.js";
import {
  FORMS,
  REPORT_TABLES,
  type ReportTable,
  exportCsv,
  markReported,
  outcomesReport,
  overdueFollowUps,
  patientOutcomes,
  recordAdverseEvent,
  recordConsent,
  recordFollowUp,
  reportCsv,
  researchExport,
  withdrawConsent,
} from "../../outcomes/index.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["outcomes"];
const Mrn = Type.Object({ mrn: Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9-]{2,29}$" }) });
const Id = Type.Object({ id: Type.String({ format: "uuid" }) });

export function outcomeRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof userOf>[0]): Act => ({ user: userOf(request), at: ctx.now() });
  // Pseudonyms and date shifts stay the same across exports only with the program's key.
  const exportKey = config().exportKey ?? randomBytes(32).toString("hex");

  app.get(
    "/api/patients/:mrn/outcomes",
    {
      config: { access: ACCESS.readOutcomes },
      schema: {
        tags,
        summary: "A patient's consents, follow-up visits and forms per plan, and adverse events",
        params: Mrn,
      },
    },
    async (request) => patientOutcomes(ctx.store, request.params.mrn, ctx.now()),
  );

  app.get(
    "/api/outcomes/forms",
    {
      config: { access: ACCESS.readOutcomes },
      schema: { tags, summary: "The follow-up forms and their typed fields" },
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
        body: Type.Object({
          mrn: Type.String(),
          scope: Type.String(),
          document: Type.String(),
          documentVersion: Type.String(),
          signedBy: Type.String(),
          relationship: Type.String(),
          signedAt: Type.String(),
          password: Type.String({ minLength: 1 }),
        }),
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
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1 }) }),
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
        body: Type.Object({
          planId: Type.String({ format: "uuid" }),
          visit: Type.String(),
          form: Type.String(),
          observedAt: Type.String(),
          data: Type.Record(Type.String(), Type.Unknown()),
        }),
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
        body: Type.Object({
          mrn: Type.String(),
          planId: Type.Optional(Type.String({ format: "uuid" })),
          term: Type.String(),
          grade: Type.Integer(),
          serious: Type.Boolean(),
          attribution: Type.String(),
          expected: Type.Boolean(),
          onsetAt: Type.String(),
          awareAt: Type.Optional(Type.String()),
          description: Type.String(),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordAdverseEvent(ctx.store, request.body, act(request))),
  );

  app.post(
    "/api/adverse-events/:id/report",
    {
      config: { access: ACCESS.reportAdverseEvent },
      schema: {
        tags,
        summary: "Record that the expedited report was sent",
        params: Id,
        body: Type.Object({ reportedAt: Type.String() }),
      },
    },
    async (request) => markReported(ctx.store, request.params.id, request.body.reportedAt, act(request)),
  );

  app.get(
    "/api/outcomes/report",
    {
      config: { access: ACCESS.readOutcomes },
      schema: { tags, summary: "Survival, engraftment and adverse events of the program" },
    },
    async () => outcomesReport(ctx.store, ctx.now()),
  );

  app.get(
    "/api/outcomes/report.csv",
    {
      config: { access: ACCESS.readOutcomes },
      schema: {
        tags,
        summary: "One table of the report as CSV",
        querystring: Type.Object({ table: Type.Union(REPORT_TABLES.map((t) => Type.Literal(t))) }),
      },
    },
    async (request, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="cradle-${request.query.table}.csv"`)
        .send(reportCsv(await outcomesReport(ctx.store, ctx.now()), request.query.table as ReportTable)),
  );

  app.get(
    "/api/outcomes/overdue",
    { config: { access: ACCESS.readOutcomes }, schema: { tags, summary: "Overdue follow-up visits" } },
    async () => ({ items: await overdueFollowUps(ctx.store, ctx.now()) }),
  );

  app.get(
    "/api/research/export",
    {
      config: { access: ACCESS.researchExport },
      schema: {
        tags,
        summary: "The de-identified research export (consented records only), as JSON or CSV",
        querystring: Type.Object({
          format: Type.Union([Type.Literal("json"), Type.Literal("csv")], { default: "json" }),
        }),
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
}
