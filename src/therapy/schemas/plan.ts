/** Treatment plans: enrolment, the plan with its doses, missed doses and withdrawal, the due list. */
import { type Static, Type } from "typebox";
import { RuleResultSchema } from "../../contract/rules.js";
import { Enum, Id, Instant, Int, Line, MAX, Name, Num, Obj } from "../../contract/schema.js";
import { BOUNDS, DOSE_STATES, PLAN_STATES, WINDOW_STATES } from "../vocabulary.js";
import { Filled, MrnSchema, Nullable, UuidSchema } from "./common.js";
import { ProtocolIdSchema } from "./protocol-id.js";

export const NewPlanSchema = Obj({
  mrn: MrnSchema,
  protocol: ProtocolIdSchema,
  /** Day 0 (the infusion day of a transplant), with its zone. */
  day0: Type.Optional(Instant()),
  /** A randomised protocol's allocation, as the trial's randomisation system gave it. */
  allocation: Type.Optional(
    Obj({
      arm: Id(),
      /** The randomisation's own identifier (e.g. its allocation or sequence number). */
      reference: Filled(MAX.id),
      randomisedAt: Instant(),
    }),
  ),
});
export type NewPlan = Static<typeof NewPlanSchema>;

export const DoseNumberSchema = Int(BOUNDS.doseNumber[0], BOUNDS.doseNumber[1], {
  description: "a dose number of the plan",
});

export const PlanDoseSchema = Obj({
  number: Int(1, 100),
  earliest: Instant(),
  latest: Instant(),
  state: Enum(DOSE_STATES),
  missedReason: Nullable(Line(MAX.line)),
});
export type PlanDose = Static<typeof PlanDoseSchema>;

export const PlanSchema = Obj({
  id: Id(),
  mrn: Id(),
  protocolId: Id(),
  protocolVersion: Int(1, 10_000),
  state: Enum(PLAN_STATES),
  consentRef: Line(MAX.line),
  consentBy: Line(MAX.line),
  consentAt: Instant(),
  day0: Nullable(Instant()),
  conditioningFrom: Nullable(Instant()),
  eligibility: Type.Array(RuleResultSchema),
  enrolledAt: Instant(),
  enrolledBy: Id(),
  endedAt: Nullable(Instant()),
  endReason: Nullable(Line(MAX.line)),
  /** Randomised protocols: the arm assigned (null on a protocol without arms). */
  allocation: Nullable(
    Obj({
      arm: Id(),
      title: Line(MAX.line),
      receivesCells: Type.Boolean(),
      reference: Line(MAX.id),
      randomisedAt: Instant(),
    }),
  ),
  doses: Type.Array(PlanDoseSchema),
});
export type Plan = Static<typeof PlanSchema>;

export const PlanParamsSchema = Obj({ id: UuidSchema });
export const PlanDoseParamsSchema = Obj({ id: UuidSchema, number: DoseNumberSchema });

/** Why a dose was not given, or why a plan ends: a physician's words, kept in the audit trail. */
export const ReasonSchema = Obj({ reason: Filled(MAX.line) });

export const DueQuerySchema = Obj({
  horizonHours: Type.Optional(
    Type.Number({
      minimum: BOUNDS.horizonHours[0],
      maximum: BOUNDS.horizonHours[1],
      default: 72,
      description: "how many hours ahead to look",
    }),
  ),
});

export const DueDoseSchema = Obj({
  planId: Id(),
  mrn: Id(),
  name: Name(),
  protocolId: Id(),
  number: Int(1, 100),
  earliest: Instant(),
  latest: Instant(),
  state: Enum(WINDOW_STATES),
  /** Milliseconds until the window closes (negative once it has). */
  msToLatest: Num(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
});
export type DueDose = Static<typeof DueDoseSchema>;

export const DueListSchema = Obj({ now: Instant(), items: Type.Array(DueDoseSchema) });
export type DueList = Static<typeof DueListSchema>;
