/** Find a graft for a baby: ranked cord units or adult donors, and whether this bank holds each unit. */
import pLimit from "p-limit";
import { Type } from "typebox";
import { availableByDin } from "../../bank/dashboard.js";
import { CradleError } from "../../errors.js";
import { scientific } from "../../matching/dose.js";
import { type ListingHit, searchListings } from "../../search/search-service.js";
import { writeCount } from "../../store/write.js";
import { ACCESS } from "../access.js";
import { AnswerCache } from "../answer-cache.js";
import type { Api, ServerContext } from "../context.js";

export function searchRoutes(app: Api, ctx: ServerContext): void {
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
        body: Type.Object({
          patientTyping: Type.String({ minLength: 1, description: "the patient's HLA as a GL string" }),
          kind: Type.Union([Type.Literal("cord"), Type.Literal("adult")]),
          weightGrams: Type.Optional(Type.Integer({ minimum: 300, maximum: 150000 })),
          diagnosis: Type.Optional(Type.Union([Type.Literal("malignant"), Type.Literal("nonmalignant")])),
          antibodies: Type.Optional(Type.Array(Type.String())),
          loci: Type.Optional(Type.Union([Type.Literal(8), Type.Literal(10)])),
          maxMismatches: Type.Optional(Type.Integer({ minimum: 0, maximum: 8 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request, reply) => {
      const search = ctx.search;
      if (!search)
        throw new CradleError(
          "REFERENCE_NOT_FOUND",
          "the search index is not loaded on this server (it needs the IMGT/HLA release)",
        );
      const body = request.body;
      const answer = await answers.answer(
        JSON.stringify(body),
        `${search.index.version} ${writeCount()}`,
        () =>
          computing(async () => {
            const result = await searchListings(ctx.store, search.index, body, {
              now: ctx.now(),
              ...(search.pool ? { pool: search.pool } : {}),
            });
            // Cord units this bank holds can be reserved here: the listing id is the product's DIN.
            const available = await availableByDin(
              ctx.store,
              result.hits.map((h) => h.id),
            );
            const loci = body.loci ?? 8;
            return {
              ...result,
              hits: result.hits.map((h) => ({
                ...h,
                reason: reasonFor(h, loci, body.kind),
                bankProduct: available.get(h.id) ?? null,
              })),
            };
          }),
      );
      return reply.type("application/json; charset=utf-8").send(answer);
    },
  );
}

/** Why a hit stands where it does, in the order the ranking weighs it. */
function reasonFor(h: ListingHit, loci: 8 | 10, kind: "cord" | "adult"): string {
  const s = h.grade.summary;
  const matched = loci === 8 ? s.allele8 : s.allele10;
  const parts = [`${matched}/${loci} allele`];
  if (kind === "cord") parts.push(`cord ${s.cord6}/6`);
  parts.push(h.direction === "none" ? "no mismatch" : `mismatch ${h.direction}`);
  if (h.dose) parts.push(`TNC ${scientific(h.dose.tncPerKg)}/kg`);
  if (h.dose?.cd34PerKg !== undefined) parts.push(`CD34+ ${scientific(h.dose.cd34PerKg)}/kg`);
  return parts.join(", ");
}
