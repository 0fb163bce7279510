/** The command line's calculators: a protocol's windows for a birth, and a dose's volume. */
import { type Static, Type } from "typebox";
import { Instant, Num, Obj } from "../../contract/schema.js";
import { BOUNDS } from "../vocabulary.js";
import { ProtocolIdSchema } from "./protocol-id.js";

export const ScheduleRequestSchema = Obj({
  protocol: ProtocolIdSchema,
  birth: Instant(),
  /** Day 0 (transplant), with its zone. */
  day0: Type.Optional(Instant()),
});
export type ScheduleRequest = Static<typeof ScheduleRequestSchema>;

export const DoseRequestSchema = Obj({
  concentrationPerMl: Num(BOUNDS.concentrationPerMl[0], BOUNDS.concentrationPerMl[1], {
    exclusiveMinimum: true,
    description: "cells per mL in the product",
  }),
  targetPerKg: Num(BOUNDS.targetPerKg[0], BOUNDS.targetPerKg[1], {
    exclusiveMinimum: true,
    description: "target cells per kg",
  }),
  weightGrams: Num(BOUNDS.weightGrams[0], BOUNDS.weightGrams[1], {
    description: "the patient's latest weight in grams",
  }),
});
export type DoseRequestInput = Static<typeof DoseRequestSchema>;
