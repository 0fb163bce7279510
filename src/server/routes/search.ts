/** Find a graft for a baby: ranked cord units or adult donors, and whether this bank holds each unit. */
import pLimit from "p-limit";
import { availableByDin } from "../../bank/index.js";
import { CradleError } from "../../errors.js";
import { searchListings } from "../../search/index.js";
import { SearchRequestSchema, type SearchResult, SearchResultSchema } from "../../search/schemas.js";
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
        body: SearchRequestSchema,
        response: { 200: SearchResultSchema },
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
          computing(async (): Promise<SearchResult> => {
            const result = await searchListings(ctx.store, search.index, body, {
              now: ctx.now(),
              ...(search.pool ? { pool: search.pool } : {}),
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
}
