/**
 * Release criteria as rules: data, not code paths, so a bank can read them, print them and change them.
 * Each rule looks at the latest QC result of one test among the stages it names and says pass or fail with
 * the reason; a rule that requires a value (negative) reads the whole history, so a reactive result fails it
 * until a quality manager's signed disposition covers that result (holds.ts).
 *
 * The defaults are a cord blood bank's usual policy; the thresholds are local choices, stated here:
 * - Sterility negative for every product.
 * - Infectious disease markers: an allogeneic product needs negative HIV, HBV, HCV, syphilis and HTLV, on
 *   the mother's sample for cord blood (21 CFR 1271.80: for a donor one month old or younger the birth
 *   mother is tested). CMV is recorded, not required negative. An autologous product needs the markers
 *   tested; a positive result does not bar use by the donor (1271.90) but must be known.
 * - Cell counts: TNC and CD34+ after processing recorded; an allogeneic cord unit banks with at least
 *   5×10^8 TNC (lower units rarely reach a useful dose for any recipient).
 * - Viability after processing at least 85% for cord blood, 70% for other sources.
 * - Allogeneic: HLA typing and ABO/RhD recorded.
 * - Not expired at the moment of release (a product without an expiry passes).
 */
import type { RuleResult } from "../contract/rules.js";
import { IDM_MARKERS, type QcStage, type QcTest, type Source } from "./constants.js";
import type { Product, QcResult } from "./schemas.js";

export type ReleaseCheck =
  | { kind: "min"; value: number }
  | { kind: "equals"; value: string }
  | { kind: "recorded" }
  /** The product's own expiry, not a QC result: no test, no stages. */
  | { kind: "not-expired" };

export interface ReleaseCriterion {
  /** The rule's stable name, shown with its result. */
  rule: string;
  /** The QC test the rule reads; absent for a rule on the product itself (not-expired). */
  test?: QcTest;
  stages?: readonly QcStage[];
  check: ReleaseCheck;
  /** Which products the rule applies to; empty means all. */
  sources?: readonly Source[];
  use?: "allogeneic" | "autologous";
}

/** What a release rule reads: the product, whether it is autologous, its QC results, and the time now. */
export interface ReleaseFacts {
  product: Pick<Product, "source" | "collectionType" | "expiresAt">;
  autologous: boolean;
  qc: readonly QcResult[];
  now: Date;
  /**
   * The QC results a quality manager's signed disposition has covered. Any other reactive result in the
   * history fails its rule, whatever a later repeat says.
   */
  dispositioned?: ReadonlySet<string>;
}

const PRODUCT_STAGES: readonly QcStage[] = ["pre-processing", "post-processing"];
const OTHER_SOURCES = ["bone-marrow", "peripheral-blood-apheresis", "adipose-tissue"] as const;

function idmRules(): ReleaseCriterion[] {
  const rules: ReleaseCriterion[] = [];
  for (const marker of IDM_MARKERS) {
    const required =
      marker === "cmv" ? ({ kind: "recorded" } as const) : ({ kind: "equals", value: "negative" } as const);
    rules.push(
      {
        rule: `${marker}-cord-blood-maternal`,
        test: marker,
        stages: ["maternal"],
        check: required,
        sources: ["cord-blood"],
        use: "allogeneic",
      },
      {
        rule: `${marker}-donor`,
        test: marker,
        stages: PRODUCT_STAGES,
        check: required,
        sources: OTHER_SOURCES,
        use: "allogeneic",
      },
      {
        rule: `${marker}-tested`,
        test: marker,
        stages: ["maternal", ...PRODUCT_STAGES],
        check: { kind: "recorded" },
        use: "autologous",
      },
    );
  }
  return rules;
}

