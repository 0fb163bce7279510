/**
 * Why a search hit stands where it does, in the order the ranking weighs it: allele matches of the loci
 * counted (naming untyped loci), DQB1 for an adult search of 8, the cord class, the site's grade and confidence scores (when it weighs them), the mismatch
 * direction, then the dose per kg. The search service returns it with each hit, so the web app and
 * `cradle search` show the same words. Pure.
 */
import type { Direction, IndexKind } from "./constants.js";
import { type Dose, scientific } from "./dose.js";
import { type Grade, matchText } from "./grade.js";
import type { RankingScores } from "./ranking-weights.js";

export interface Ranked {
  grade: Grade;
  direction: Direction;
  dose?: Dose | undefined;
}

export function reasonFor(h: Ranked, loci: 8 | 10, kind: IndexKind, scores?: RankingScores): string {
  const s = h.grade.summary;
  // Over the typed positions only: an untyped locus is unknown, not a mismatch.
  const typed10 = s.typed8 + (s.untyped.includes("DQB1") ? 0 : 2);
  const counted = loci === 8 ? s.text : matchText(s.allele10, typed10, 10, s.untyped);
  const parts = [`${counted} allele`];
  // An adult search of 8 ranks DQB1 next: said, so the order reads true.
  const dq = h.grade.loci.DQB1;
  if (kind === "adult" && loci === 8 && dq?.typed) parts.push(`DQB1 ${dq.allele}/2`);
  if (kind === "cord") parts.push(`cord ${s.cord6}/6`);
  if (scores) parts.push(`grade score ${scores.grade}, confidence score ${scores.confidence}`);
  parts.push(h.direction === "none" ? "no mismatch" : `mismatch ${h.direction}`);
  if (h.dose) parts.push(`TNC ${scientific(h.dose.tncPerKg)}/kg`);
  if (h.dose?.cd34PerKg !== undefined) parts.push(`CD34+ ${scientific(h.dose.cd34PerKg)}/kg`);
  return parts.join(", ");
}
