/**
 * Deviations and CAPAs: inputs and answers. Imports only typebox, the contract's blocks and pure
 * constants (the web app compiles it).
 */
import { Type } from "typebox";
import { SignatureSchema } from "../../audit/schemas.js";
import {
  CalendarDate,
  Enum,
  Id,
  Instant,
  Line,
  List,
  MAX,
  Obj,
  type Static,
  Text,
  Uuid,
} from "../../contract/schema.js";
import { ProductRefSchema } from "../schemas.js";
import {
  CAPA_KINDS,
  CAPA_STATES,
  CLOCK_STATES,
  DEVIATION_DECISIONS,
  DEVIATION_KINDS,
  DEVIATION_LINK_KINDS,
  DEVIATION_STATES,
  QUALITY_TEXT_MIN,
} from "./constants.js";

const Documented = (what: string) =>
  Text(MAX.text, {
    minLength: QUALITY_TEXT_MIN,
    description: `${what}, at least ${QUALITY_TEXT_MIN} characters`,
  });

export const NewDeviationSchema = Obj({
  kind: Enum(DEVIATION_KINDS),
  discoveredAt: Instant({
    description: "when the deviation was discovered (the 1271.350(b) clock starts here)",
  }),
  description: Documented("what happened"),
  /** The products it touched: a DIN alone is every product of the DIN. */
  products: Type.Optional(List(ProductRefSchema, 500)),
  /** The processing steps it touched, by their id. */
  steps: Type.Optional(List(Uuid(), 500)),
  /** The equipment it touched, by asset id. */
  equipment: Type.Optional(List(Id(), 100)),
});
export type NewDeviation = Static<typeof NewDeviationSchema>;

export const DeviationParamsSchema = Obj({ id: Uuid() });

export const AssessDeviationSchema = Obj({
  impact: Documented("the impact assessment"),
  /** Whether it must be reported to FDA under 21 CFR 1271.350(b): only a deviation in distributed products. */
  reportable: Type.Boolean(),
});
export type AssessDeviation = Static<typeof AssessDeviationSchema>;

export const SubmitReportSchema = Obj({
  reference: Id({ description: "the authority's reference for the report (e.g. the FDA Form 3486 number)" }),
  submittedAt: Instant({ description: "when the report was submitted" }),
});
export type SubmitReport = Static<typeof SubmitReportSchema>;

export const CloseDeviationSchema = Obj({
  decision: Enum(DEVIATION_DECISIONS),
  reason: Documented("the justification of the decision"),
});
export type CloseDeviation = Static<typeof CloseDeviationSchema>;
export const CloseDeviationBodySchema = Obj({
  decision: Enum(DEVIATION_DECISIONS),
  reason: Documented("the justification of the decision"),
  password: Line(1000),
});

export const NewCapaSchema = Obj({
  deviationId: Type.Optional(Uuid()),
  kind: Enum(CAPA_KINDS),
  description: Documented("the action"),
  owner: Id({ description: "the user name of the person who owns the action" }),
  dueDate: CalendarDate({ description: "the date the action is due (overdue from the day after)" }),
});
export type NewCapa = Static<typeof NewCapaSchema>;
export const CompleteCapaSchema = Obj({ outcome: Documented("what was done and its effect") });
export type CompleteCapa = Static<typeof CompleteCapaSchema>;

// ——— Answers ———

const S = Type.String();
const NS = Type.Union([S, Type.Null()]);

export const ReportClockSchema = Type.Object({
  dueDate: S,
  state: Enum(CLOCK_STATES),
  submittedAt: NS,
  reference: NS,
  submittedBy: NS,
});
export type ReportClock = Static<typeof ReportClockSchema>;

export const DeviationLinkSchema = Type.Object({
  kind: Enum(DEVIATION_LINK_KINDS),
  ref: S,
  din: NS,
});

export const DeviationSchema = Type.Object({
  id: S,
  kind: Enum(DEVIATION_KINDS),
  discoveredAt: S,
  description: S,
  state: Enum(DEVIATION_STATES),
  distributed: Type.Boolean(),
  recordedAt: S,
  recordedBy: S,
  impact: NS,
  reportable: Type.Union([Type.Boolean(), Type.Null()]),
  assessedAt: NS,
  assessedBy: NS,
  /** The 1271.350(b) clock: while a deviation in distributed products is not assessed, and when reportable. */
  report: Type.Union([ReportClockSchema, Type.Null()]),
  decision: Type.Union([Enum(DEVIATION_DECISIONS), Type.Null()]),
  closedAt: NS,
  closedBy: NS,
  closureSignatureId: NS,
  links: Type.Array(DeviationLinkSchema),
});
export type Deviation = Static<typeof DeviationSchema>;

export const CapaSchema = Type.Object({
  id: S,
  deviationId: NS,
  kind: Enum(CAPA_KINDS),
  description: S,
  owner: S,
  dueDate: S,
  state: Enum(CAPA_STATES),
  overdue: Type.Boolean(),
  createdAt: S,
  createdBy: S,
  outcome: NS,
  completedAt: NS,
  completedBy: NS,
});
export type Capa = Static<typeof CapaSchema>;

/**
 * A deviation's whole record, to read and print: the deviation with its links and clock, the closing
 * signature as 21 CFR 11.50 shows it (printed name, time, meaning), and the CAPAs opened from it.
 */
export const DeviationRecordSchema = Type.Object({
  deviation: DeviationSchema,
  signature: Type.Union([SignatureSchema, Type.Null()]),
  capas: Type.Array(CapaSchema),
});
export type DeviationRecord = Static<typeof DeviationRecordSchema>;

/** ?open=true lists only the records not closed. */
export const OpenQuerySchema = Obj({ open: Type.Optional(Type.Boolean()) });
