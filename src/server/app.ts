/**
 * The HTTP server: Fastify with one plugin per area, JSON validated by TypeBox schemas, OpenAPI 3 from
 * those schemas at /api/docs, security headers, rate-limited sign-in, pino logs, and the web app's files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyServerOptions } from "fastify";
import { type ApiDocs, config } from "../config/index.js";
import { registerAuth } from "./auth.js";
import type { Api, ServerContext } from "./context.js";
import { registerDocsAccess } from "./docs-access.js";
import { errorHandler, send } from "./errors.js";
import { frequencyRoutes } from "./routes/frequencies.js";
import { materialRoutes } from "./routes/materials.js";
import { monitoringRoutes } from "./routes/monitoring.js";
import { outcomeRoutes } from "./routes/outcomes.js";
import { platformRoutes } from "./routes/platform.js";
import { productRoutes } from "./routes/products.js";
import { qualityRoutes } from "./routes/quality.js";
import { recallRoutes } from "./routes/recalls.js";
import { searchRoutes } from "./routes/search.js";
import { sessionRoutes } from "./routes/session.js";
import { storageRoutes } from "./routes/storage.js";
import { therapyRoutes } from "./routes/therapy.js";
import { totpRoutes } from "./routes/totp.js";
import { userRoutes } from "./routes/users.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { registerStrictInput } from "./strict-input.js";

export interface AppOptions extends ServerContext {
  logger?: FastifyServerOptions["logger"];
  /** Reverse proxies whose X-Forwarded-For/-Proto are believed; default CRADLE_TRUSTED_PROXIES (none). */
  trustedProxies?: readonly string[];
  /** Who may read /api/docs and source maps; default CRADLE_API_DOCS. */
  apiDocs?: ApiDocs;
  /** The built web app (index.html and assets); not served when absent. */
  webDir?: string;
}

const PER_REQUEST_LEVELS = new Set(["trace", "debug", "info"]);

export async function buildApp(o: AppOptions): Promise<Api> {
  const proxies = [...(o.trustedProxies ?? config().trustedProxies ?? [])];
  const app = Fastify({
    logger: o.logger ?? false,
    // A child logger per request, to carry its id, costs a sixth of a small request's CPU (bench/api). At
    // warn and above a request logs only when it fails, and that log names the request: the server's own
    // logger serves. At info and below each request gets its child, as Fastify does by default.
    childLoggerFactory: (logger, bindings, options) =>
      PER_REQUEST_LEVELS.has(logger.level) ? logger.child(bindings, options) : logger,
    // Bodies are small records; the temperature-log upload, the largest, is well under this.
    bodyLimit: 2 * 1024 * 1024,
    requestIdHeader: false,
    // Only a listed proxy's X-Forwarded-For and X-Forwarded-Proto are believed: the client address that
    // throttling and the audit trail record, and whether the session cookie is Secure. From any other
    // peer those headers are ignored, so a client cannot name its own address.
    trustProxy: proxies.length > 0 ? proxies : false,
    // A malformed or over-long path part is refused by the router before any handler: answered in the
    // catalogue's words like every other refusal, not in Fastify's own shape.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(errorHandler);
  registerStrictInput(app);
  // The session cookie is read by the auth hook alone (auth.ts), not parsed into every request.
  await app.register(cookie, { hook: false });
  registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Cradle API",
        version: "0.1.0",
        description: "Pediatric stem cell therapy programs: bank, match, treat, follow.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "cradle_session" } } },
      security: [{ session: [] }],
    },
  });
  const apiDocs = o.apiDocs ?? config().apiDocs;
  registerDocsAccess(app, o.store, o.now, apiDocs);
  // Operations start folded: Swagger UI stopped rendering once the whole spec (120 paths) was unfolded at once.
  if (apiDocs !== "off")
    await app.register(swaggerUi, {
      routePrefix: "/api/docs",
      staticCSP: true,
      uiConfig: { docExpansion: "none" },
    });
  registerAuth(app, o.store, o.now);
  const ctx: ServerContext = {
    store: o.store,
    now: o.now,
    ...(o.hla ? { hla: o.hla } : {}),
    ...(o.ctcae ? { ctcae: o.ctcae } : {}),
    ...(o.search ? { search: o.search } : {}),
  };
  // One plugin per area.
  for (const area of [
    sessionRoutes,
    totpRoutes,
    platformRoutes,
    userRoutes,
    productRoutes,
    storageRoutes,
    qualityRoutes,
    monitoringRoutes,
    materialRoutes,
    recallRoutes,
    searchRoutes,
    frequencyRoutes,
    therapyRoutes,
    outcomeRoutes,
  ]) {
    await app.register(async (api) => area(api as unknown as Api, ctx));
  }
  if (o.webDir && existsSync(join(o.webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: o.webDir, wildcard: false });
    // The web app routes on the client: any other GET outside /api is the app's page.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === "GET" && !request.url.startsWith("/api/")) return reply.sendFile("index.html");
      return send(reply, "NOT_FOUND", `no route ${request.method} ${request.url.slice(0, 200)}`);
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      send(reply, "NOT_FOUND", `no route ${request.method} ${request.url.slice(0, 200)}`),
    );
  }
  return app;
}
