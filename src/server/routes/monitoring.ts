import { postReadings } from "../../bank/index.js";
/**
 * The endpoint a freezer or tank monitoring system posts readings to. It has no session: it is
 * authenticated by the device's own token (Authorization: Bearer <token>), which a quality manager creates
 * or rotates (POST /api/quality/monitoring/:device/token); the service checks it against the stored hash
 * and audits a refusal. Idempotent by reading time.
 */
import { ReadingsOutcomeSchema, ReadingsPostSchema } from "../../bank/quality/monitoring-schemas.js";
import type { Api, ServerContext } from "../context.js";

function bearer(header: string | string[] | undefined): string | undefined {
  if (typeof header !== "string") return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
  return m?.[1];
}

export function monitoringRoutes(app: Api, ctx: ServerContext): void {
  app.post(
    "/api/monitoring/readings",
    {
      config: { access: "public", rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        tags: ["quality"],
        summary:
          "A monitoring system posts a device's readings with the device's token (Authorization: Bearer)",
        body: ReadingsPostSchema,
        response: { 200: ReadingsOutcomeSchema },
      },
    },
    async (request) =>
      postReadings(ctx.store, request.body, bearer(request.headers.authorization), ctx.now(), request.ip),
  );
}
