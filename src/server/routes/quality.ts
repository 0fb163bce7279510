/**
 * The bank's quality system over HTTP (issue 18 parts 3 to 6): the dashboard; deviations (record, assess,
 * report, close signed); CAPAs; monitoring settings, device tokens and CSV readings; alarms (acknowledge
 * and close signed, the sweep); vigilance cases. Bodies and queries are the bank's quality schemas; the
 * monitoring system's own endpoint is routes/monitoring.ts.
 */
import { Type } from "typebox";
import type { Act } from "../../accounts/act.js";
import {
  acknowledgeAlarm,
  assessDeviation,
  closeAlarm,
  closeDeviation,
  closeVigilance,
  completeCapa,
  deviationRecord,
  getAlarm,
  getDeviation,
  getVigilanceCase,
  importReadings,
  issueDeviceToken,
  listAlarms,
  listCapas,
  listDeviations,
  listVigilanceCases,
  monitoringSettings,
  openCapa,
  parseReadingsCsv,
  qualityDashboard,
  recordDeviation,
  recordInvestigation,
  recordVigilance,
  setMonitoring,
  submitDeviationReport,
  submitVigilanceReport,
  sweepAlarmsBy,
} from "../../bank/index.js";
import { QualityDashboardSchema } from "../../bank/quality/dashboard-schemas.js";
import {
  AssessDeviationSchema,
  CapaSchema,
  CloseDeviationBodySchema,
  CompleteCapaSchema,
  DeviationParamsSchema,
  DeviationRecordSchema,
  DeviationSchema,
  NewCapaSchema,
  NewDeviationSchema,
  OpenQuerySchema,
  SubmitReportSchema,
} from "../../bank/quality/deviation-schemas.js";
import {
  AcknowledgeBodySchema,
  AlarmParamsSchema,
  AlarmSchema,
  CloseAlarmBodySchema,
  DeviceParamsSchema,
  MonitoringSettingsAnswerSchema,
  MonitoringSettingsSchema,
  ReadingsCsvSchema,
  ReadingsOutcomeSchema,
  SweepOutcomeSchema,
  TokenAnswerSchema,
} from "../../bank/quality/monitoring-schemas.js";
import {
  CloseVigilanceBodySchema,
  InvestigationSchema,
  NewVigilanceSchema,
  VigilanceCaseSchema,
  VigilanceParamsSchema,
  VigilanceReportSchema,
} from "../../bank/quality/vigilance-schemas.js";
import { ACCESS } from "../access.js";
import { actOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["quality"];

export function qualityRoutes(app: Api, ctx: ServerContext): void {
  const act = (request: Parameters<typeof actOf>[0]): Act => actOf(request, ctx.now);
  const read = { config: { access: ACCESS.readQuality } };

  app.get(
    "/api/quality/dashboard",
    {
      ...read,
      schema: {
        tags,
        summary: "Open holds, deviations, CAPAs (overdue marked), alarms and the reports due on their clocks",
        response: { 200: QualityDashboardSchema },
      },
    },
    async () => qualityDashboard(ctx.store, ctx.now()),
  );

  // ——— Deviations ———
  app.get(
    "/api/quality/deviations",
    {
      ...read,
      schema: {
        tags,
        summary: "Deviations, newest first (?open=true: not closed)",
        querystring: OpenQuerySchema,
        response: { 200: Type.Array(DeviationSchema) },
      },
    },
    async (request) => listDeviations(ctx.store.db, ctx.now(), request.query.open ? { open: true } : {}),
  );
  app.post(
    "/api/quality/deviations",
    {
      config: { access: ACCESS.recordDeviation },
      schema: {
        tags,
        summary: "Record a deviation against the products, steps and equipment it touched",
        body: NewDeviationSchema,
        response: { 201: DeviationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordDeviation(ctx.store, request.body, act(request))),
  );
  app.get(
    "/api/quality/deviations/:id",
    {
      ...read,
      schema: {
        tags,
        summary: "One deviation with its links and report clock",
        params: DeviationParamsSchema,
        response: { 200: DeviationSchema },
      },
    },
    async (request) => getDeviation(ctx.store.db, request.params.id, ctx.now()),
  );
  app.get(
    "/api/quality/deviations/:id/record",
    {
      ...read,
      schema: {
        tags,
        summary: "A deviation's whole record, to print: links, clock, closing signature and its CAPAs",
        params: DeviationParamsSchema,
        response: { 200: DeviationRecordSchema },
      },
    },
    async (request) => deviationRecord(ctx.store.db, request.params.id, ctx.now()),
  );
  app.post(
    "/api/quality/deviations/:id/assess",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Assess a deviation's impact and whether it is reportable (1271.350(b))",
        params: DeviationParamsSchema,
        body: AssessDeviationSchema,
        response: { 200: DeviationSchema },
      },
    },
    async (request) => assessDeviation(ctx.store, request.params.id, request.body, act(request)),
  );
  app.post(
    "/api/quality/deviations/:id/report",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Record the deviation's report to FDA as submitted",
        params: DeviationParamsSchema,
        body: SubmitReportSchema,
        response: { 200: DeviationSchema },
      },
    },
    async (request) => submitDeviationReport(ctx.store, request.params.id, request.body, act(request)),
  );
  app.post(
    "/api/quality/deviations/:id/close",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Close an assessed deviation with a signed decision (password again)",
        params: DeviationParamsSchema,
        body: CloseDeviationBodySchema,
        response: { 200: DeviationSchema },
      },
    },
    async (request) => {
      const { password, ...decision } = request.body;
      return closeDeviation(ctx.store, request.params.id, decision, password, act(request));
    },
  );

  // ——— CAPAs ———
  app.get(
    "/api/quality/capas",
    {
      ...read,
      schema: {
        tags,
        summary: "CAPAs by due date (?open=true: open only)",
        querystring: OpenQuerySchema,
        response: { 200: Type.Array(CapaSchema) },
      },
    },
    async (request) => listCapas(ctx.store.db, ctx.now(), request.query.open ? { open: true } : {}),
  );
  app.post(
    "/api/quality/capas",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Open a corrective or preventive action with its owner and due date",
        body: NewCapaSchema,
        response: { 201: CapaSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await openCapa(ctx.store, request.body, act(request))),
  );
  app.post(
    "/api/quality/capas/:id/complete",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Complete a CAPA with its outcome",
        params: DeviationParamsSchema,
        body: CompleteCapaSchema,
        response: { 200: CapaSchema },
      },
    },
    async (request) => completeCapa(ctx.store, request.params.id, request.body, act(request)),
  );

  // ——— Monitoring ———
  app.get(
    "/api/quality/monitoring",
    {
      ...read,
      schema: {
        tags,
        summary: "Each monitored device's thresholds, second person and last reading",
        response: { 200: Type.Array(MonitoringSettingsAnswerSchema) },
      },
    },
    async () => monitoringSettings(ctx.store.db),
  );
  app.post(
    "/api/quality/monitoring",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Set how a storage device is monitored (an LN2 tank alarms warmer than −150 °C unless told)",
        body: MonitoringSettingsSchema,
        response: { 200: MonitoringSettingsAnswerSchema },
      },
    },
    async (request) => setMonitoring(ctx.store, request.body, act(request)),
  );
  app.post(
    "/api/quality/monitoring/:device/token",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Create or rotate the device's monitoring token: shown this once, kept hashed",
        params: DeviceParamsSchema,
        response: { 200: TokenAnswerSchema },
      },
    },
    async (request) => issueDeviceToken(ctx.store, request.params.device, act(request)),
  );
  app.post(
    "/api/quality/monitoring/:device/readings",
    {
      config: { access: ACCESS.importReadings },
      schema: {
        tags,
        summary: "Import a CSV of readings (header at,celsius[,ln2_level]); idempotent by time",
        params: DeviceParamsSchema,
        body: ReadingsCsvSchema,
        response: { 200: ReadingsOutcomeSchema },
      },
    },
    async (request) =>
      importReadings(ctx.store, request.params.device, parseReadingsCsv(request.body.csv), act(request)),
  );

  // ——— Alarms ———
  app.get(
    "/api/quality/alarms",
    {
      ...read,
      schema: {
        tags,
        summary: "Alarms, newest first (?open=true: not closed)",
        querystring: OpenQuerySchema,
        response: { 200: Type.Array(AlarmSchema) },
      },
    },
    async (request) => listAlarms(ctx.store.db, ctx.now(), request.query.open ? { open: true } : {}),
  );
  app.post(
    "/api/quality/alarms/sweep",
    {
      config: { access: ACCESS.importReadings },
      schema: {
        tags,
        summary: "Run the alarm sweep now: silent sensors alarm, unacknowledged alarms escalate",
        response: { 200: SweepOutcomeSchema },
      },
    },
    async (request) => sweepAlarmsBy(ctx.store, act(request)),
  );
  app.get(
    "/api/quality/alarms/:id",
    {
      ...read,
      schema: {
        tags,
        summary: "One alarm with the products in its device and their exposure",
        params: AlarmParamsSchema,
        response: { 200: AlarmSchema },
      },
    },
    async (request) => getAlarm(ctx.store.db, request.params.id, ctx.now()),
  );
  app.post(
    "/api/quality/alarms/:id/acknowledge",
    {
      config: { access: ACCESS.acknowledgeAlarm },
      schema: {
        tags,
        summary: "Acknowledge an alarm, signed (password again)",
        params: AlarmParamsSchema,
        body: AcknowledgeBodySchema,
        response: { 200: AlarmSchema },
      },
    },
    async (request) => acknowledgeAlarm(ctx.store, request.params.id, request.body, act(request)),
  );
  app.post(
    "/api/quality/alarms/:id/close",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Close an alarm with the actions and product impact assessment, signed",
        params: AlarmParamsSchema,
        body: CloseAlarmBodySchema,
        response: { 200: AlarmSchema },
      },
    },
    async (request) => closeAlarm(ctx.store, request.params.id, request.body, act(request)),
  );

  // ——— Vigilance ———
  app.get(
    "/api/quality/vigilance",
    {
      ...read,
      schema: {
        tags,
        summary: "Adverse reactions and complaints (?open=true: not closed)",
        querystring: OpenQuerySchema,
        response: { 200: Type.Array(VigilanceCaseSchema) },
      },
    },
    async (request) => listVigilanceCases(ctx.store.db, ctx.now(), request.query.open ? { open: true } : {}),
  );
  app.post(
    "/api/quality/vigilance",
    {
      config: { access: ACCESS.recordVigilance },
      schema: {
        tags,
        summary: "Record an adverse reaction or complaint a treating centre reported",
        body: NewVigilanceSchema,
        response: { 201: VigilanceCaseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordVigilance(ctx.store, request.body, act(request))),
  );
  app.get(
    "/api/quality/vigilance/:id",
    {
      ...read,
      schema: {
        tags,
        summary: "One vigilance case with its clocks and related products",
        params: VigilanceParamsSchema,
        response: { 200: VigilanceCaseSchema },
      },
    },
    async (request) => getVigilanceCase(ctx.store.db, request.params.id, ctx.now()),
  );
  app.post(
    "/api/quality/vigilance/:id/investigation",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Record the bank's investigation",
        params: VigilanceParamsSchema,
        body: InvestigationSchema,
        response: { 200: VigilanceCaseSchema },
      },
    },
    async (request) => recordInvestigation(ctx.store, request.params.id, request.body, act(request)),
  );
  app.post(
    "/api/quality/vigilance/:id/report",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Record a report to FDA or the EU authority as submitted",
        params: VigilanceParamsSchema,
        body: VigilanceReportSchema,
        response: { 200: VigilanceCaseSchema },
      },
    },
    async (request) => submitVigilanceReport(ctx.store, request.params.id, request.body, act(request)),
  );
  app.post(
    "/api/quality/vigilance/:id/close",
    {
      config: { access: ACCESS.manageQuality },
      schema: {
        tags,
        summary: "Close an investigated case, signed, once its reports are submitted",
        params: VigilanceParamsSchema,
        body: CloseVigilanceBodySchema,
        response: { 200: VigilanceCaseSchema },
      },
    },
    async (request) => closeVigilance(ctx.store, request.params.id, request.body, act(request)),
  );
}
