/**
 * The outcomes contract, inputs and a patient's record: adverse events, follow-up forms and visits, the
 * forms' typed fields, and the actions a user may take. Built from the outcomes' constants with the
 * contract's blocks; imports only typebox, the contract, the consent schemas and pure constants, so the web
 * app imports its types from here (type-only).
 */
import { type Static, type TSchema, Type } from "typebox";
import { ConsentSchema, SubjectIdSchema, UuidSchema, Visible } from "../consent/schemas.js";
import { CalendarDate, Enum, Id, Instant, Int, Line, List, MAX, Name, Num, Obj } from "../contract/schema.js";
import { OUTCOME_ACTIONS } from "./actions.js";
import { ATTRIBUTIONS, CTCAE_GRADE, TERM_LENGTH } from "./ctcae.js";
import { DeathSchema } from "./death-schemas.js";
import { FORMS, FORM_NAMES, FORM_TEXT_MAX, type FieldSpec, type FormName } from "./form-fields.js";
import { VISIT_NAMES } from "./visits.js";

export const MrnSchema = SubjectIdSchema;
export const MrnParamsSchema = Obj({ mrn: MrnSchema });
export const IdParamsSchema = Obj({ id: UuidSchema });

// Adverse events

export const NewAdverseEventSchema = Obj({
  mrn: MrnSchema,
  planId: Type.Optional(UuidSchema),
  term: Visible(TERM_LENGTH.max, 'a CTCAE v5.0 term as published, such as "Febrile neutropenia"'),
  /** Required with an "<SOC> - Other, specify" term, refused with any other. */
  otherSpecify: Type.Optional(Visible(TERM_LENGTH.max, 'what happened, for an "Other, specify" term')),
  grade: Int(CTCAE_GRADE.min, CTCAE_GRADE.max, { description: "CTCAE grade: 1 mild … 5 death" }),
  /** Grade 5 (and "Death neonatal" grade 4): the date of death, which records the patient's death. */
  deathDate: Type.Optional(CalendarDate({ description: "the date of death, for a fatal event" })),
  serious: Type.Boolean(),
  attribution: Enum(ATTRIBUTIONS),
  expected: Type.Boolean(),
  onsetAt: Instant(),
  /** When the program learned of it (the reporting clock starts here); now when left out. */
  awareAt: Type.Optional(Instant()),
  description: Type.String({
    maxLength: MAX.text,
    pattern: "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$",
    description: "what happened (may be empty)",
  }),
});
export type NewAdverseEvent = Static<typeof NewAdverseEventSchema>;

export const ReportSentSchema = Obj({
  reportedAt: Instant(),
  /** The regulator's or sponsor's reference of the submitted report (e.g. the IND safety report number). */
  reference: Visible(100, "the submitted report's reference, as text"),
});
export type ReportSent = Static<typeof ReportSentSchema>;

/** 'ctcae-5.0': checked against NCI's dictionary; 'not-coded': free text recorded before it. */
export const AE_CODINGS = ["ctcae-5.0", "not-coded"] as const;

export const AdverseEventSchema = Obj({
  id: UuidSchema,
  mrn: Id(),
  planId: Type.Union([UuidSchema, Type.Null()]),
  term: Line(TERM_LENGTH.max),
  coding: Enum(AE_CODINGS),
  meddraCode: Type.Union([Int(10_000_000, 99_999_999), Type.Null()]),
  soc: Type.Union([Line(), Type.Null()]),
  otherSpecify: Type.Union([Line(TERM_LENGTH.max), Type.Null()]),
  grade: Int(CTCAE_GRADE.min, CTCAE_GRADE.max),
  serious: Type.Boolean(),
  attribution: Enum(ATTRIBUTIONS),
  expected: Type.Boolean(),
  onsetAt: Instant(),
  awareAt: Instant(),
  description: Type.String({ maxLength: MAX.text }),
  expedited: Type.Boolean(),
  reportDueAt: Type.Union([Instant(), Type.Null()]),
  reportedAt: Type.Union([Instant(), Type.Null()]),
  reportReference: Type.Union([Line(100), Type.Null()]),
  reportedBy: Type.Union([Id(), Type.Null()]),
  recordedAt: Instant(),
  recordedBy: Id(),
});
export type AdverseEvent = Static<typeof AdverseEventSchema>;

