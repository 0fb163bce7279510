/** The quality dashboard's answer. Imports only typebox, the contract's blocks and schemas (the web app compiles it). */
import { Type } from "typebox";
import { Enum, type Static } from "../../contract/schema.js";
import { HeldProductSchema } from "../schemas.js";
import { CLOCK_STATES } from "./constants.js";
import { CapaSchema, DeviationSchema } from "./deviation-schemas.js";
import { AlarmSchema } from "./monitoring-schemas.js";
import { RecallSummarySchema } from "./recall-schemas.js";

export const REPORT_KINDS = ["deviation", "vigilance-fda", "vigilance-eu"] as const;

export const ReportDueSchema = Type.Object({
  kind: Enum(REPORT_KINDS),
  /** The deviation's or the vigilance case's id. */
  id: Type.String(),
  summary: Type.String(),
  dueDate: Type.String(),
  state: Enum(CLOCK_STATES),
});
export type ReportDue = Static<typeof ReportDueSchema>;

export const QualityDashboardSchema = Type.Object({
  holds: Type.Array(HeldProductSchema),
  deviations: Type.Array(DeviationSchema),
  capas: Type.Array(CapaSchema),
  alarms: Type.Array(AlarmSchema),
  /** Reports not yet submitted, the soonest due first (overdue ones are past their date). */
  reportsDue: Type.Array(ReportDueSchema),
  /** Recalls not closed, with their products and the actions still open (quality/recalls.ts). */
  recalls: Type.Array(RecallSummarySchema),
});
export type QualityDashboard = Static<typeof QualityDashboardSchema>;
