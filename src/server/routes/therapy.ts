import { Type } from "typebox";
/**
 * Therapy over HTTP: patients, protocols, plans, dose orders, the bedside check and infusions. Every body,
 * query and path parameter is therapy's own schema (src/therapy/schemas), the same the services check and
 * the CLI reads; the answers' schemas document what the web app's types say.
 */
import type { Act } from "../../accounts/act.js";
import { readHistory } from "../../audit/reads.js";
import { AuditEventSchema } from "../../audit/schemas.js";
import { Obj } from "../../contract/schema.js";
import {
  activateProtocol,
  dueDoses,
  enrolPatient,
  heldOrders,
  listPatients,
  listProtocols,
  orderDose,
  patientEligibility,
  patientHistory,
  patientRecord,
  planHistory,
  planRecord,
  readPatient,
  recordInfusion,
  recordMissedDose,
  recordWeight,
  registerPatient,
  verifyBedside,
  withdrawPlan,
} from "../../therapy/index.js";
import {
  BedsideOutcomeSchema,
  BedsideScanSchema,
  DoseOrderBodySchema,
  DoseOrderSchema,
  DueListSchema,
  DueQuerySchema,
  EligibilityQuerySchema,
  EligibilitySchema,
  HeldOrderListSchema,
  InfusionSchema,
  MrnParamsSchema,
  NewInfusionSchema,
  NewPatientSchema,
  NewPlanSchema,
  NewWeightSchema,
  PasswordSchema,
  PatientPageSchema,
  PatientQuerySchema,
  PatientRecordSchema,
  PatientSchema,
  PlanDoseParamsSchema,
  PlanParamsSchema,
  PlanRecordSchema,
  PlanSchema,
  ProtocolIdSchema,
  ProtocolSchema,
  ProtocolStatusSchema,
  ReasonSchema,
  SignatureSchema,
  WeightSchema,
} from "../../therapy/schemas.js";
import { ACCESS } from "../access.js";
import { actOf, userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";
import { sightOf } from "../sight.js";

const tags = ["therapy"];

export function therapyRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);
  const validateHla = ctx.hla ? { validateHla: (gl: string) => void ctx.hla?.engine.validate(gl) } : {};

  app.get(
    "/api/patients",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "Patients, youngest first, searched by MRN or name",
        querystring: PatientQuerySchema,
        response: { 200: PatientPageSchema },
      },
    },
    async (request) => listPatients(ctx.store, request.query, act(request)),
  );

  app.post(
    "/api/patients",
    {
      config: { access: ACCESS.registerPatient },
      schema: {
        tags,
        summary: "Register an infant patient",
        body: NewPatientSchema,
        response: { 201: PatientSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerPatient(ctx.store, request.body, act(request), validateHla)),
  );

  app.get(
    "/api/patients/:mrn",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary:
          "A patient's record: identity, weights, plans, orders, checks, infusions, and what you may do",
        params: MrnParamsSchema,
        response: { 200: PatientRecordSchema },
      },
    },
    async (request) => patientRecord(ctx.store, request.params.mrn, act(request)),
  );

  app.get(
    "/api/patients/:mrn/audit",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "A patient's audit history and its plans', oldest first",
        params: MrnParamsSchema,
        response: { 200: Type.Array(AuditEventSchema) },
      },
    },
    async (request) => {
      const scope = await patientHistory(ctx.store, request.params.mrn, act(request));
      return readHistory(ctx.store, scope, sightOf(userOf(request).roles));
    },
  );

  app.get(
    "/api/patients/:mrn/wristband.svg",
    {
      config: { access: ACCESS.readPatients },
      schema: { tags, summary: "The wristband with its barcode, as SVG", params: MrnParamsSchema },
    },
    async (request, reply) => {
      const { wristbandSvg } = await import("../../therapy/wristband.js");
      const patient = await readPatient(ctx.store, request.params.mrn, act(request));
      return reply.type("image/svg+xml").send(wristbandSvg(patient));
    },
  );

  app.get(
    "/api/patients/:mrn/eligibility",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "Every eligibility rule of a protocol for this patient now",
        params: MrnParamsSchema,
        querystring: EligibilityQuerySchema,
        response: { 200: EligibilitySchema },
      },
    },
    async (request) =>
      patientEligibility(ctx.store, request.params.mrn, request.query.protocol, act(request)),
  );

  app.post(
    "/api/patients/:mrn/weights",
    {
      config: { access: ACCESS.recordWeight },
      schema: {
        tags,
        summary: "Record a weight",
        params: MrnParamsSchema,
        body: NewWeightSchema,
        response: { 201: WeightSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordWeight(ctx.store, request.params.mrn, request.body, act(request))),
  );

  app.get(
    "/api/protocols",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "The protocols and their activated versions",
        response: { 200: Type.Array(ProtocolStatusSchema) },
      },
    },
    async (request) => listProtocols(ctx.store, act(request)),
  );

  app.post(
    "/api/protocols/:protocol/activation",
    {
      config: { access: ACCESS.activateProtocol },
      schema: {
        tags,
        summary: "Activate the protocol's current version with an electronic signature",
        params: Obj({ protocol: ProtocolIdSchema }),
        body: Obj({ password: PasswordSchema }),
        response: { 200: Obj({ protocol: ProtocolSchema, signature: SignatureSchema }) },
      },
    },
    async (request) =>
      activateProtocol(ctx.store, request.params.protocol, request.body.password, act(request)),
  );

  app.get(
    "/api/therapy/held-orders",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "Open dose orders whose product is on hold: not to be given until the bank's disposition",
        response: { 200: HeldOrderListSchema },
      },
    },
    async (request) => ({ items: await heldOrders(ctx.store, act(request)) }),
  );

  app.get(
    "/api/therapy/due",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "Time-critical doses: due, overdue and opening soon, most urgent first",
        querystring: DueQuerySchema,
        response: { 200: DueListSchema },
      },
    },
    async (request) => {
      const a = act(request);
      return { now: a.at.toISOString(), items: await dueDoses(ctx.store, a, request.query) };
    },
  );

  app.post(
    "/api/plans",
    {
      config: { access: ACCESS.enrol },
      schema: {
        tags,
        summary: "Enrol a patient on a protocol (eligibility and the treatment consent in force checked)",
        body: NewPlanSchema,
        response: { 201: PlanSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await enrolPatient(ctx.store, request.body, act(request))),
  );

  app.get(
    "/api/plans/:id",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "A plan with its doses, orders and bedside checks, and what you may do",
        params: PlanParamsSchema,
        response: { 200: PlanRecordSchema },
      },
    },
    async (request) => planRecord(ctx.store, request.params.id, act(request)),
  );

  app.get(
    "/api/plans/:id/audit",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "A plan's audit history: its own events and its patient's that name it, oldest first",
        params: PlanParamsSchema,
        response: { 200: Type.Array(AuditEventSchema) },
      },
    },
    async (request) => {
      const scope = await planHistory(ctx.store, request.params.id, act(request));
      return readHistory(ctx.store, scope, sightOf(userOf(request).roles));
    },
  );

  app.post(
    "/api/plans/:id/orders",
    {
      config: { access: ACCESS.orderDose },
      schema: {
        tags,
        summary: "Order a dose from a product: the volume to draw, with the arithmetic",
        params: PlanParamsSchema,
        body: DoseOrderBodySchema,
        response: { 201: DoseOrderSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await orderDose(ctx.store, { planId: request.params.id, ...request.body }, act(request))),
  );

  app.post(
    "/api/plans/:id/doses/:number/missed",
    {
      config: { access: ACCESS.recordMissed },
      schema: {
        tags,
        summary: "Record why a dose was not given",
        params: PlanDoseParamsSchema,
        body: ReasonSchema,
        response: { 200: PlanSchema },
      },
    },
    async (request) =>
      recordMissedDose(
        ctx.store,
        request.params.id,
        request.params.number,
        request.body.reason,
        act(request),
      ),
  );

  app.post(
    "/api/plans/:id/withdrawal",
    {
      config: { access: ACCESS.enrol },
      schema: {
        tags,
        summary: "End a plan early, with the reason",
        params: PlanParamsSchema,
        body: ReasonSchema,
        response: { 200: PlanSchema },
      },
    },
    async (request) => withdrawPlan(ctx.store, request.params.id, request.body.reason, act(request)),
  );

  app.post(
    "/api/bedside-checks",
    {
      config: { access: ACCESS.bedside },
      schema: {
        tags,
        summary:
          "Check wristband, DIN and product code against the order; two people sign. A mismatch answers 409 and is recorded.",
        body: BedsideScanSchema,
        response: { 201: BedsideOutcomeSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await verifyBedside(ctx.store, request.body, act(request))),
  );

  app.post(
    "/api/infusions",
    {
      config: { access: ACCESS.bedside },
      schema: {
        tags,
        summary: "Record the infusion after a passed bedside check",
        body: NewInfusionSchema,
        response: { 201: InfusionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordInfusion(ctx.store, request.body, act(request))),
  );
}