export const DEFAULT_RELEASE_CRITERIA: readonly ReleaseCriterion[] = [
  {
    rule: "sterility-negative",
    test: "sterility",
    stages: PRODUCT_STAGES,
    check: { kind: "equals", value: "negative" },
  },
  ...idmRules(),
  { rule: "tnc-recorded", test: "tnc", stages: ["post-processing"], check: { kind: "recorded" } },
  {
    rule: "tnc-minimum-cord-blood",
    test: "tnc",
    stages: ["post-processing"],
    check: { kind: "min", value: 5e8 },
    sources: ["cord-blood"],
    use: "allogeneic",
  },
  { rule: "cd34-recorded", test: "cd34", stages: ["post-processing"], check: { kind: "recorded" } },
  {
    rule: "viability-cord-blood",
    test: "viability",
    stages: ["post-processing"],
    check: { kind: "min", value: 85 },
    sources: ["cord-blood"],
  },
  {
    rule: "viability",
    test: "viability",
    stages: ["post-processing"],
    check: { kind: "min", value: 70 },
    sources: OTHER_SOURCES,
  },
  {
    rule: "hla-typed",
    test: "hla",
    stages: [...PRODUCT_STAGES, "maternal"],
    check: { kind: "recorded" },
    use: "allogeneic",
  },
  { rule: "abo-typed", test: "abo", stages: PRODUCT_STAGES, check: { kind: "recorded" }, use: "allogeneic" },
  { rule: "not-expired", check: { kind: "not-expired" } },
];

function applies(rule: ReleaseCriterion, p: Pick<Product, "source">, autologous: boolean): boolean {
  if (rule.sources && !rule.sources.includes(p.source)) return false;
  if (rule.use === "allogeneic" && autologous) return false;
  if (rule.use === "autologous" && !autologous) return false;
  return true;
}

function show(v: number, unit: string | null): string {
  const n = v >= 1e5 ? v.toExponential(2).replace(/e\+?(\d+)/, "×10^$1") : String(v);
  return unit === "%" ? `${n}%` : unit ? `${n} ${unit}` : n;
}

/** One rule's result; the latest QC result among the rule's stages is the one that counts. */
function evaluate(rule: ReleaseCriterion, f: ReleaseFacts): RuleResult {
  const c = rule.check;
  const result = (passed: boolean, reason: string): RuleResult => ({ rule: rule.rule, passed, reason });
  if (c.kind === "not-expired") {
    const at = f.product.expiresAt;
    if (at === null) return result(true, "the product has no expiry");
    return Date.parse(at) > f.now.getTime()
      ? result(true, `expires at ${at}`)
      : result(false, `the product expired at ${at}`);
  }
  const stages = rule.stages ?? [];
  const history = f.qc.filter((r) => r.test === rule.test && stages.includes(r.stage));
  const latest = history
    .sort((a, b) => a.testedAt.localeCompare(b.testedAt) || a.recordedAt.localeCompare(b.recordedAt))
    .at(-1);
  if (!latest) return result(false, `no ${rule.test} result (${stages.join(" or ")})`);
  if (c.kind === "recorded") return result(true, `${rule.test} recorded (${latest.stage})`);
  if (c.kind === "equals") {
    const ok = latest.result === c.value;
    if (!ok) return result(false, `${rule.test} ${latest.stage} is ${latest.result}, ${c.value} is required`);
    // The whole history counts: a reactive result is never superseded by a later one, only by a disposition.
    const reactive = history.find(
      (r) =>
        r.result !== null &&
        r.result !== c.value &&
        r.result !== "pending" &&
        !(f.dispositioned?.has(r.id) ?? false),
    );
    if (reactive) {
      return result(
        false,
        `${rule.test} ${reactive.stage} was ${reactive.result} (tested ${reactive.testedAt}) before this ${latest.result}: ineligible until a quality manager signs a disposition`,
      );
    }
    return result(true, `${rule.test} ${latest.stage} is ${latest.result}`);
  }
  const v = latest.value ?? Number.NaN;
  const ok = v >= c.value;
  return result(
    ok,
    `${rule.test} ${latest.stage} ${show(v, latest.unit)} ${ok ? "meets" : "is below"} the minimum ${show(c.value, latest.unit)}`,
  );
}

/** Evaluates every rule that applies to the product, in order; never stops at the first failure. */
export function evaluateRelease(
  facts: ReleaseFacts,
  criteria: readonly ReleaseCriterion[] = DEFAULT_RELEASE_CRITERIA,
): RuleResult[] {
  return criteria.filter((r) => applies(r, facts.product, facts.autologous)).map((r) => evaluate(r, facts));
}
