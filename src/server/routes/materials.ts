/**
 * Reagent and supply lots and equipment over HTTP (issue 18 part 1): receive a lot, accept or reject it
 * (quality), define equipment, record a calibration or maintenance. Bodies are the bank's schemas.
 */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import {
  AssetParamsSchema,
  EquipmentSchema,
  LotDecisionSchema,
  LotParamsSchema,
  LotSchema,
  NewEquipmentSchema,
  NewLotSchema,
  NewServiceSchema,
  addEquipment,
  addLot,
  decideLot,
  listEquipment,
  listLots,
  recordService,
} from "../../bank/index.js";
import { ACCESS } from "../access.js";
import { actOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["materials"];

export function materialRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);

  app.get(
    "/api/materials/lots",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Reagent and supply lots, newest received first",
        response: { 200: Type.Array(LotSchema) },
      },
    },
    async () => listLots(ctx.store.db),
  );
  app.post(
    "/api/materials/lots",
    {
      config: { access: ACCESS.manageMaterials },
      schema: {
        tags,
        summary: "Receive a lot (pending until quality decides)",
        body: NewLotSchema,
        response: { 201: LotSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addLot(ctx.store, request.body, act(request))),
  );
  app.post(
    "/api/materials/lots/:id/decision",
    {
      config: { access: ACCESS.acceptLot },
      schema: {
        tags,
        summary: "Accept or reject a lot, with the reason (quality)",
        params: LotParamsSchema,
        body: LotDecisionSchema,
        response: { 200: LotSchema },
      },
    },
    async (request) => decideLot(ctx.store, request.params.id, request.body, act(request)),
  );
  app.get(
    "/api/materials/equipment",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Equipment with its calibration and maintenance due dates and records",
        response: { 200: Type.Array(EquipmentSchema) },
      },
    },
    async () => listEquipment(ctx.store.db),
  );
  app.post(
    "/api/materials/equipment",
    {
      config: { access: ACCESS.manageMaterials },
      schema: {
        tags,
        summary: "Define a piece of equipment by asset id",
        body: NewEquipmentSchema,
        response: { 201: EquipmentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addEquipment(ctx.store, request.body, act(request))),
  );
  app.post(
    "/api/materials/equipment/:assetId/service",
    {
      config: { access: ACCESS.manageMaterials },
      schema: {
        tags,
        summary: "Record a calibration or maintenance and its next due date",
        params: AssetParamsSchema,
        body: NewServiceSchema,
        response: { 200: EquipmentSchema },
      },
    },
    async (request) => recordService(ctx.store, request.params.assetId, request.body, act(request)),
  );
}
