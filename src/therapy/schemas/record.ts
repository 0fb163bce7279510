/** A patient's whole therapy record for a page, with the actions the user may take on it now. */
import { type Static, Type } from "typebox";
import { Obj } from "../../contract/schema.js";
import { BedsideCheckSchema } from "./bedside.js";
import { InfusionSchema } from "./infusion.js";
import { DoseOrderSchema } from "./order.js";
import { ActionsSchema, PatientSchema, WeightSchema } from "./patient.js";
import { PlanSchema } from "./plan.js";

export const PlanRecordSchema = Obj({
  ...PlanSchema.properties,
  orders: Type.Array(DoseOrderSchema),
  checks: Type.Array(BedsideCheckSchema),
  /** orderDose, recordMissed, enrol (withdraw) and bedside, when the plan's state allows them. */
  actions: ActionsSchema,
});
export type PlanRecord = Static<typeof PlanRecordSchema>;

export const PatientRecordSchema = Obj({
  patient: PatientSchema,
  weights: Type.Array(WeightSchema),
  plans: Type.Array(PlanRecordSchema),
  infusions: Type.Array(InfusionSchema),
  /** recordWeight and enrol, when the user's roles allow them. */
  actions: ActionsSchema,
});
export type PatientRecord = Static<typeof PatientRecordSchema>;
