/**
 * The storage model over HTTP: devices, racks and boxes (defined by the lab and quality), a box's grid
 * with what is in each slot (for picking a free one), and what migration 0016 would not merge; and the
 * plausible QC ranges per product source. Bodies and queries are the bank's schemas.
 */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import {
  addStorageBox,
  addStorageDevice,
  addStorageRack,
  boxGrid,
  listStorage,
  plausibleRanges,
  setPlausibleRange,
  storageIssues,
} from "../../bank/index.js";
import { PlausibleRangeInputSchema, PlausibleRangeSchema } from "../../bank/schemas.js";
import {
  BoxGridSchema,
  BoxQuerySchema,
  IssueQuerySchema,
  NewBoxSchema,
  NewDeviceSchema,
  NewRackSchema,
  StorageDeviceSchema,
  StorageIssueSchema,
} from "../../bank/storage-schemas.js";
import { ACCESS } from "../access.js";
import { actOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["storage"];

export function storageRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);

  app.get(
    "/api/storage/devices",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Every freezer and LN2 tank with its racks and boxes, each box with how full it is",
        response: { 200: Type.Array(StorageDeviceSchema) },
      },
    },
    async () => listStorage(ctx.store.db),
  );
  app.post(
    "/api/storage/devices",
    {
      config: { access: ACCESS.defineStorage },
      schema: {
        tags,
        summary: "Define a freezer or LN2 tank (its name unique, upper-cased)",
        body: NewDeviceSchema,
        response: { 201: StorageDeviceSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addStorageDevice(ctx.store, request.body, act(request))),
  );
  app.post(
    "/api/storage/racks",
    {
      config: { access: ACCESS.defineStorage },
      schema: {
        tags,
        summary: "Define a rack in a device",
        body: NewRackSchema,
        response: { 201: Type.Object({ id: Type.String(), name: Type.String() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addStorageRack(ctx.store, request.body, act(request))),
  );
  app.post(
    "/api/storage/boxes",
    {
      config: { access: ACCESS.defineStorage },
      schema: {
        tags,
        summary: "Define a box in a rack, with its grid (rows × columns, letter-number or numbered)",
        body: NewBoxSchema,
        response: { 201: Type.Object({ id: Type.String(), name: Type.String() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addStorageBox(ctx.store, request.body, act(request))),
  );
  app.get(
    "/api/storage/grid",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "A box's grid (?box=DEVICE/RACK/BOX), every slot with its key and the product in it",
        querystring: BoxQuerySchema,
        response: { 200: BoxGridSchema },
      },
    },
    async (request) => boxGrid(ctx.store.db, request.query),
  );
  app.get(
    "/api/storage/issues",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary:
          "Clashes and unreadable positions migration 0016 found and did not merge (?open=true: unresolved)",
        querystring: IssueQuerySchema,
        response: { 200: Type.Array(StorageIssueSchema) },
      },
    },
    async (request) => storageIssues(ctx.store.db, request.query.open ? { open: true } : {}),
  );
  app.get(
    "/api/qc/plausible-ranges",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags: ["products"],
        summary: "The plausible range of each numeric QC test per product source",
        response: { 200: Type.Array(PlausibleRangeSchema) },
      },
    },
    async () => plausibleRanges(ctx.store.db),
  );
  app.post(
    "/api/qc/plausible-ranges",
    {
      config: { access: ACCESS.setPlausibleRange },
      schema: {
        tags: ["products"],
        summary: "Set a QC test's plausible range for a product source, with its basis (audited)",
        body: PlausibleRangeInputSchema,
        response: { 200: PlausibleRangeSchema },
      },
    },
    async (request) => setPlausibleRange(ctx.store, request.body, act(request)),
  );
}
