/**
 * One result type for every list of named rules Cradle runs before a decision: release criteria,
 * protocol eligibility, the bedside check. A face shows them the same way; a refusal carries them all.
 */
import { Type } from "typebox";
import { Id, Line, Obj } from "./schema.js";

export const RuleResultSchema = Obj({
  /** Stable name of the rule, e.g. "sterility-negative". */
  rule: Id(),
  passed: Type.Boolean(),
  /** Why it passed or failed, in the user's words, naming the values it read. */
  reason: Line(2000),
});

export interface RuleResult {
  rule: string;
  passed: boolean;
  reason: string;
}

/** A named rule over facts loaded beforehand: pure, so the list can be tested and shown without a database. */
export interface Rule<F> {
  rule: string;
  check(facts: F): { passed: boolean; reason: string };
}

/** Runs every rule over the facts, in order; never stops at the first failure. */
export function runRules<F>(rules: readonly Rule<F>[], facts: F): RuleResult[] {
  return rules.map((r) => ({ rule: r.rule, ...r.check(facts) }));
}
