/**
 * A patient's death as the outcomes service records it (one per patient), and the correction of it.
 * Same rule as schemas.ts: typebox, the contract and pure constants only.
 */
import { type Static, Type } from "typebox";
import { SubjectIdSchema, Visible } from "../consent/schemas.js";
import { CalendarDate, Enum, Id, Instant, Line, MAX, Obj } from "../contract/schema.js";

/** Where the death was first recorded: a grade 5 adverse event, or a vital-status form. */
export const DEATH_SOURCES = ["adverse-event", "follow-up"] as const;
export type DeathSource = (typeof DEATH_SOURCES)[number];

export const DeathSchema = Obj({
  mrn: Id(),
  diedOn: CalendarDate({ description: "the date of death" }),
  cause: Line(),
  source: Enum(DEATH_SOURCES),
  /** The adverse event's or the form's id. */
  sourceId: Id(),
  recordedAt: Instant(),
  recordedBy: Id(),
  correctedAt: Type.Union([Instant(), Type.Null()]),
  correctedBy: Type.Union([Id(), Type.Null()]),
  correctionReason: Type.Union([Line(), Type.Null()]),
});
export type Death = Static<typeof DeathSchema>;

const correction = {
  diedOn: CalendarDate({ description: "the corrected date of death" }),
  cause: Visible(MAX.line, "the cause of death, as text"),
  reason: Visible(MAX.line, "why the recorded death is corrected, as text"),
};
/** The route's body: the patient is in the path. */
export const DeathCorrectionBodySchema = Obj(correction);
export const DeathCorrectionSchema = Obj({ mrn: SubjectIdSchema, ...correction });
export type DeathCorrection = Static<typeof DeathCorrectionSchema>;
