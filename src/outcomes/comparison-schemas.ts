/**
 * The outcomes report's query (grouping and population) and its comparison of groups, as schemas. Same rule
 * as schemas.ts: typebox, the contract and pure constants only.
 */
import { type Static, Type } from "typebox";
import { Enum, Line, List, Obj } from "../contract/schema.js";
import { PatientSchema, ProtocolIdSchema } from "../therapy/schemas.js";
import { GROUPINGS } from "./comparisons.js";

/** The therapy service's own lists: a protocol or indication it adds is a population here at once. */
const Indication = PatientSchema.properties.indication;

export const ReportQuerySchema = Obj({
  groupBy: Type.Optional(Enum(GROUPINGS, { description: "how plans are grouped (protocol unless given)" })),
  /** The population: one protocol's plans, or one indication's (not both). */
  protocol: Type.Optional(ProtocolIdSchema),
  indication: Type.Optional(Indication),
});
export type ReportQuery = Static<typeof ReportQuerySchema>;

const Count = () => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const GroupSizeSchema = Obj({
  group: Line(),
  subjects: Count(),
  /** Deaths (survival) or engraftments (incidence). */
  events: Count(),
});

export const GroupTestSchema = Obj({
  test: Enum(["log-rank", "gray"] as const),
  /** The groups in the test, in its order. */
  groups: List(GroupSizeSchema, 100),
  /** Groups too small to test (fewer than MIN_GROUP_SUBJECTS): reported, left out. */
  tooFew: List(GroupSizeSchema, 100),
  result: Type.Union([Obj({ stat: Type.Number(), df: Count(), p: Type.Number() }), Type.Null()]),
  /** Why there is no result, when there is none. */
  reason: Type.Union([Line(), Type.Null()]),
});
export type GroupTest = Static<typeof GroupTestSchema>;

export const ComparisonSchema = Obj({
  groupBy: Enum(GROUPINGS),
  population: Obj({
    protocol: Type.Union([ProtocolIdSchema, Type.Null()]),
    indication: Type.Union([Indication, Type.Null()]),
    /** "research-consented": a researcher's view, patients with a research consent in force only. */
    cohort: Enum(["all-treated", "research-consented"] as const),
  }),
  survival: GroupTestSchema,
  engraftment: GroupTestSchema,
});
export type Comparison = Static<typeof ComparisonSchema>;
