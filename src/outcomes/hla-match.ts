/**
 * The HLA match of the graft given, as the field classes it (FIELD-FACTS, WMDA): a cord unit by its match
 * class (A and B at antigen level, DRB1 at allele level, of 6), any other allogeneic graft at allele level
 * at A, B, C and DRB1 (of 8). Graded from the patient's registered typing and the bank's HLA result of the
 * product given, on the IMGT/HLA release the server has loaded; without a release, or a typing on either
 * side, the match is "not-recorded" rather than guessed, and a class is given only when every locus it
 * counts is typed on both sides.
 */
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { gradeTypings } from "../matching/grade.js";
import type { GraftTypings } from "../therapy/index.js";

/** The IMGT/HLA release the match of the graft given is graded on; absent, the match is "not-recorded". */
export interface GradingOptions {
  hla?: HlaEngine;
}

export const NOT_APPLICABLE = "not-applicable";
export const NOT_RECORDED = "not-recorded";
export const INCOMPLETE = "incompletely-typed";

function classOf(engine: HlaEngine, patient: string, graft: GraftTypings["grafts"][number]): string {
  if (graft.typing === null) return NOT_RECORDED;
  let summary: ReturnType<typeof gradeTypings>["summary"];
  try {
    summary = gradeTypings(engine, patient, graft.typing).summary;
  } catch (e) {
    if (!(e instanceof CradleError)) throw e;
    // A typing the release cannot read (a name it does not know) is not graded here: validation refuses
    // such typings where they are entered; an old record is reported as not recorded, not as a mismatch.
    return NOT_RECORDED;
  }
  if (graft.cord) {
    const counted = ["A", "B", "DRB1"];
    return counted.some((l) => summary.untyped.includes(l)) ? INCOMPLETE : `${summary.cord6}/6`;
  }
  return summary.typed8 < 8 ? INCOMPLETE : `${summary.allele8}/8`;
}

/** The match class of a plan's graft: one class, or each unit's joined with " + " (a double cord). */
export function graftMatch(engine: HlaEngine | undefined, t: GraftTypings | undefined): string {
  if (t === undefined) return NOT_APPLICABLE;
  if (engine === undefined || t.patient === null || t.grafts.length === 0) return NOT_RECORDED;
  const patient = t.patient;
  return t.grafts.map((g) => classOf(engine, patient, g)).join(" + ");
}