export const REPORT_STATES = ["not-required", "due", "overdue", "submitted"] as const;
/** The expedited report's state now: days left (due), past due (overdue), or late when submitted (0: on time). */
export const ReportClockSchema = Obj({
  state: Enum(REPORT_STATES),
  days: Type.Union([Int(0, 1_000_000), Type.Null()]),
});
export type ReportClock = Static<typeof ReportClockSchema>;

/** An adverse event as a page shows it: with its report clock at the time of reading. */
export const AdverseEventViewSchema = Obj({ ...AdverseEventSchema.properties, report: ReportClockSchema });
export type AdverseEventView = Static<typeof AdverseEventViewSchema>;

/** An expedited report not yet submitted, for the dashboard. */
export const OpenReportSchema = Obj({
  id: UuidSchema,
  mrn: Id(),
  term: Line(TERM_LENGTH.max),
  grade: Int(CTCAE_GRADE.min, CTCAE_GRADE.max),
  reportDueAt: Instant(),
  report: ReportClockSchema,
});
export const OpenReportsSchema = Obj({ items: List(OpenReportSchema, 100_000) });
export type OpenReports = Static<typeof OpenReportsSchema>;

// Follow-up forms

function fieldSchema(f: FieldSpec): TSchema {
  const what = { description: f.what };
  switch (f.kind) {
    case "number":
      return f.integer ? Int(f.min, f.max, what) : Num(f.min, f.max, what);
    case "boolean":
      return Type.Boolean(what);
    case "date":
      return CalendarDate(what);
    case "choice":
      return Enum(f.values, what);
    case "text":
      return Visible(FORM_TEXT_MAX, `${f.what}, as text`);
  }
}

function formSchema(spec: Readonly<Record<string, FieldSpec>>) {
  const props: Record<string, TSchema> = {};
  for (const [name, f] of Object.entries(spec)) {
    props[name] = f.required ? fieldSchema(f) : Type.Optional(fieldSchema(f));
  }
  return Obj(props);
}

/** Each form's data: its fields, bounded numbers and fixed choices; nothing else. */
export const FORM_DATA_SCHEMAS = Object.fromEntries(
  FORM_NAMES.map((name) => [name, formSchema(FORMS[name] as Record<string, FieldSpec>)]),
) as unknown as Record<FormName, TSchema>;

/** A field's value as stored: a number, true or false, or text (a date, a choice, a line). */
const FieldValueSchema = Type.Union([Type.Number(), Type.Boolean(), Line(FORM_TEXT_MAX)]);
export type FieldValue = Static<typeof FieldValueSchema>;
const FieldNameSchema = Type.String({ pattern: "^[a-zA-Z][a-zA-Z0-9]{0,63}$" });

/**
 * A form for a visit. `data` is checked here for its shape (named scalar values); the service then checks
 * it against the form's own schema (FORM_DATA_SCHEMAS), naming the field (`data.motor`).
 */
export const NewFollowUpSchema = Obj({
  planId: UuidSchema,
  visit: Enum(VISIT_NAMES),
  form: Enum(FORM_NAMES),
  observedAt: Instant(),
  data: Type.Optional(
    Type.Record(FieldNameSchema, FieldValueSchema, {
      maxProperties: 32,
      description: "the form's fields (GET /api/outcomes/forms); none when left out",
    }),
  ),
});
export type NewFollowUp = Static<typeof NewFollowUpSchema>;

