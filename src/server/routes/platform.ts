/** Health, reference data status, HLA validation, the audit trail, and users. */
import { Type } from "typebox";
import { createUser, listUsers, parseRoles } from "../../accounts/users.js";
import { auditCount, recentAudit, verifyAudit } from "../../audit/trail.js";
import { CradleError } from "../../errors.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";
import { databaseHealth } from "../database-health.js";

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
    { config: { access: "public" }, schema: { tags: ["platform"], summary: "Liveness and the database" } },
    async (_request, reply) => {
      // 503 when the database is not ok, so a load balancer stops sending work to this server.
      const database = await databaseHealth(ctx.store, ctx.now());
      if (database.state !== "ok") reply.status(503);
      return {
        status: database.state === "ok" ? "ok" : "unavailable",
        database,
        hla: ctx.hla ? "loaded" : "absent",
        search: ctx.search ? "ready" : "absent",
      };
    },
  );

  app.get(
    "/api/reference",
    {
      config: { access: "signed-in" },
      schema: { tags: ["platform"], summary: "IMGT/HLA release and MAC file in use" },
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
        summary: "Check a GL string against the release; errors name the token and position",
        body: Type.Object({ glString: Type.String() }),
      },
    },
    async (request) => {
      const h = needHla(ctx);
      h.engine.validate(request.body.glString);
      return { valid: true, lgx: h.engine.reduce(request.body.glString, "lgx") };
    },
  );

  app.get(
    "/api/audit",
    {
      config: { access: ACCESS.readAudit },
      schema: {
        tags: ["audit"],
        summary: "The latest audit events",
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (request) => {
      return {
        items: await recentAudit(ctx.store, request.query.limit, request.query.offset),
        total: await auditCount(ctx.store),
      };
    },
  );
  app.get(
    "/api/audit/verify",
    { config: { access: ACCESS.readAudit }, schema: { tags: ["audit"], summary: "Verify the hash chain" } },
    async () => verifyAudit(ctx.store),
  );

  app.get(
    "/api/users",
    { config: { access: ACCESS.manageUsers }, schema: { tags: ["users"], summary: "Users and roles" } },
    async () => ({ items: await listUsers(ctx.store) }),
  );
  app.post(
    "/api/users",
    {
      config: { access: ACCESS.manageUsers },
      schema: {
        tags: ["users"],
        summary: "Add a user; they change the password at first sign-in",
        body: Type.Object({
          username: Type.String(),
          printedName: Type.String(),
          roles: Type.Array(Type.String(), { minItems: 1 }),
          password: Type.String(),
        }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const user = await createUser(
        ctx.store,
        { ...b, roles: parseRoles(b.roles.join(",")), mustChangePassword: true },
        userOf(request).username,
        ctx.now(),
      );
      return reply.status(201).send(user);
    },
  );
}
