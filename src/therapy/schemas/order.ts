/** Dose orders: what a physician asks for, and the order with its arithmetic. */
import { type Static, Type } from "typebox";
import { Enum, Id, Instant, Int, Line, MAX, Name, Num, Obj, Text } from "../../contract/schema.js";
import { BOUNDS, ORDER_STATES } from "../vocabulary.js";
import { Filled, Nullable, PasswordSchema, UuidSchema } from "./common.js";
import { DoseNumberSchema } from "./plan.js";

/** The body of an order; the plan comes from the path. */
export const DoseOrderBodySchema = Obj({
  doseNumber: DoseNumberSchema,
  din: Id({ description: "the product's DIN, as keyed or scanned" }),
  /** The product code, needed when the DIN has several products (e.g. the aliquots of an HIE product). */
  productCode: Type.Optional(Id()),
  /** Cells per kg to give, when not the protocol's target (per-kg protocols). */
  targetPerKg: Type.Optional(Num(BOUNDS.targetPerKg[0], BOUNDS.targetPerKg[1], { exclusiveMinimum: true })),
  /** Why the dose is outside the protocol; with the physician's password, signs the exception. */
  exceptionReason: Type.Optional(Filled(MAX.line)),
  password: Type.Optional(PasswordSchema),
  /** The id of the dose's open order this one replaces: required when the dose has one. */
  replaces: Type.Optional(UuidSchema),
  /** Why the open order is replaced (a new weight, another product); required with `replaces`. */
  replaceReason: Type.Optional(Filled(MAX.line)),
});

export const NewDoseOrderSchema = Obj({ planId: UuidSchema, ...DoseOrderBodySchema.properties });
export type NewDoseOrder = Static<typeof NewDoseOrderSchema>;

export const DoseOrderSchema = Obj({
  id: Id(),
  planId: Id(),
  doseNumber: Int(1, 100),
  productId: Id(),
  weightGrams: Num(BOUNDS.weightGrams[0], BOUNDS.weightGrams[1]),
  weighedAt: Instant(),
  concentrationPerMl: Num(0, BOUNDS.concentrationPerMl[1]),
  concentrationSource: Line(MAX.line),
  targetPerKg: Num(0, 1e12),
  drawMl: Num(0, 10_000),
  deliveredPerKg: Num(0, 1e12),
  arithmetic: Line(MAX.line),
  exceptionReason: Nullable(Line(MAX.line)),
  exceptionSignatureId: Nullable(Id()),
  state: Enum(ORDER_STATES),
  orderedAt: Instant(),
  orderedBy: Id(),
  /** The order this one replaced. */
  replacesId: Nullable(Id()),
  /** When replaced: by which order, why, who and when. */
  replacedById: Nullable(Id()),
  replaceReason: Nullable(Line(MAX.line)),
  replacedBy: Nullable(Id()),
  replacedAt: Nullable(Instant()),
  /** When infused: the volume given and the dose it gave per kg (volume × concentration ÷ weight of the order). */
  given: Nullable(
    Obj({
      volumeMl: Num(0, 10_000),
      perKg: Num(0, 1e13),
      arithmetic: Line(MAX.line),
    }),
  ),
});
export type DoseOrder = Static<typeof DoseOrderSchema>;

/** An open dose order whose product went on hold after it was placed: flagged for the physician and ward. */
export const HeldOrderSchema = Obj({
  orderId: Id(),
  planId: Id(),
  mrn: Id(),
  name: Name(),
  doseNumber: Int(1, 100),
  state: Enum(ORDER_STATES),
  productId: Id(),
  /** The first open hold's reason (the product page lists them all). */
  holdReason: Text(),
});
export type HeldOrder = Static<typeof HeldOrderSchema>;
export const HeldOrderListSchema = Obj({ items: Type.Array(HeldOrderSchema) });
export type HeldOrderList = Static<typeof HeldOrderListSchema>;
