/** Health, reference data status, HLA validation, and the audit trail. */
import { Type } from "typebox";
import { AUDIT_KINDS } from "../../audit/kinds.js";
import { readAudit, readAuditCsv, verifyAuditAs } from "../../audit/reads.js";
import {
  AuditCsvQuerySchema,
  AuditPageQuerySchema,
  AuditPageSchema,
  AuditVerificationSchema,
} from "../../audit/schemas.js";
import { CradleError } from "../../errors.js";
import { checkTyping } from "../../hla/check-typing.js";
import {
  HealthSchema,
  HlaCheckAnswerSchema,
  HlaCheckSchema,
  ReferenceStatusSchema,
} from "../../search/reference-schemas.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";
import { databaseHealth } from "../database-health.js";
import { sightOf } from "../sight.js";

function needHla(ctx: ServerContext) {
  if (!ctx.hla)
    throw new CradleError(
      "REFERENCE_NOT_FOUND",
      "no IMGT/HLA release is loaded on this server (set CRADLE_HLA_DIR)",
    );
  return ctx.hla;
}

export function platformRoutes(app: Api, ctx: ServerContext): void {
  app.get(
    "/api/health",
    {
      config: { access: "public" },
      schema: {
        tags: ["platform"],
        summary: "Liveness and the database",
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      // 503 when the database is not ok, so a load balancer stops sending work to this server.
      const database = await databaseHealth(ctx.store, ctx.now());
      if (database.state !== "ok") reply.status(503);
      return {
        status: database.state === "ok" ? ("ok" as const) : ("unavailable" as const),
        database,
        hla: ctx.hla ? ("loaded" as const) : ("absent" as const),
        search: ctx.search ? ("ready" as const) : ("absent" as const),
      };
    },
  );

  app.get(
    "/api/reference",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["platform"],
        summary: "IMGT/HLA release and MAC file in use",
        response: { 200: ReferenceStatusSchema },
      },
    },
    async () => {
      const h = ctx.hla;
      return {
        hla: h
          ? {
              version: h.engine.release.version,
              provenance: h.release.provenance,
              loadMs: Math.round(h.release.loadMs),
            }
          : null,
        macs: h?.macs ?? null,
        search: ctx.search
          ? {
              adults: ctx.search.index.count("adult"),
              cords: ctx.search.index.count("cord"),
              loadedAt: ctx.search.loadedAt,
              loadMs: ctx.search.loadMs,
            }
          : null,
      };
    },
  );

  app.post(
    "/api/hla/validate",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["platform"],
        summary: "Check a GL string against the release as every stored typing is; errors name the token",
        body: HlaCheckSchema,
        response: { 200: HlaCheckAnswerSchema },
      },
    },
    async (request) => {
      const h = needHla(ctx);
      checkTyping(h.engine, request.body.glString);
      return { valid: true as const, lgx: h.engine.reduce(request.body.glString, "lgx") };
    },
  );

  app.get(
    "/api/audit",
    {
      config: { access: ACCESS.readAudit },
      schema: {
        tags: ["audit"],
        summary: "The latest audit events, filtered by entity, user, kind and time",
        querystring: AuditPageQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const user = userOf(request);
      return readAudit(ctx.store, user, request.query, sightOf(user.roles));
    },
  );
  app.get(
    "/api/audit.csv",
    {
      config: { access: ACCESS.readAudit },
      schema: {
        tags: ["audit"],
        summary: "The same filtered events as CSV (formula-looking cells made inert)",
        querystring: AuditCsvQuerySchema,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const csv = await readAuditCsv(ctx.store, user, request.query, sightOf(user.roles));
      const stamp = ctx.now().toISOString().replace(/[:.]/g, "-");
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${stamp}.csv"`)
        .send(csv);
    },
  );
  app.get(
    "/api/audit/kinds",
    {
      config: { access: ACCESS.readAudit },
      schema: {
        tags: ["audit"],
        summary: "Every kind of event the trail holds (what the kind filter may name)",
        response: { 200: Type.Array(Type.String()) },
      },
    },
    async () => [...AUDIT_KINDS],
  );
  app.get(
    "/api/audit/verify",
    {
      config: { access: ACCESS.readAudit },
      schema: {
        tags: ["audit"],
        summary: "Verify the hash chain",
        response: { 200: AuditVerificationSchema },
      },
    },
    async (request) => verifyAuditAs(ctx.store, userOf(request)),
  );
}
