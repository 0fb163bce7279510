/**
 * The log-rank test of k groups (R's survival::survdiff with rho = 0): observed and expected events per
 * group, the hypergeometric variance, and the statistic (O − E)' V⁻¹ (O − E) over the first k − 1 groups,
 * chi-square with k − 1 degrees of freedom.
 */
import { chiSquareUpperTail } from "./distributions.js";
import type { Observation } from "./kaplan-meier.js";
import { quadraticForm } from "./linear.js";
import { checkTime, distinctTimes } from "./tally.js";

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
  // Deaths and everyone leaving per distinct time and group (row-major, k per time), then one sweep over
  // the times in order: the risk sets shrink as subjects leave (event or censoring).
  let total = 0;
  for (const g of groups) total += g.length;
  const raw = new Float64Array(total);
  const groupOf = new Uint32Array(total);
  const died = new Uint8Array(total);
  for (let j = 0, i = 0; j < k; j++) {
    for (const o of groups[j] as readonly Observation[]) {
      raw[i] = checkTime(o.time, i);
      groupOf[i] = j;
      died[i] = o.event ? 1 : 0;
      i++;
    }
  }
  const { times, index } = distinctTimes(raw);
  const m = times.length;
  const D = new Float64Array(m * k);
  const L = new Float64Array(m * k);
  for (let i = 0; i < total; i++) {
    const at = (index[i] as number) * k + (groupOf[i] as number);
    if (died[i]) D[at] = (D[at] as number) + 1;
    L[at] = (L[at] as number) + 1;
  }
  const atRisk = groups.map((g) => g.length);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let t = 0; t < m; t++) {
    const o = t * k;
    let n = 0;
    let d = 0;
    for (let j = 0; j < k; j++) {
      n += atRisk[j] as number;
      d += D[o + j] as number;
    }
    if (d > 0) {
      for (let j = 0; j < k; j++) {
        observed[j] = (observed[j] as number) + (D[o + j] as number);
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
    for (let j = 0; j < k; j++) atRisk[j] = (atRisk[j] as number) - (L[o + j] as number);
  }
  const diff = observed.slice(0, k - 1).map((o, j) => o - (expected[j] as number));
  const chisq = quadraticForm(
    diff,
    v.slice(0, k - 1).map((row) => row.slice(0, k - 1)),
  );
  return { chisq, df: k - 1, p: chiSquareUpperTail(chisq, k - 1), observed, expected };
}
