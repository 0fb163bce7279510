/** Therapy over HTTP: patients, protocols, plans, dose orders, the bedside check and infusions. */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import {
  activateProtocol,
  dueDoses,
  enrolPatient,
  evaluateEligibility,
  getPatient,
  infantOf,
  listPatients,
  listProtocols,
  orderDose,
  patientRecord,
  planRecord,
  recordInfusion,
  recordMissedDose,
  recordWeight,
  registerPatient,
  verifyBedside,
  withdrawPlan,
} from "../../therapy/index.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["therapy"];
const Mrn = Type.Object({
  mrn: Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9-]{2,29}$", description: "medical record number" }),
});
const Uuid = Type.String({ format: "uuid" });
const PlanId = Type.Object({ id: Uuid });
const Vitals = Type.Object({
  heartRate: Type.Number(),
  respiratoryRate: Type.Number(),
  spo2: Type.Number(),
  temperatureC: Type.Number(),
  systolic: Type.Optional(Type.Number()),
  diastolic: Type.Optional(Type.Number()),
});
const Credentials = Type.Object({
  username: Type.String({ minLength: 1 }),
  password: Type.String({ minLength: 1 }),
});

export function therapyRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof userOf>[0]): Act => ({ user: userOf(request), at: ctx.now() });
  const validateHla = ctx.hla ? { validateHla: (gl: string) => void ctx.hla?.engine.validate(gl) } : {};

  app.get(
    "/api/patients",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "Patients, youngest first, searched by MRN or name",
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (request) => listPatients(ctx.store, request.query),
  );

  app.post(
    "/api/patients",
    {
      config: { access: ACCESS.registerPatient },
      schema: {
        tags,
        summary: "Register an infant patient",
        body: Type.Object({
          mrn: Type.String(),
          givenName: Type.String(),
          familyName: Type.String(),
          birth: Type.String({ description: "ISO 8601 with its zone" }),
          sex: Type.String(),
          gestationalWeeks: Type.Integer(),
          gestationalDays: Type.Integer(),
          birthWeightGrams: Type.Number(),
          motherMrn: Type.Optional(Type.String()),
          icd10: Type.String(),
          indication: Type.String(),
          diagnosis: Type.String(),
          hla: Type.Optional(Type.String()),
          antibodies: Type.Optional(
            Type.Array(Type.Object({ specificity: Type.String(), mfi: Type.Optional(Type.Number()) })),
          ),
          cordBloodCollectedMl: Type.Optional(Type.Number()),
          respiratorySupport: Type.Optional(Type.String()),
        }),
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
        summary: "A patient's record: identity, weights, plans, orders, checks, infusions",
        params: Mrn,
      },
    },
    async (request) => patientRecord(ctx.store, request.params.mrn, ctx.now()),
  );

  app.get(
    "/api/patients/:mrn/wristband.svg",
    {
      config: { access: ACCESS.readPatients },
      schema: { tags, summary: "The wristband with its barcode, as SVG", params: Mrn },
    },
    async (request, reply) => {
      const { wristbandSvg } = await import("../../therapy/wristband.js");
      const patient = await getPatient(ctx.store.db, request.params.mrn);
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
        params: Mrn,
        querystring: Type.Object({ protocol: Type.String({ minLength: 1 }) }),
      },
    },
    async (request) => {
      const patient = await getPatient(ctx.store.db, request.params.mrn);
      return evaluateEligibility(request.query.protocol, infantOf(patient), ctx.now());
    },
  );

  app.post(
    "/api/patients/:mrn/weights",
    {
      config: { access: ACCESS.recordWeight },
      schema: {
        tags,
        summary: "Record a weight",
        params: Mrn,
        body: Type.Object({ grams: Type.Number(), measuredAt: Type.String() }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordWeight(ctx.store, request.params.mrn, request.body, act(request))),
  );

  app.get(
    "/api/protocols",
    {
      config: { access: ACCESS.readPatients },
      schema: { tags, summary: "The protocols and their activated versions" },
    },
    async () => listProtocols(ctx.store),
  );

  app.post(
    "/api/protocols/:protocol/activation",
    {
      config: { access: ACCESS.activateProtocol },
      schema: {
        tags,
        summary: "Activate the protocol's current version with an electronic signature",
        params: Type.Object({ protocol: Type.String({ pattern: "^[a-z0-9-]+$" }) }),
        body: Type.Object({ password: Type.String({ minLength: 1 }) }),
      },
    },
    async (request) =>
      activateProtocol(ctx.store, request.params.protocol, request.body.password, act(request)),
  );

  app.get(
    "/api/therapy/due",
    {
      config: { access: ACCESS.readPatients },
      schema: {
        tags,
        summary: "Time-critical doses: due, overdue and opening soon, most urgent first",
        querystring: Type.Object({
          horizonHours: Type.Number({ minimum: 1, maximum: 24 * 30, default: 72 }),
        }),
      },
    },
    async (request) => ({
      now: ctx.now().toISOString(),
      items: await dueDoses(ctx.store, ctx.now(), request.query.horizonHours),
    }),
  );

  app.post(
    "/api/plans",
    {
      config: { access: ACCESS.enrol },
      schema: {
        tags,
        summary: "Enrol a patient on a protocol (eligibility and the treatment consent in force checked)",
        body: Type.Object({
          mrn: Type.String(),
          protocol: Type.String(),
          day0: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await enrolPatient(ctx.store, request.body, act(request))),
  );

  app.get(
    "/api/plans/:id",
    {
      config: { access: ACCESS.readPatients },
      schema: { tags, summary: "A plan with its doses, orders and bedside checks", params: PlanId },
    },
    async (request) => planRecord(ctx.store.db, request.params.id, ctx.now()),
  );

  app.post(
    "/api/plans/:id/orders",
    {
      config: { access: ACCESS.orderDose },
      schema: {
        tags,
        summary: "Order a dose from a product: the volume to draw, with the arithmetic",
        params: PlanId,
        body: Type.Object({
          doseNumber: Type.Integer(),
          din: Type.String(),
          productCode: Type.Optional(Type.String()),
          targetPerKg: Type.Optional(Type.Number()),
          exceptionReason: Type.Optional(Type.String()),
          password: Type.Optional(Type.String()),
        }),
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
        params: Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ reason: Type.String({ minLength: 1 }) }),
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
        params: PlanId,
        body: Type.Object({ reason: Type.String({ minLength: 1 }) }),
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
        body: Type.Object({
          orderId: Uuid,
          wristband: Type.String(),
          din: Type.String(),
          productCode: Type.String(),
          administeredBy: Credentials,
          verifiedBy: Credentials,
        }),
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
        body: Type.Object({
          checkId: Uuid,
          startedAt: Type.String(),
          endedAt: Type.String(),
          volumeMl: Type.Number(),
          location: Type.String(),
          vitalsBefore: Vitals,
          vitalsAfter: Vitals,
          reactions: Type.Optional(
            Type.Array(
              Type.Object({
                description: Type.String(),
                severity: Type.String(),
                action: Type.Optional(Type.String()),
              }),
            ),
          ),
        }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await recordInfusion(ctx.store, request.body as Parameters<typeof recordInfusion>[1], act(request)),
        ),
  );
}
