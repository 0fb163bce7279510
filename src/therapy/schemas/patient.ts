/** Infant patients: registration, the stored record, weights, the list and eligibility. */
import { type Static, Type } from "typebox";
import { RuleResultSchema } from "../../contract/rules.js";
import { Enum, Id, Instant, Int, Line, MAX, Name, Num, Obj, Paging } from "../../contract/schema.js";
import { THERAPY_ACTIONS } from "../roles.js";
import { BOUNDS, ICD10_PATTERN, INDICATIONS, RESPIRATORY_SUPPORT, SEXES } from "../vocabulary.js";
import { Filled, MrnSchema, Nullable } from "./common.js";
import { ProtocolIdSchema } from "./protocol-id.js";

const between = (b: readonly [number, number], description?: string) =>
  Num(b[0], b[1], description ? { description } : {});

/** What the user may do now, as the server decides it from their roles and the record's state. */
export const ActionsSchema = Type.Array(Enum(THERAPY_ACTIONS), { maxItems: THERAPY_ACTIONS.length });

/** An HLA antibody the patient carries (e.g. from a single-antigen bead assay), with its strength. */
export const AntibodySchema = Obj({
  specificity: Id({ description: "the antigen or allele, e.g. A2 or A*02:01" }),
  mfi: Type.Optional(between(BOUNDS.antibodyMfi, "mean fluorescence intensity")),
});
export type Antibody = Static<typeof AntibodySchema>;

export const Icd10Schema = Line(10, {
  pattern: ICD10_PATTERN,
  description: "an ICD-10 code such as P91.6",
});

export const NewPatientSchema = Obj({
  mrn: MrnSchema,
  givenName: Filled(MAX.name),
  familyName: Filled(MAX.name),
  /** The local time and offset on the birth record. */
  birth: Instant(),
  sex: Enum(SEXES),
  gestationalWeeks: Int(BOUNDS.gestationalWeeks[0], BOUNDS.gestationalWeeks[1], {
    description: "completed weeks of gestation at birth",
  }),
  gestationalDays: Int(BOUNDS.gestationalDays[0], BOUNDS.gestationalDays[1], {
    description: "days past the completed weeks",
  }),
  birthWeightGrams: between(BOUNDS.birthWeightGrams),
  motherMrn: Type.Optional(MrnSchema),
  icd10: Icd10Schema,
  indication: Enum(INDICATIONS),
  diagnosis: Filled(MAX.name),
  /** A GL string, checked against the IMGT/HLA release when one is loaded. */
  hla: Type.Optional(Line(MAX.gl)),
  antibodies: Type.Optional(Type.Array(AntibodySchema, { maxItems: 200 })),
  cordBloodCollectedMl: Type.Optional(between(BOUNDS.cordBloodCollectedMl)),
  respiratorySupport: Type.Optional(Enum(RESPIRATORY_SUPPORT)),
});
export type NewPatient = Static<typeof NewPatientSchema>;

export const PatientSchema = Obj({
  mrn: Id(),
  givenName: Name(),
  familyName: Name(),
  /** UTC. */
  birthAt: Instant(),
  /** The zone offset the birth was recorded in, e.g. "-05:00": shows the local clock time. */
  birthOffset: Line(6),
  sex: Enum(SEXES),
  gestationalWeeks: Int(BOUNDS.gestationalWeeks[0], BOUNDS.gestationalWeeks[1]),
  gestationalDays: Int(BOUNDS.gestationalDays[0], BOUNDS.gestationalDays[1]),
  birthWeightGrams: between(BOUNDS.birthWeightGrams),
  motherMrn: Nullable(Id()),
  icd10: Line(10),
  indication: Enum(INDICATIONS),
  diagnosis: Name(),
  hla: Nullable(Line(MAX.gl)),
  antibodies: Type.Array(AntibodySchema),
  cordBloodCollectedMl: Nullable(between(BOUNDS.cordBloodCollectedMl)),
  respiratorySupport: Nullable(Enum(RESPIRATORY_SUPPORT)),
  createdAt: Instant(),
  createdBy: Id(),
});
export type Patient = Static<typeof PatientSchema>;

export const NewWeightSchema = Obj({
  grams: between(BOUNDS.weightGrams),
  measuredAt: Instant(),
});
export type NewWeight = Static<typeof NewWeightSchema>;

export const WeightSchema = Obj({
  measuredAt: Instant(),
  grams: between(BOUNDS.weightGrams),
  recordedBy: Id(),
});
export type Weight = Static<typeof WeightSchema>;

export const MrnParamsSchema = Obj({ mrn: MrnSchema });

export const PatientQuerySchema = Obj({
  search: Type.Optional(Line(100, { minLength: 0, description: "part of an MRN or a name" })),
  ...Paging(50, 500),
});
export type PatientQuery = Static<typeof PatientQuerySchema>;

export const PatientPageSchema = Obj({
  items: Type.Array(PatientSchema),
  total: Int(0, Number.MAX_SAFE_INTEGER),
  /** registerPatient when the user may register patients. */
  actions: ActionsSchema,
});
export type PatientPage = Static<typeof PatientPageSchema>;

export const EligibilityQuerySchema = Obj({ protocol: ProtocolIdSchema });

export const EligibilitySchema = Obj({
  eligible: Type.Boolean(),
  results: Type.Array(RuleResultSchema),
});
export type Eligibility = Static<typeof EligibilitySchema>;
