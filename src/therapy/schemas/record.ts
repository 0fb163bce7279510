/** A patient's whole therapy record for a page, with the actions the user may take on it now. */
import { type Static, Type } from "typebox";
import { ReservedProductSchema } from "../../bank/reserved-schemas.js";
import { Id, Instant, Int, Obj } from "../../contract/schema.js";
import { BedsideCheckSchema } from "./bedside.js";
import { InfusionSchema } from "./infusion.js";
import { DoseOrderSchema } from "./order.js";
import { ActionsSchema, PatientSchema, WeightSchema } from "./patient.js";
import { PlanSchema } from "./plan.js";

/**
 * A passed bedside check not yet used by an infusion and not expired: the bedside page shows it after a
 * reload, so the infusion can be recorded without scanning again.
 */
export const OpenCheckSchema = Obj({
  checkId: Id(),
  orderId: Id(),
  doseNumber: Int(1, 100),
  administeredBy: Id(),
  verifiedBy: Id(),
  checkedAt: Instant(),
  expiresAt: Instant(),
});
export type OpenCheck = Static<typeof OpenCheckSchema>;

export const PlanRecordSchema = Obj({
  ...PlanSchema.properties,
  orders: Type.Array(DoseOrderSchema),
  checks: Type.Array(BedsideCheckSchema),
  /** The open passed check of each dose that has one. */
  openChecks: Type.Array(OpenCheckSchema),
  /** orderDose, recordMissed, enrol (withdraw) and bedside, when the plan's state allows them. */
  actions: ActionsSchema,
});
export type PlanRecord = Static<typeof PlanRecordSchema>;

export const PatientRecordSchema = Obj({
  patient: PatientSchema,
  weights: Type.Array(WeightSchema),
  plans: Type.Array(PlanRecordSchema),
  infusions: Type.Array(InfusionSchema),
  /** The bank's products reserved for this baby now: what a dose order may be placed on. */
  reserved: Type.Array(ReservedProductSchema),
  /** recordWeight and enrol, when the user's roles allow them. */
  actions: ActionsSchema,
});
export type PatientRecord = Static<typeof PatientRecordSchema>;
