/**
 * A site's ranking weights: a score for each WMDA match grade and each match confidence, summed over the
 * positions of the loci a search counts. They refine the built-in classes and never override one: adults
 * rank by mismatches, then DQB1 mismatches, then the grade score and the confidence score (higher first),
 * then untyped loci and direction; cords by mismatches, then the cord class, then the scores, direction and
 * dose (as Anthony Nolan's Atlas ranks by match count, then grade and confidence scores). All zeros, the
 * default, leaves the built-in order. Pure.
 */
import { CONFIDENCES, type Confidence, WMDA_GRADES, type WmdaGrade } from "./constants.js";
import type { Grade } from "./grade.js";

/** Each weight is a whole number in this range, so a search's sort key stays exact (see scan-kernel.ts). */
export const WEIGHT_RANGE = [-10, 10] as const;
/** The largest magnitude a summed score can reach: 10 positions at the widest weight. */
export const SCORE_BOUND = 10 * WEIGHT_RANGE[1];

export interface RankingWeights {
  grade: Record<WmdaGrade, number>;
  confidence: Record<Confidence, number>;
}

export function zeroWeights(): RankingWeights {
  return {
    grade: Object.fromEntries(WMDA_GRADES.map((g) => [g, 0])) as Record<WmdaGrade, number>,
    confidence: Object.fromEntries(CONFIDENCES.map((c) => [c, 0])) as Record<Confidence, number>,
  };
}

export function allZero(w: RankingWeights): boolean {
  return Object.values(w.grade).every((x) => x === 0) && Object.values(w.confidence).every((x) => x === 0);
}

export interface RankingScores {
  grade: number;
  confidence: number;
}

const EIGHT = ["A", "B", "C", "DRB1"] as const;

/**
 * The scores of a graded listing over the loci counted (A, B, C, DRB1, and DQB1 for 10). A locus either
 * side leaves untyped scores its two positions as Unknown grade and potential confidence, as Atlas reads
 * an untyped locus (it could still match).
 */
export function scoresOf(g: Grade, w: RankingWeights, loci: 8 | 10): RankingScores {
  let grade = 0;
  let confidence = 0;
  for (const locus of loci === 10 ? [...EIGHT, "DQB1"] : EIGHT) {
    const l = g.loci[locus];
    if (!l?.typed) {
      grade += 2 * w.grade.Unknown;
      confidence += 2 * w.confidence.potential;
      continue;
    }
    for (const p of l.positions) {
      grade += w.grade[p.wmda];
      confidence += w.confidence[p.confidence];
    }
  }
  return { grade, confidence };
}