export const FollowUpFormSchema = Obj({
  id: UuidSchema,
  planId: UuidSchema,
  mrn: Id(),
  visit: Enum(VISIT_NAMES),
  form: Enum(FORM_NAMES),
  observedAt: Instant(),
  data: Type.Record(FieldNameSchema, FieldValueSchema),
  recordedAt: Instant(),
  recordedBy: Id(),
});
export type FollowUpForm = Static<typeof FollowUpFormSchema>;

const FieldSpecSchema = Type.Union([
  Obj({
    kind: Type.Literal("number"),
    min: Type.Number(),
    max: Type.Number(),
    integer: Type.Optional(Type.Boolean()),
    required: Type.Optional(Type.Boolean()),
    what: Name(),
  }),
  Obj({
    kind: Enum(["boolean", "text", "date"] as const),
    required: Type.Optional(Type.Boolean()),
    what: Name(),
  }),
  Obj({
    kind: Type.Literal("choice"),
    // Read-only: the constants' lists are served as they are.
    values: Type.Immutable(List(Id(), 20)),
    required: Type.Optional(Type.Boolean()),
    what: Name(),
  }),
]);
/** The forms and their fields, as GET /api/outcomes/forms answers (the web app draws its inputs from it). */
export const FormSpecsSchema = Type.Record(Id(), Type.Record(Id(), FieldSpecSchema));
export type FormSpecs = Static<typeof FormSpecsSchema>;

// Visits and a patient's record

export const VISIT_STATES = ["upcoming", "due", "overdue", "done"] as const;

export const VisitSchema = Obj({
  visit: Enum(VISIT_NAMES),
  /** Days after the anchor. */
  day: Int(0, 100_000),
  /** The window is day ± tolerance (whole days). */
  tolerance: Int(0, 1000),
  forms: List(Enum(FORM_NAMES), FORM_NAMES.length),
  dueAt: Instant(),
  /** Forms are accepted until then before the visit counts as overdue. */
  overdueAfter: Instant(),
  state: Enum(VISIT_STATES),
  recorded: List(Enum(FORM_NAMES), FORM_NAMES.length),
  /** Forms recorded outside the window: the day observed and the whole days off (negative: early). */
  outOfWindow: List(
    Obj({
      formId: UuidSchema,
      form: Enum(FORM_NAMES),
      day: Int(-100_000, 100_000),
      daysOff: Int(-100_000, 100_000),
    }),
    1000,
  ),
});
export type Visit = Static<typeof VisitSchema>;

export const PlanFollowUpSchema = Obj({
  visits: List(VisitSchema, 100),
  forms: List(FollowUpFormSchema, 100_000),
});

export const OutcomeActionsSchema = List(Enum(OUTCOME_ACTIONS), OUTCOME_ACTIONS.length, {
  description: "what the signed-in user may do here (the server's roles decide)",
});
export const ActionsSchema = Obj({ actions: OutcomeActionsSchema });

export const PatientOutcomesSchema = Obj({
  consents: List(ConsentSchema, 1000),
  followUp: List(
    Obj({
      planId: UuidSchema,
      protocolId: Id(),
      visits: List(VisitSchema, 100),
      forms: List(FollowUpFormSchema, 100_000),
    }),
    1000,
  ),
  adverseEvents: List(AdverseEventViewSchema, 100_000),
  /** The patient's one recorded death (from a grade 5 event or a vital-status form), or null. */
  death: Type.Union([DeathSchema, Type.Null()]),
  actions: OutcomeActionsSchema,
});
export type PatientOutcomes = Static<typeof PatientOutcomesSchema>;

export const OverdueVisitSchema = Obj({
  planId: UuidSchema,
  mrn: Id(),
  name: Line(2 * MAX.name + 2),
  protocolId: Id(),
  visit: Enum(VISIT_NAMES),
  dueAt: Instant(),
  forms: List(Enum(FORM_NAMES), FORM_NAMES.length),
});
export type OverdueVisit = Static<typeof OverdueVisitSchema>;
export const OverdueSchema = Obj({ items: List(OverdueVisitSchema, 1_000_000) });
