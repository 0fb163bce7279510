/**
 * Freezer and tank monitoring: settings, readings, tokens and alarms. Imports only typebox, the
 * contract's blocks and pure constants (the web app compiles it).
 */
import { Type } from "typebox";
import {
  Enum,
  Id,
  Instant,
  Int,
  Line,
  List,
  MAX,
  Num,
  Obj,
  type Static,
  Text,
  Uuid,
} from "../../contract/schema.js";
import { StorageName } from "../storage-schemas.js";
import {
  ALARM_KINDS,
  ALARM_STATES,
  CELSIUS,
  LN2_LEVEL,
  MAX_READINGS,
  QUALITY_TEXT_MIN,
} from "./constants.js";

export const MonitoringSettingsSchema = Obj({
  device: StorageName("device"),
  /** Warmer than this alarms; an LN2 tank's default is −150 °C, a freezer has none. */
  maxCelsius: Type.Optional(
    Num(CELSIUS.min, CELSIUS.max, { description: "alarm when warmer than this, °C" }),
  ),
  minLn2Level: Type.Optional(
    Num(LN2_LEVEL.min, LN2_LEVEL.max, { description: "alarm when the LN2 level is below this, %" }),
  ),
  ackMinutes: Type.Optional(
    Int(1, 24 * 60, { description: "minutes before an unacknowledged alarm escalates (default 15)" }),
  ),
  silentMinutes: Type.Optional(
    Int(1, 7 * 24 * 60, {
      description: "minutes without a reading before the sensor is silent (default 30)",
    }),
  ),
  escalateTo: Id({ description: "the user name of the second person an unacknowledged alarm escalates to" }),
});
export type MonitoringSettingsInput = Static<typeof MonitoringSettingsSchema>;

export const DeviceParamsSchema = Obj({ device: StorageName("device") });

export const ReadingSchema = Obj({
  at: Instant({ description: "when the reading was taken" }),
  celsius: Num(CELSIUS.min, CELSIUS.max, { description: "temperature, °C" }),
  ln2Level: Type.Optional(Num(LN2_LEVEL.min, LN2_LEVEL.max, { description: "LN2 level, %" })),
});
export type Reading = Static<typeof ReadingSchema>;

export const ReadingsPostSchema = Obj({
  device: StorageName("device"),
  readings: List(ReadingSchema, MAX_READINGS, { minItems: 1 }),
});
export type ReadingsPost = Static<typeof ReadingsPostSchema>;

/** A CSV of readings: a header `at,celsius[,ln2_level]`, then one reading a line. */
export const ReadingsCsvSchema = Obj({ csv: Text(2_000_000, { description: "the CSV text" }) });

export const AlarmParamsSchema = Obj({ id: Uuid() });
export const AcknowledgeBodySchema = Obj({
  note: Line(MAX.line, { description: "what was seen and done first" }),
  password: Line(1000),
});
export const CloseAlarmBodySchema = Obj({
  actions: Text(MAX.text, { minLength: QUALITY_TEXT_MIN, description: "the actions taken" }),
  impact: Text(MAX.text, { minLength: QUALITY_TEXT_MIN, description: "the product impact assessment" }),
  password: Line(1000),
});
export type CloseAlarmInput = { actions: string; impact: string };

// ——— Answers ———

const S = Type.String();
const NS = Type.Union([S, Type.Null()]);
const NN = Type.Union([Type.Number(), Type.Null()]);

export const MonitoringSettingsAnswerSchema = Type.Object({
  device: S,
  kind: S,
  maxCelsius: Type.Number(),
  minLn2Level: NN,
  ackMinutes: Type.Integer(),
  silentMinutes: Type.Integer(),
  escalateTo: S,
  hasToken: Type.Boolean(),
  tokenSetAt: NS,
  lastReadingAt: NS,
});
export type MonitoringSettings = Static<typeof MonitoringSettingsAnswerSchema>;

export const TokenAnswerSchema = Type.Object({
  device: S,
  /** Shown this once: only its hash is kept. */
  token: S,
  setAt: S,
});

export const ReadingsOutcomeSchema = Type.Object({
  device: S,
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  alarmsRaised: Type.Array(S),
  escalated: Type.Array(S),
});
export type ReadingsOutcome = Static<typeof ReadingsOutcomeSchema>;

export const ExposedProductSchema = Type.Object({
  productId: S,
  din: S,
  location: S,
  rack: S,
  box: S,
  position: S,
  /** When it left the device (moved elsewhere, shipped, discarded); null while it is still there. */
  leftAt: NS,
  /** Minutes the product spent in the device while the alarm's condition lasted (to recovery or now). */
  exposureMinutes: Type.Number(),
});

export const AlarmSchema = Type.Object({
  id: S,
  device: S,
  kind: Enum(ALARM_KINDS),
  state: Enum(ALARM_STATES),
  startedAt: S,
  raisedAt: S,
  value: NN,
  threshold: NN,
  recoveredAt: NS,
  escalatedAt: NS,
  escalatedTo: NS,
  acknowledgedAt: NS,
  acknowledgedBy: NS,
  ackNote: NS,
  ackSignatureId: NS,
  actions: NS,
  impact: NS,
  closedAt: NS,
  closedBy: NS,
  closeSignatureId: NS,
  products: Type.Array(ExposedProductSchema),
});
export type Alarm = Static<typeof AlarmSchema>;

export const SweepOutcomeSchema = Type.Object({ raised: Type.Array(S), escalated: Type.Array(S) });
export type SweepOutcome = Static<typeof SweepOutcomeSchema>;
