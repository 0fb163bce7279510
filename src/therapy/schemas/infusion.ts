/** The infusion record: vital signs, reactions, what was given where. */
import { type Static, Type } from "typebox";
import { Enum, Id, Instant, Line, MAX, Name, Num, Obj } from "../../contract/schema.js";
import { BOUNDS, REACTION_SEVERITIES, ROUTES, VITAL_RANGES } from "../vocabulary.js";
import { CredentialsSchema } from "./bedside.js";
import { Filled, Nullable, UuidSchema } from "./common.js";

const vital = (k: keyof typeof VITAL_RANGES) => Num(VITAL_RANGES[k][0], VITAL_RANGES[k][1]);

export const VitalSignsSchema = Obj({
  heartRate: vital("heartRate"),
  respiratoryRate: vital("respiratoryRate"),
  /** Oxygen saturation, %. */
  spo2: vital("spo2"),
  temperatureC: vital("temperatureC"),
  systolic: Type.Optional(vital("systolic")),
  diastolic: Type.Optional(vital("diastolic")),
});
export type VitalSigns = Static<typeof VitalSignsSchema>;

export const ReactionSchema = Obj({
  description: Filled(MAX.line),
  severity: Enum(REACTION_SEVERITIES),
  action: Type.Optional(Line(MAX.line)),
});
export type Reaction = Static<typeof ReactionSchema>;

export const NewInfusionSchema = Obj({
  checkId: UuidSchema,
  startedAt: Instant(),
  endedAt: Instant(),
  volumeMl: Num(BOUNDS.infusionMl[0], BOUNDS.infusionMl[1], { exclusiveMinimum: true }),
  /** Where: the unit and bed, e.g. "NICU bed 4". The chain of custody ends here. */
  location: Filled(MAX.name),
  vitalsBefore: VitalSignsSchema,
  vitalsAfter: VitalSignsSchema,
  reactions: Type.Optional(Type.Array(ReactionSchema, { maxItems: 50 })),
  /**
   * A volume above the order beyond the tolerance: why, and the physician who signs it (user name and
   * password again, an electronic signature).
   */
  override: Type.Optional(Obj({ reason: Filled(MAX.line), physician: CredentialsSchema })),
});
export type NewInfusion = Static<typeof NewInfusionSchema>;

export const InfusionSchema = Obj({
  id: Id(),
  orderId: Id(),
  checkId: Id(),
  productId: Id(),
  mrn: Id(),
  startedAt: Instant(),
  endedAt: Instant(),
  volumeMl: Num(0, BOUNDS.infusionMl[1]),
  route: Enum(ROUTES),
  vitals: Obj({ before: VitalSignsSchema, after: VitalSignsSchema }),
  reactions: Type.Array(ReactionSchema),
  location: Name(),
  recordedAt: Instant(),
  recordedBy: Id(),
  overrideReason: Nullable(Line(MAX.line)),
  overrideSignatureId: Nullable(Id()),
  /** The dose ordered and the dose given, cells per kg (volume × the order's concentration ÷ its weight). */
  orderedPerKg: Num(0, 1e13),
  givenPerKg: Num(0, 1e13),
});
export type Infusion = Static<typeof InfusionSchema>;
