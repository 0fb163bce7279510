/** A protocol's definition as data, and its activation status. */
import { type Static, Type } from "typebox";
import { Enum, Id, Instant, Int, Line, MAX, Num, Obj } from "../../contract/schema.js";
import { ANCHORS, DOSINGS, ROUTES } from "../vocabulary.js";
import { Nullable } from "./common.js";

export const DoseWindowSchema = Obj({
  number: Int(1, 100),
  anchor: Enum(ANCHORS),
  /** Hours after the anchor: the window opens … */
  fromHours: Num(0, 24 * 365),
  /** … and closes (the dose must be given by then). */
  toHours: Num(0, 24 * 365),
});
export type DoseWindow = Static<typeof DoseWindowSchema>;

/**
 * An arm of a randomised protocol. The trial's own randomisation system assigns it; Cradle records the
 * assignment and keeps a baby on an arm without cells from ever being given any.
 */
export const ArmSchema = Obj({
  id: Id(),
  title: Line(MAX.line),
  /** False for a control arm (standard care or placebo given outside Cradle): no doses, no orders. */
  receivesCells: Type.Boolean(),
});
export type Arm = Static<typeof ArmSchema>;

export const ProtocolSchema = Obj({
  id: Id(),
  version: Int(1, 10_000),
  title: Line(MAX.line),
  dosing: Enum(DOSINGS),
  /** Target cells per kg body weight per dose (per-kg dosing). */
  targetPerKg: Num(0, 1e10),
  /** The fewest cells per kg a dose may carry without a physician's signed exception. */
  minPerKg: Num(0, 1e10),
  /** The most cells per kg a dose may carry without a physician's signed exception. */
  maxPerKg: Num(0, 1e10),
  route: Enum(ROUTES),
  /** What the product must be: the baby's own cells; fresh (refrigerated or room temperature, never frozen). */
  product: Obj({ autologous: Type.Boolean(), fresh: Type.Boolean() }),
  /** Conditioning starts this many days before day 0 (transplants). */
  conditioningDays: Type.Optional(Int(0, 60)),
  windows: Type.Array(DoseWindowSchema, { maxItems: 100 }),
  /** A randomised protocol's arms; every plan on it then records its allocation. */
  arms: Type.Optional(Type.Array(ArmSchema, { minItems: 2, maxItems: 10 })),
});
export type Protocol = Static<typeof ProtocolSchema>;

export const ProtocolStatusSchema = Obj({
  protocol: ProtocolSchema,
  active: Nullable(
    Obj({ version: Int(1, 10_000), activatedAt: Instant(), activatedBy: Id(), signatureId: Id() }),
  ),
  /** True when the code's definition is the one that was signed. */
  current: Type.Boolean(),
});
export type ProtocolStatus = Static<typeof ProtocolStatusSchema>;
