/**
 * The log-rank test of k groups (R's survival::survdiff with rho = 0): observed and expected events per
 * group, the hypergeometric variance, and the statistic (O − E)' V⁻¹ (O − E) over the first k − 1 groups,
 * chi-square with k − 1 degrees of freedom.
 */
import { chiSquareUpperTail } from "./distributions.js";
import type { Observation } from "./kaplan-meier.js";
import { quadraticForm } from "./linear.js";

export interface LogRank {
  chisq: number;
  df: number;
  p: number;
  observed: number[];
  expected: number[];
}

export function logRank(groups: readonly (readonly Observation[])[]): LogRank {
  const k = groups.length;
  if (k < 2) throw new RangeError("the log-rank test compares at least 2 groups");
  const all = groups.flatMap((g, j) => g.map((o) => ({ ...o, group: j })));
  const times = [...new Set(all.filter((o) => o.event).map((o) => o.time))].sort((a, b) => a - b);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const t of times) {
    const atRisk = groups.map((g) => g.filter((o) => o.time >= t).length);
    const deaths = groups.map((g) => g.filter((o) => o.event && o.time === t).length);
    const n = atRisk.reduce((a, b) => a + b, 0);
    const d = deaths.reduce((a, b) => a + b, 0);
    for (let j = 0; j < k; j++) {
      observed[j] = (observed[j] as number) + (deaths[j] as number);
      expected[j] = (expected[j] as number) + (d * (atRisk[j] as number)) / n;
    }
    if (n < 2) continue;
    const factor = (d * (n - d)) / (n * n * (n - 1));
    for (let i = 0; i < k; i++) {
      const row = v[i] as number[];
      for (let j = 0; j < k; j++) {
        const ni = atRisk[i] as number;
        row[j] = (row[j] as number) + factor * (i === j ? ni * (n - ni) : -ni * (atRisk[j] as number));
      }
    }
  }
  const diff = observed.slice(0, k - 1).map((o, j) => o - (expected[j] as number));
  const chisq = quadraticForm(
    diff,
    v.slice(0, k - 1).map((row) => row.slice(0, k - 1)),
  );
  return { chisq, df: k - 1, p: chiSquareUpperTail(chisq, k - 1), observed, expected };
}
