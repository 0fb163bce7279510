/**
 * Release criteria as rules: data, not code paths, so a bank can read them, print them and change them.
 * Each rule looks at the latest QC result of one test among the stages it names (a retest replaces an
 * earlier result) and says pass or fail with the reason.
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
 */
import type { Product } from "./products.js";
import { IDM_MARKERS, type QcResult, type QcStage, type QcTest } from "./qc.js";

export type ReleaseCheck =
  | { kind: "min"; value: number }
  | { kind: "equals"; value: string }
  | { kind: "recorded" };

export interface ReleaseCriterion {
  id: string;
  test: QcTest;
  stages: readonly QcStage[];
  check: ReleaseCheck;
  /** Which products the rule applies to; empty means all. */
  sources?: readonly Product["source"][];
  use?: "allogeneic" | "autologous";
}

export interface CriterionResult {
  id: string;
  passed: boolean;
  message: string;
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
        id: `${marker}-cord-blood-maternal`,
        test: marker,
        stages: ["maternal"],
        check: required,
        sources: ["cord-blood"],
        use: "allogeneic",
      },
      {
        id: `${marker}-donor`,
        test: marker,
        stages: PRODUCT_STAGES,
        check: required,
        sources: OTHER_SOURCES,
        use: "allogeneic",
      },
      {
        id: `${marker}-tested`,
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
    id: "sterility-negative",
    test: "sterility",
    stages: PRODUCT_STAGES,
    check: { kind: "equals", value: "negative" },
  },
  ...idmRules(),
  { id: "tnc-recorded", test: "tnc", stages: ["post-processing"], check: { kind: "recorded" } },
  {
    id: "tnc-minimum-cord-blood",
    test: "tnc",
    stages: ["post-processing"],
    check: { kind: "min", value: 5e8 },
    sources: ["cord-blood"],
    use: "allogeneic",
  },
  { id: "cd34-recorded", test: "cd34", stages: ["post-processing"], check: { kind: "recorded" } },
  {
    id: "viability-cord-blood",
    test: "viability",
    stages: ["post-processing"],
    check: { kind: "min", value: 85 },
    sources: ["cord-blood"],
  },
  {
    id: "viability",
    test: "viability",
    stages: ["post-processing"],
    check: { kind: "min", value: 70 },
    sources: OTHER_SOURCES,
  },
  {
    id: "hla-typed",
    test: "hla",
    stages: [...PRODUCT_STAGES, "maternal"],
    check: { kind: "recorded" },
    use: "allogeneic",
  },
  { id: "abo-typed", test: "abo", stages: PRODUCT_STAGES, check: { kind: "recorded" }, use: "allogeneic" },
];

function applies(
  rule: ReleaseCriterion,
  p: Pick<Product, "source" | "collectionType">,
  autologous: boolean,
): boolean {
  if (rule.sources && !rule.sources.includes(p.source)) return false;
  if (rule.use === "allogeneic" && autologous) return false;
  if (rule.use === "autologous" && !autologous) return false;
  return true;
}

function show(v: number, unit: string | null): string {
  const n = v >= 1e5 ? v.toExponential(2).replace(/e\+?(\d+)/, "×10^$1") : String(v);
  return unit === "%" ? `${n}%` : unit ? `${n} ${unit}` : n;
}

/** Evaluates every rule that applies; the latest result among a rule's stages is the one that counts. */
export function evaluateRelease(
  product: Pick<Product, "source" | "collectionType">,
  autologous: boolean,
  qc: readonly QcResult[],
  criteria: readonly ReleaseCriterion[] = DEFAULT_RELEASE_CRITERIA,
): CriterionResult[] {
  const out: CriterionResult[] = [];
  for (const rule of criteria) {
    if (!applies(rule, product, autologous)) continue;
    const latest = qc
      .filter((r) => r.test === rule.test && rule.stages.includes(r.stage))
      .sort((a, b) => a.testedAt.localeCompare(b.testedAt) || a.recordedAt.localeCompare(b.recordedAt))
      .at(-1);
    const where = rule.stages.join(" or ");
    if (!latest) {
      out.push({ id: rule.id, passed: false, message: `${rule.id}: no ${rule.test} result (${where})` });
      continue;
    }
    const c = rule.check;
    if (c.kind === "recorded") {
      out.push({ id: rule.id, passed: true, message: `${rule.id}: ${rule.test} recorded (${latest.stage})` });
    } else if (c.kind === "equals") {
      const ok = latest.result === c.value;
      out.push({
        id: rule.id,
        passed: ok,
        message: `${rule.id}: ${rule.test} ${latest.stage} is ${latest.result}${ok ? "" : `, ${c.value} is required`}`,
      });
    } else {
      const v = latest.value ?? Number.NaN;
      const ok = v >= c.value;
      out.push({
        id: rule.id,
        passed: ok,
        message: `${rule.id}: ${rule.test} ${latest.stage} ${show(v, latest.unit)} ${ok ? "meets" : "is below"} the minimum ${show(c.value, latest.unit)}`,
      });
    }
  }
  return out;
}
