/**
 * The bank over HTTP: inventory, a product's whole record, and every step of its life. Bodies, queries and
 * params are the bank's own schemas (the services check the same ones at entry); answers declare theirs.
 */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import { readHistory } from "../../audit/reads.js";
import { AuditEventSchema } from "../../audit/schemas.js";
import {
  InventoryView,
  bankDashboard,
  cancelReservation,
  consentFor,
  discardProduct,
  dispositionProduct,
  divideProduct,
  formatLocation,
  importProductDescriptions,
  importTemperatureLog,
  moveProduct,
  parseLocation,
  productHistorySubjects,
  productRecord,
  productRecordFor,
  receiveProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseProduct,
  shipProduct,
  shipmentTemperatures,
  storeProduct,
  traceDin,
} from "../../bank/index.js";
import { LabelPrintInputSchema, LabelPrintListSchema } from "../../bank/label-schemas.js";
import type { LabelOptions } from "../../bank/labels.js";
import {
  BankDashboardSchema,
  DescriptionsImportSchema,
  DinParamsSchema,
  type DispositionBody,
  DispositionBodySchema,
  DispositionOutcomeSchema,
  DivideInputSchema,
  MoveBodySchema,
  NewCollectionSchema,
  ProcessingInputSchema,
  ProductFilterSchema,
  type ProductPage,
  ProductPageSchema,
  ProductRecordSchema,
  type ProductRef,
  ProductSchema,
  QcInputSchema,
  QcResultSchema,
  ReasonInputSchema,
  ReceiptInputSchema,
  ReceiptOutcomeSchema,
  ReleaseBodySchema,
  ReleaseOutcomeSchema,
  ReservationSchema,
  ReserveInputSchema,
  ShipmentInputSchema,
  ShipmentSchema,
  ShipmentTemperaturesSchema,
  StoreBodySchema,
  TemperatureLogInputSchema,
  TemperatureLogOutcomeSchema,
  TraceSchema,
  WhichSchema,
} from "../../bank/schemas.js";
import { bankingConsent } from "../../consent/index.js";
import type { TSchema } from "../../contract/schema.js";
import { recipientNameForLabel, reserveForPatient } from "../../therapy/index.js";
import { ACCESS } from "../access.js";
import { actOf, userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";
import { sightOf } from "../sight.js";

const tags = ["products"];

export function productRoutes(app: Api, ctx: ServerContext): void {
  const inventory = new InventoryView(ctx.store);
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);
  const ref = (p: { din: string }, q: { product?: string }): ProductRef =>
    q.product ? { din: p.din, product: q.product } : { din: p.din };

  app.get(
    "/api/products",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Inventory, newest first, filtered and paged",
        querystring: ProductFilterSchema,
        response: { 200: ProductPageSchema },
      },
    },
    async (request, reply) => {
      // Pages come from the bank's in-memory view: a write here shows at once, one elsewhere within a second.
      // The view's bytes are a ProductPage's JSON, sent as they are.
      const page = (await inventory.page(request.query)) as unknown as ProductPage;
      return reply.type("application/json; charset=utf-8").send(page);
    },
  );

  app.get(
    "/api/products/summary",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Counts by status and source, quarantine, reservations, expiring",
        response: { 200: BankDashboardSchema },
      },
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
        body: NewCollectionSchema,
        response: { 201: ProductSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerCollection(ctx.store, request.body, act(request))),
  );

  app.get(
    "/api/products/:din",
    {
      config: { access: ACCESS.viewProduct },
      schema: {
        tags,
        summary: "A product's whole record, with the actions the user may take on it now",
        params: DinParamsSchema,
        querystring: WhichSchema,
        response: {
          200: Type.Intersect([ProductRecordSchema, Type.Object({ bankingConsent: Type.Unknown() })]),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const record = await productRecord(ctx.store, ref(request.params, request.query), user, ctx.now());
      // A banked unit is flagged when its donor's banking consent was withdrawn.
      const consent = await bankingConsent(ctx.store.db, record.product.donorId, ctx.now());
      const sight = sightOf(user.roles);
      // Whoever may view but not read the bank (a nurse) sees no donor identity; the consent's state only.
      return { ...productRecordFor(record, sight), bankingConsent: consentFor(consent, sight) };
    },
  );

  app.get(
    "/api/products/:din/audit",
    {
      config: { access: ACCESS.viewProduct },
      schema: {
        tags,
        // Whoever may open the product's page reads its history, redacted to what their roles reach.
        summary: "A product's audit history, oldest first (by DIN alone: the collection and every division)",
        params: DinParamsSchema,
        querystring: WhichSchema,
        response: { 200: Type.Array(AuditEventSchema) },
      },
    },
    async (request) => {
      const subjects = await productHistorySubjects(ctx.store, ref(request.params, request.query));
      return readHistory(ctx.store, { subjects }, sightOf(userOf(request).roles));
    },
  );

  app.get(
    "/api/products/:din/trace",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Chain of identity and custody",
        params: DinParamsSchema,
        response: { 200: TraceSchema },
      },
    },
    async (request) => traceDin(ctx.store, request.params.din),
  );

  app.get(
    "/api/products/:din/temperature-log",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Each shipment's logged temperatures, its limits and the excursions found (for the plot)",
        params: DinParamsSchema,
        querystring: WhichSchema,
        response: { 200: Type.Array(ShipmentTemperaturesSchema) },
      },
    },
    async (request) => shipmentTemperatures(ctx.store, ref(request.params, request.query)),
  );

  // Labels (bank/labels.ts): GET draws a preview stamped as one and records nothing; only a POST to
  // label-prints is a label, recorded with its copy number (a reprint's reason required).
  const labelOptions: LabelOptions = { recipientName: (id, db) => recipientNameForLabel(db, id) };
  app.get(
    "/api/products/:din/label.svg",
    {
      // The preview the product page shows, stamped "PREVIEW — NOT A LABEL": whoever may view the product.
      config: { access: ACCESS.viewProduct },
      schema: {
        tags,
        summary: "A preview of the label as SVG (stamped PREVIEW; printing is POST label-prints)",
        params: DinParamsSchema,
        querystring: WhichSchema,
      },
    },
    async (request, reply) => {
      const { productLabel } = await import("../../bank/labels.js");
      const label = await productLabel(ctx.store, ref(request.params, request.query), labelOptions);
      return reply.type("image/svg+xml").send(label.svg);
    },
  );
  app.get(
    "/api/products/:din/label.pdf",
    {
      config: { access: ACCESS.viewProduct },
      schema: {
        tags,
        summary: "A preview of the label as PDF (stamped PREVIEW; printing is POST label-prints)",
        params: DinParamsSchema,
        querystring: WhichSchema,
      },
    },
    async (request, reply) => {
      const { productLabel } = await import("../../bank/labels.js");
      const label = await productLabel(ctx.store, ref(request.params, request.query), labelOptions);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="label-preview-${request.params.din}.pdf"`)
        .send(await label.pdf());
    },
  );
  app.get(
    "/api/products/:din/label-prints",
    {
      config: { access: ACCESS.readBank },
      schema: {
        tags,
        summary: "Every label printed for the product, first copy first",
        params: DinParamsSchema,
        querystring: WhichSchema,
        response: { 200: LabelPrintListSchema },
      },
    },
    async (request) => {
      const { labelPrints } = await import("../../bank/labels.js");
      return labelPrints(ctx.store, ref(request.params, request.query));
    },
  );
  app.post(
    "/api/products/:din/label-prints",
    {
      config: { access: ACCESS.label },
      schema: {
        tags,
        summary:
          "Print the label (final if released, else QUARANTINE — NOT FOR RELEASE), recorded; a reprint needs a reason",
        params: DinParamsSchema,
        querystring: WhichSchema,
        body: LabelPrintInputSchema,
      },
    },
    async (request, reply) => {
      const { printLabel } = await import("../../bank/labels.js");
      const printed = await printLabel(
        ctx.store,
        ref(request.params, request.query),
        request.body,
        act(request),
        labelOptions,
      );
      const ext = printed.contentType === "application/pdf" ? "pdf" : "svg";
      return reply
        .status(201)
        .type(printed.contentType)
        .header("x-label-kind", printed.print.kind)
        .header("x-label-copy", String(printed.print.copy))
        .header("x-label-print-id", printed.print.id)
        .header(
          "content-disposition",
          `inline; filename="label-${request.params.din}-copy${printed.print.copy}.${ext}"`,
        )
        .send(printed.body);
    },
  );

  /** A step of a product's life: POST /api/products/:din/<path>, the body checked by the bank's schema. */
  const step = <B>(
    path: string,
    access: (typeof ACCESS)[keyof typeof ACCESS],
    summary: string,
    body: TSchema,
    response: TSchema,
    run: (r: ProductRef, b: B, a: Act) => Promise<unknown>,
  ) =>
    app.post(
      `/api/products/:din/${path}`,
      {
        config: { access },
        schema: {
          tags,
          summary,
          params: DinParamsSchema,
          querystring: WhichSchema,
          body,
          response: { 200: response },
        },
      },
      async (request) =>
        run(ref(request.params, request.query), request.body as B, act(request)) ?? { ok: true },
    );

  step(
    "processing",
    ACCESS.process,
    "Record a processing step",
    ProcessingInputSchema,
    ProductSchema,
    (r, b: Parameters<typeof recordProcessing>[2], a) => recordProcessing(ctx.store, r, b, a),
  );
  step(
    "qc",
    ACCESS.qc,
    "Record a QC result",
    QcInputSchema,
    QcResultSchema,
    (r, b: Parameters<typeof recordQc>[2], a) =>
      recordQc(ctx.store, r, b, a, ctx.hla ? { validateHla: (gl) => void ctx.hla?.engine.validate(gl) } : {}),
  );
  step(
    "release",
    ACCESS.release,
    "Release with an electronic signature (the password again)",
    ReleaseBodySchema,
    ReleaseOutcomeSchema,
    (r, b: { password: string }, a) => releaseProduct(ctx.store, r, b.password, a),
  );
  step(
    "disposition",
    ACCESS.disposition,
    "Close a product's hold with a quality manager's signed disposition (discard, release, quarantine)",
    DispositionBodySchema,
    DispositionOutcomeSchema,
    (r, b: DispositionBody, a) =>
      dispositionProduct(ctx.store, r, { decision: b.decision, reason: b.reason }, b.password, a),
  );
  step(
    "storage",
    ACCESS.store,
    "Store in a free slot of a defined box (the answer is the slot's canonical key)",
    StoreBodySchema,
    Type.Object({ stored: Type.String() }),
    async (r, b: { location: string }, a) => ({
      stored: formatLocation(await storeProduct(ctx.store, r, parseLocation(b.location), a)),
    }),
  );
  step(
    "move",
    ACCESS.store,
    "Move to a free slot of a defined box (the answer is the slot's canonical key)",
    MoveBodySchema,
    Type.Object({ moved: Type.String() }),
    async (r, b: { to: string; reason: string }, a) => ({
      moved: formatLocation(await moveProduct(ctx.store, r, parseLocation(b.to, "to"), b.reason, a)),
    }),
  );
  step(
    "reservation",
    ACCESS.reserve,
    "Reserve for a registered patient (patientId: the MRN; 404 PATIENT_NOT_FOUND when no patient has it)",
    ReserveInputSchema,
    ReservationSchema,
    (r, b: { patientId: string; reason: string }, a) =>
      reserveForPatient(ctx.store, r, b.patientId, b.reason, a),
  );
  step(
    "reservation/cancel",
    ACCESS.reserve,
    "Cancel the reservation",
    ReasonInputSchema,
    ProductSchema,
    (r, b: { reason: string }, a) => cancelReservation(ctx.store, r, b.reason, a),
  );
  step(
    "shipment",
    ACCESS.ship,
    "Ship a reserved product",
    ShipmentInputSchema,
    ShipmentSchema,
    (r, b: Parameters<typeof shipProduct>[2], a) => shipProduct(ctx.store, r, b, a),
  );
  step(
    "temperature-log",
    ACCESS.receive,
    "Import the shipper's temperature log (CSV text)",
    TemperatureLogInputSchema,
    TemperatureLogOutcomeSchema,
    (r, b: { csv: string }, a) => importTemperatureLog(ctx.store, r, b.csv, a),
  );
  step(
    "receipt",
    ACCESS.receive,
    "Receive a shipped product",
    ReceiptInputSchema,
    ReceiptOutcomeSchema,
    (r, b: Parameters<typeof receiveProduct>[2], a) => receiveProduct(ctx.store, r, b, a),
  );
  step(
    "discard",
    ACCESS.discard,
    "Discard, with the reason",
    ReasonInputSchema,
    ProductSchema,
    (r, b: { reason: string }, a) => discardProduct(ctx.store, r, b.reason, a),
  );
  step(
    "divide",
    ACCESS.process,
    "Divide into divisions by volume",
    DivideInputSchema,
    Type.Array(ProductSchema),
    (r, b: { volumesMl: number[] }, a) => divideProduct(ctx.store, r, b.volumesMl, a),
  );

  app.post(
    "/api/product-descriptions",
    {
      config: { access: ACCESS.importDescriptions },
      schema: {
        tags,
        summary: "Import your licensed ISBT 128 product description table (CSV text)",
        body: DescriptionsImportSchema,
        response: { 200: Type.Object({ imported: Type.Integer() }) },
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
