/**
 * The contract of the site's ranking weights (issue 17): a whole-number score from -10 to 10 for each
 * WMDA match grade and each match confidence; the web app imports the types.
 */
import { Type } from "typebox";
import { Id, Instant, Int, Line, Obj, type Static } from "../contract/schema.js";
import { CONFIDENCES, WMDA_GRADES } from "../matching/constants.js";

const Weight = (what: string) => Int(-10, 10, { description: `the score of ${what}, -10 to 10` });
const gradeWeights = Object.fromEntries(WMDA_GRADES.map((g) => [g, Weight(`a position graded ${g}`)]));
const confidenceWeights = Object.fromEntries(
  CONFIDENCES.map((c) => [c, Weight(`a position of ${c} confidence`)]),
);

export const RankingWeightsSchema = Obj({
  grade: Obj(gradeWeights as Record<(typeof WMDA_GRADES)[number], ReturnType<typeof Weight>>),
  confidence: Obj(confidenceWeights as Record<(typeof CONFIDENCES)[number], ReturnType<typeof Weight>>),
});

export const RankingWeightsViewSchema = Obj({
  weights: RankingWeightsSchema,
  /** False while every weight is 0: the built-in order. */
  inUse: Type.Boolean(),
  updatedAt: Type.Union([Instant(), Type.Null()]),
  updatedBy: Type.Union([Id(), Type.Null()]),
});
export type RankingWeightsView = Static<typeof RankingWeightsViewSchema>;

/** A change: the weights to set (any left out keep their value) and why, for the audit trail. */
export const RankingWeightsChangeSchema = Obj({
  grade: Type.Optional(Type.Partial(RankingWeightsSchema.properties.grade, { additionalProperties: false })),
  confidence: Type.Optional(
    Type.Partial(RankingWeightsSchema.properties.confidence, { additionalProperties: false }),
  ),
  reason: Line(300, { minLength: 1, description: "why the site changes its ranking" }),
  /**
   * The `updatedAt` of the view the change was made from (null: never changed): refused when the weights
   * have changed since, so one manager's save never silently undoes another's.
   */
  basedOn: Type.Optional(Type.Union([Instant(), Type.Null()])),
});
export type RankingWeightsChange = Static<typeof RankingWeightsChangeSchema>;
