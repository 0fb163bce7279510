/**
 * The outcomes report and the research export as schemas: their answers' shapes, for OpenAPI and the web
 * app's types. Same rule as schemas.ts: typebox, the contract and pure constants only.
 */
import { type Static, Type } from "typebox";
import { Enum, Id, Instant, Int, Line, List, Obj } from "../contract/schema.js";
import { ComparisonSchema, type ReportQuery, ReportQuerySchema } from "./comparison-schemas.js";
import { ATTRIBUTIONS, CTCAE_GRADE } from "./ctcae.js";
import { EXPORT_FORMATS, REPORT_TABLES } from "./formats.js";

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Count = () => Int(0, Number.MAX_SAFE_INTEGER);

export const KmStepSchema = Obj({
  time: Type.Number(),
  nRisk: Count(),
  nEvent: Count(),
  nCensor: Count(),
  survival: Type.Number(),
  stdErr: Nullable(Type.Number()),
  lower: Nullable(Type.Number()),
  upper: Nullable(Type.Number()),
});
export type KmStep = Static<typeof KmStepSchema>;

export const TimingSummarySchema = Obj({
  /** Transplanted patients with the outcome reached, of all transplanted. */
  reached: Count(),
  of: Count(),
  median: Nullable(Type.Number()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
});
export type TimingSummary = Static<typeof TimingSummarySchema>;

export const AdverseEventRowSchema = Obj({
  term: Line(),
  /** Counts of grades 1 to 5. */
  grades: List(Count(), 5),
  serious: Count(),
});
export type AdverseEventRow = Static<typeof AdverseEventRowSchema>;

export const OutcomesReportSchema = Obj({
  asOf: Instant(),
  patients: Count(),
  survival: Obj({
    groups: Type.Record(Id(), List(KmStepSchema, 1_000_000)),
    medians: Type.Record(
      Id(),
      Obj({
        estimate: Nullable(Type.Number()),
        lower: Nullable(Type.Number()),
        upper: Nullable(Type.Number()),
      }),
    ),
  }),
  engraftment: List(
    Obj({
      group: Id(),
      points: List(
        Obj({
          time: Type.Number(),
          estimate: Type.Number(),
          variance: Type.Number(),
          lower: Nullable(Type.Number()),
          upper: Nullable(Type.Number()),
        }),
        1_000_000,
      ),
      /** The last follow-up time: the curve is defined up to here, and drawn no further. */
      lastTime: Type.Number(),
      /** The distinct times at which someone was censored (neither engrafted nor dead). */
      censored: List(Type.Number(), 1_000_000),
      /** Patients neither engrafted, dead nor censored before each of ENGRAFTMENT_TICKS. */
      atRisk: List(Count(), 100),
    }),
    100,
  ),
  /** The grouping, the population and the tests of its groups. */
  comparison: ComparisonSchema,
  adverseEvents: List(AdverseEventRowSchema, 100_000),
  /** Days from day 0 to neutrophil and platelet engraftment among transplants. */
  engraftmentTiming: Obj({ neutrophil: TimingSummarySchema, platelet: TimingSummarySchema }),
  /** Follow-up forms of treated plans, and those recorded outside their visit's window (day ± tolerance). */
  visitWindows: Obj({ forms: Count(), outOfWindow: Count() }),
});
export type OutcomesReport = Static<typeof OutcomesReportSchema>;

/** A table of the report, of the same population and grouping as the page shows. */
export const ReportCsvQuerySchema = Obj({
  table: Enum(REPORT_TABLES),
  groupBy: ReportQuerySchema.properties.groupBy,
  protocol: ReportQuerySchema.properties.protocol,
  indication: ReportQuerySchema.properties.indication,
});
/** The report's query within a CSV table's. */
export function reportQueryOf(q: Static<typeof ReportCsvQuerySchema>): ReportQuery {
  const { table: _table, ...rest } = q;
  return rest;
}
export const ExportQuerySchema = Obj({
  format: Type.Optional(Enum(EXPORT_FORMATS, { description: "json (default) or csv" })),
});
/** The CLI's options for the export: the same formats, csv by default there. */
export const ExportOptionsSchema = Obj({ format: Enum(EXPORT_FORMATS), out: Type.Optional(Line(4096)) });
export const ReportOptionsSchema = Obj({
  csv: Type.Optional(Enum(REPORT_TABLES)),
  groupBy: ReportQuerySchema.properties.groupBy,
  protocol: ReportQuerySchema.properties.protocol,
  indication: ReportQuerySchema.properties.indication,
});

export const ExportRecordSchema = Obj({
  subject: Id(),
  sex: Id(),
  gestationalWeeks: Int(0, 50),
  gestationalDays: Int(0, 6),
  birthWeightGrams: Type.Number(),
  icd10: Id(),
  indication: Line(),
  protocol: Id(),
  birthDate: Type.String({ maxLength: 10 }),
  /** Empty when no cells were given (a control arm). */
  firstInfusionDate: Type.String({ maxLength: 10 }),
  /** The randomised arm; empty on a protocol without arms. */
  arm: Type.String({ maxLength: 64 }),
  /** What survivalDays count from. */
  timeZero: Type.Union([Type.Literal("randomisation"), Type.Literal("first-infusion")]),
  survivalDays: Type.Number(),
  died: Type.Boolean(),
  engraftmentDay: Nullable(Type.Number()),
  adverseEvents: List(
    Obj({
      term: Line(),
      grade: Int(CTCAE_GRADE.min, CTCAE_GRADE.max),
      serious: Type.Boolean(),
      attribution: Enum(ATTRIBUTIONS),
      onsetDate: Type.String({ maxLength: 10 }),
    }),
    100_000,
  ),
});
export type ExportRecord = Static<typeof ExportRecordSchema>;

export const ResearchExportSchema = Obj({
  records: List(ExportRecordSchema, 1_000_000),
  excluded: Count(),
});
export type ResearchExport = Static<typeof ResearchExportSchema>;
