/**
 * Look-back and recall over HTTP (issue 18 part 2): a look-back from a lot, equipment over a window, a
 * donor or mother, or a DIN; opening a recall from it (holds in the same transaction); closing its actions;
 * closing it with the quality manager's signature (the password again, the second factor in
 * X-Second-Factor). Bodies are the bank's schemas.
 */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import {
  CloseActionSchema,
  CloseRecallSchema,
  LookbackInputSchema,
  LookbackSchema,
  OpenRecallSchema,
  RecallActionParamsSchema,
  RecallParamsSchema,
  RecallRecordSchema,
  RecallSummarySchema,
  closeRecall,
  closeRecallAction,
  listRecalls,
  lookback,
  openRecall,
  recallRecord,
} from "../../bank/index.js";
import { ACCESS } from "../access.js";
import { actOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["recalls"];

export function recallRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);

  app.get(
    "/api/lookback",
    {
      config: { access: ACCESS.recall },
      schema: {
        tags,
        summary: "Look back from a lot, equipment (with from and to), a donor or mother id, or a DIN",
        querystring: LookbackInputSchema,
        response: { 200: LookbackSchema },
      },
    },
    async (request) => lookback(ctx.store.db, request.query),
  );
  app.get(
    "/api/recalls",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Every recall, newest first",
        response: { 200: Type.Array(RecallSummarySchema) },
      },
    },
    async () => listRecalls(ctx.store.db),
  );
  app.post(
    "/api/recalls",
    {
      config: { access: ACCESS.recall },
      schema: {
        tags,
        summary: "Open a recall: the look-back's products held, their whereabouts kept, the actions listed",
        body: OpenRecallSchema,
        response: { 201: RecallRecordSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await openRecall(ctx.store, request.body, act(request))),
  );
  app.get(
    "/api/recalls/:id",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "A recall's whole record",
        params: RecallParamsSchema,
        response: { 200: RecallRecordSchema },
      },
    },
    async (request) => recallRecord(ctx.store.db, request.params.id, act(request)),
  );
  app.post(
    "/api/recalls/:id/actions/:actionId/close",
    {
      config: { access: ACCESS.recallAction },
      schema: {
        tags,
        summary: "Close one action of a recall with what was done",
        params: RecallActionParamsSchema,
        body: CloseActionSchema,
        response: { 200: RecallRecordSchema },
      },
    },
    async (request) =>
      closeRecallAction(ctx.store, request.params.id, request.params.actionId, request.body, act(request)),
  );
  app.post(
    "/api/recalls/:id/close",
    {
      config: { access: ACCESS.recall },
      schema: {
        tags,
        summary: "Close the recall with an electronic signature, once every action is closed",
        params: RecallParamsSchema,
        body: CloseRecallSchema,
        response: { 200: RecallRecordSchema },
      },
    },
    async (request) => closeRecall(ctx.store, request.params.id, request.body, act(request)),
  );
}
