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
  // One sweep over the times in order: the risk sets shrink as subjects leave (event or censoring).
  const all = groups
    .flatMap((g, j) => g.map((o) => ({ time: o.time, event: o.event, group: j })))
    .sort((a, b) => a.time - b.time);
  const atRisk = groups.map((g) => g.length);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < all.length; ) {
    const t = (all[i] as (typeof all)[number]).time;
    const deaths = new Array<number>(k).fill(0);
    const leaving = new Array<number>(k).fill(0);
    while (i < all.length && (all[i] as (typeof all)[number]).time === t) {
      const o = all[i] as (typeof all)[number];
      if (o.event) deaths[o.group] = (deaths[o.group] as number) + 1;
      leaving[o.group] = (leaving[o.group] as number) + 1;
      i++;
    }
    const n = atRisk.reduce((a, b) => a + b, 0);
    const d = deaths.reduce((a, b) => a + b, 0);
    if (d > 0) {
      for (let j = 0; j < k; j++) {
        observed[j] = (observed[j] as number) + (deaths[j] as number);
        expected[j] = (expected[j] as number) + (d * (atRisk[j] as number)) / n;
      }
      if (n > 1) {
        const factor = (d * (n - d)) / (n * n * (n - 1));
        for (let a = 0; a < k; a++) {
          const row = v[a] as number[];
          const na = atRisk[a] as number;
          for (let b = 0; b < k; b++) {
            row[b] = (row[b] as number) + factor * (a === b ? na * (n - na) : -na * (atRisk[b] as number));
          }
        }
      }
    }
    for (let j = 0; j < k; j++) atRisk[j] = (atRisk[j] as number) - (leaving[j] as number);
  }
  const diff = observed.slice(0, k - 1).map((o, j) => o - (expected[j] as number));
  const chisq = quadraticForm(
    diff,
    v.slice(0, k - 1).map((row) => row.slice(0, k - 1)),
  );
  return { chisq, df: k - 1, p: chiSquareUpperTail(chisq, k - 1), observed, expected };
}
