/** The bank over HTTP: inventory, a product's whole record, and every step of its life. */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import {
  InventoryView,
  bankDashboard,
  cancelReservation,
  discardProduct,
  divideProduct,
  importProductDescriptions,
  importTemperatureLog,
  moveProduct,
  parseLocation,
  productRecord,
  receiveProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseProduct,
  reserveProduct,
  shipProduct,
  storeProduct,
  traceDin,
} from "../../bank/index.js";
import type { ProductRef } from "../../bank/products.js";
import { bankingConsent } from "../../consent/index.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const Din = Type.Object({
  din: Type.String({
    minLength: 13,
    maxLength: 20,
    description: "the DIN, keyed (with or without K) or scanned",
  }),
});
const Which = Type.Object({
  product: Type.Optional(
    Type.String({ description: "product code when the DIN has several, e.g. S1234VA0" }),
  ),
});
const tags = ["products"];

export function productRoutes(app: Api, ctx: ServerContext): void {
  const inventory = new InventoryView(ctx.store);
  const act = (request: Parameters<typeof userOf>[0]): Act => ({ user: userOf(request), at: ctx.now() });
  const ref = (p: { din: string }, q: { product?: string }): ProductRef =>
    q.product ? { din: p.din, product: q.product } : { din: p.din };

  app.get(
    "/api/products",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Inventory, newest first, filtered and paged",
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
          status: Type.Optional(Type.String()),
          source: Type.Optional(Type.String()),
          din: Type.Optional(Type.String({ description: "DIN or its beginning" })),
        }),
      },
    },
    async (request, reply) =>
      // Pages come from the bank's in-memory view: a write here shows at once, one elsewhere within a second.
      reply
        .type("application/json; charset=utf-8")
        .send(await inventory.page(request.query)),
  );

  app.get(
    "/api/products/summary",
    {
      config: { access: ACCESS.readBank },
      schema: { tags, summary: "Counts by status and source, quarantine, reservations, expiring" },
    },
    async () => bankDashboard(ctx.store, ctx.now()),
  );

  app.post(
    "/api/products",
    {
      config: { access: ACCESS.register },
      schema: {
        tags,
        summary: "Register a collection and its first product",
        body: Type.Object({
          din: Type.Optional(Type.String()),
          fin: Type.Optional(Type.String()),
          source: Type.String(),
          donorId: Type.String(),
          motherId: Type.Optional(Type.String()),
          consentRef: Type.String(),
          collectedAt: Type.String(),
          site: Type.String(),
          volumeMl: Type.Number(),
          productCode: Type.String(),
          aboRhD: Type.Optional(Type.String()),
          expiresAt: Type.Optional(Type.String()),
          storageTemperature: Type.String(),
          recipientId: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerCollection(ctx.store, request.body, act(request))),
  );

  app.get(
    "/api/products/:din",
    {
      config: { access: ACCESS.readBank },
      schema: { tags, summary: "A product's whole record", params: Din, querystring: Which },
    },
    async (request) => {
      const record = await productRecord(ctx.store, ref(request.params, request.query));
      // A banked unit is flagged when its donor's banking consent was withdrawn.
      return {
        ...record,
        bankingConsent: await bankingConsent(ctx.store.db, record.product.donorId, ctx.now()),
      };
    },
  );

  app.get(
    "/api/products/:din/trace",
    {
      config: { access: ACCESS.readBank },
      schema: { tags, summary: "Chain of identity and custody", params: Din },
    },
    async (request) => traceDin(ctx.store, request.params.din),
  );

  app.get(
    "/api/products/:din/label.svg",
    {
      config: { access: ACCESS.readBank },
      schema: { tags, summary: "The label as SVG", params: Din, querystring: Which },
    },
    async (request, reply) => {
      const { productLabel } = await import("../../bank/labels.js");
      const label = await productLabel(ctx.store, ref(request.params, request.query));
      return reply.type("image/svg+xml").send(label.svg);
    },
  );
  app.get(
    "/api/products/:din/label.pdf",
    {
      config: { access: ACCESS.readBank },
      schema: { tags, summary: "The label as PDF", params: Din, querystring: Which },
    },
    async (request, reply) => {
      const { productLabel } = await import("../../bank/labels.js");
      const label = await productLabel(ctx.store, ref(request.params, request.query));
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="label-${request.params.din}.pdf"`)
        .send(await label.pdf());
    },
  );

  const step = <B>(
    path: string,
    access: (typeof ACCESS)[keyof typeof ACCESS],
    summary: string,
    body: ReturnType<typeof Type.Object>,
    run: (r: ProductRef, b: B, a: Act) => Promise<unknown>,
  ) =>
    app.post(
      `/api/products/:din/${path}`,
      { config: { access }, schema: { tags, summary, params: Din, querystring: Which, body } },
      async (request) =>
        run(ref(request.params, request.query), request.body as B, act(request)) ?? { ok: true },
    );

  step(
    "processing",
    ACCESS.process,
    "Record a processing step",
    Type.Object({
      step: Type.String(),
      performedAt: Type.String(),
      method: Type.Optional(Type.String()),
      reagents: Type.Optional(Type.String()),
      equipment: Type.Optional(Type.String()),
      volumeBeforeMl: Type.Optional(Type.Number()),
      volumeAfterMl: Type.Optional(Type.Number()),
      notes: Type.Optional(Type.String()),
      complete: Type.Optional(Type.Boolean()),
    }),
    (r, b: Parameters<typeof recordProcessing>[2], a) => recordProcessing(ctx.store, r, b, a),
  );
  step(
    "qc",
    ACCESS.qc,
    "Record a QC result",
    Type.Object({
      test: Type.String(),
      stage: Type.String(),
      value: Type.Optional(Type.Number()),
      result: Type.Optional(Type.String()),
      method: Type.Optional(Type.String()),
      testedAt: Type.String(),
    }),
    (r, b: Parameters<typeof recordQc>[2], a) =>
      recordQc(ctx.store, r, b, a, ctx.hla ? { validateHla: (gl) => void ctx.hla?.engine.validate(gl) } : {}),
  );
  step(
    "release",
    ACCESS.release,
    "Release with an electronic signature (the password again)",
    Type.Object({ password: Type.String({ minLength: 1 }) }),
    (r, b: { password: string }, a) => releaseProduct(ctx.store, r, b.password, a),
  );
  step(
    "storage",
    ACCESS.store,
    "Store in a free position",
    Type.Object({ location: Type.String() }),
    async (r, b: { location: string }, a) => {
      await storeProduct(ctx.store, r, parseLocation(b.location), a);
      return { stored: b.location };
    },
  );
  step(
    "move",
    ACCESS.store,
    "Move to a free position",
    Type.Object({ to: Type.String(), reason: Type.String() }),
    async (r, b: { to: string; reason: string }, a) => {
      await moveProduct(ctx.store, r, parseLocation(b.to, "to"), b.reason, a);
      return { moved: b.to };
    },
  );
  step(
    "reservation",
    ACCESS.reserve,
    "Reserve for a patient",
    Type.Object({ patientId: Type.String(), reason: Type.String() }),
    (r, b: { patientId: string; reason: string }, a) =>
      reserveProduct(ctx.store, r, b.patientId, b.reason, a),
  );
  step(
    "reservation/cancel",
    ACCESS.reserve,
    "Cancel the reservation",
    Type.Object({ reason: Type.String() }),
    (r, b: { reason: string }, a) => cancelReservation(ctx.store, r, b.reason, a),
  );
  step(
    "shipment",
    ACCESS.ship,
    "Ship a reserved product",
    Type.Object({ destination: Type.String(), courier: Type.String(), shipperId: Type.String() }),
    (r, b: Parameters<typeof shipProduct>[2], a) => shipProduct(ctx.store, r, b, a),
  );
  step(
    "temperature-log",
    ACCESS.receive,
    "Import the shipper's temperature log (CSV text)",
    Type.Object({ csv: Type.String() }),
    (r, b: { csv: string }, a) => importTemperatureLog(ctx.store, r, b.csv, a),
  );
  step(
    "receipt",
    ACCESS.receive,
    "Receive a shipped product",
    Type.Object({ condition: Type.String(), excursionReason: Type.Optional(Type.String()) }),
    (r, b: Parameters<typeof receiveProduct>[2], a) => receiveProduct(ctx.store, r, b, a),
  );
  step(
    "discard",
    ACCESS.discard,
    "Discard, with the reason",
    Type.Object({ reason: Type.String() }),
    (r, b: { reason: string }, a) => discardProduct(ctx.store, r, b.reason, a),
  );
  step(
    "divide",
    ACCESS.process,
    "Divide into divisions by volume",
    Type.Object({ volumesMl: Type.Array(Type.Number(), { minItems: 2, maxItems: 26 }) }),
    (r, b: { volumesMl: number[] }, a) => divideProduct(ctx.store, r, b.volumesMl, a),
  );

  app.post(
    "/api/product-descriptions",
    {
      config: { access: ACCESS.importDescriptions },
      schema: {
        tags,
        summary: "Import your licensed ISBT 128 product description table (CSV text)",
        body: Type.Object({ csv: Type.String(), source: Type.String() }),
      },
    },
    async (request) => ({
      imported: await importProductDescriptions(
        ctx.store,
        request.body.csv,
        request.body.source,
        act(request),
      ),
    }),
  );
}
