/**
 * Cumulative incidence with competing risks: the Aalen–Johansen estimate of the probability of failing
 * from one cause by time t, with the variance R's cmprsk::cuminc reports (Gray's delta-method estimator),
 * and Gray's test comparing a cause's cumulative incidence among groups (Gray 1988, Ann Stat 16:1141).
 */
import { chiSquareUpperTail } from "./distributions.js";
import { quadraticForm } from "./linear.js";

export interface CompetingObservation {
  time: number;
  /** 0 for censored, otherwise the cause of failure (1, 2, …). */
  cause: number;
}

export interface CifPoint {
  time: number;
  estimate: number;
  variance: number;
}

export interface CifCurve {
  cause: number;
  /** The curve's start (0, 0, 0) and each time the cause occurred, with the estimate and variance after it. */
  points: CifPoint[];
  /** The last follow-up time: the curve is defined up to here. */
  lastTime: number;
}

function sortByTime<T extends { time: number }>(data: readonly T[]): T[] {
  for (const [i, o] of data.entries()) {
    if (!Number.isFinite(o.time) || o.time < 0) {
      throw new RangeError(`observation ${i + 1}: time ${o.time} must be a number of 0 or more`);
    }
  }
  return [...data].sort((a, b) => a.time - b.time);
}

export function cumulativeIncidence(data: readonly CompetingObservation[], cause: number): CifCurve {
  const sorted = sortByTime(data);
  const points: CifPoint[] = [{ time: 0, estimate: 0, variance: 0 }];
  // s: all-cause Kaplan–Meier just before the current time; f: the cause's incidence so far.
  let s = 1;
  let f = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let atRisk = sorted.length;
  const accumulate = (t3: number, t4: number, t6: number) => {
    v1 += t4 * t4 * t6;
    v2 += t3 * t4 * t6;
    v3 += t3 * t3 * t6;
  };
  for (let i = 0; i < sorted.length; ) {
    const time = (sorted[i] as CompetingObservation).time;
    let mine = 0;
    let other = 0;
    let all = 0;
    while (i < sorted.length && (sorted[i] as CompetingObservation).time === time) {
      const c = (sorted[i] as CompetingObservation).cause;
      if (c === cause) mine++;
      else if (c !== 0) other++;
      all++;
      i++;
    }
    if (mine + other > 0) {
      const sAfter = (s * (atRisk - mine - other)) / atRisk;
      if (mine > 0) f += (s * mine) / atRisk;
      // Tied failures are counted as hypergeometric draws (the (d − 1)/(n − 1) correction).
      const tieFactor = (d: number) => (d > 1 ? 1 - (d - 1) / (atRisk - 1) : 1);
      if (other > 0 && sAfter > 0) {
        accumulate(1 / sAfter, f / sAfter, (s * s * tieFactor(other) * other) / (atRisk * atRisk));
      }
      if (mine > 0) {
        const t3 = sAfter > 0 ? 1 / sAfter : 0;
        accumulate(t3, 1 + t3 * f, (s * s * tieFactor(mine) * mine) / (atRisk * atRisk));
        points.push({ time, estimate: f, variance: v1 + f * f * v3 - 2 * f * v2 });
      }
      s = sAfter;
    }
    atRisk -= all;
  }
  const last = sorted[sorted.length - 1];
  return { cause, points, lastTime: last ? last.time : 0 };
}

/** The curve's estimate and variance at a time: right-continuous; null beyond the last follow-up. */
export function cifAt(curve: CifCurve, time: number): CifPoint | null {
  if (time > curve.lastTime) return null;
  let at = curve.points[0] as CifPoint;
  for (const p of curve.points) {
    if (p.time > time) break;
    at = p;
  }
  return { time, estimate: at.estimate, variance: at.variance };
}

export interface GrayTest {
  stat: number;
  df: number;
  p: number;
}

/**
 * Gray's k-sample test for one cause: a score per group (all but the last) from the difference between
 * the group's subdistribution hazard and the pooled one, weighted by (1 − F(t−))^rho, and its variance;
 * the statistic s' V⁻¹ s is chi-square with k − 1 degrees of freedom.
 */
export function grayTest(
  groups: readonly (readonly CompetingObservation[])[],
  cause: number,
  rho = 0,
): GrayTest {
  const ng = groups.length;
  if (ng < 2) throw new RangeError("Gray's test compares at least 2 groups");
  const data = sortByTime(groups.flatMap((g, j) => g.map((o) => ({ ...o, group: j }))));
  const ng1 = ng - 1;
  const zeros = () => new Array<number>(ng).fill(0);
  const square = () => Array.from({ length: ng }, () => new Array<number>(ng).fill(0));
  const atRisk = zeros();
  for (const o of data) atRisk[o.group] = (atRisk[o.group] as number) + 1;
  const score = new Array<number>(ng1).fill(0);
  const v = Array.from({ length: ng1 }, () => new Array<number>(ng1).fill(0));
  // Per group: left- and right-continuous KM (skmm, skm) and cause incidence (f1m, f1).
  const f1m = zeros();
  const f1 = zeros();
  const skmm = zeros().fill(1);
  const skm = zeros().fill(1);
  const v3 = zeros();
  const v2 = Array.from({ length: ng1 }, () => zeros());
  const c = square();
  let fm = 0;
  let fNow = 0;
  for (let i = 0; i < data.length; ) {
    const time = (data[i] as (typeof data)[number]).time;
    const d1 = zeros();
    const d2 = zeros();
    const leaving = zeros();
    while (i < data.length && (data[i] as (typeof data)[number]).time === time) {
      const o = data[i] as (typeof data)[number];
      if (o.cause === cause) d1[o.group] = (d1[o.group] as number) + 1;
      else if (o.cause !== 0) d2[o.group] = (d2[o.group] as number) + 1;
      leaving[o.group] = (leaving[o.group] as number) + 1;
      i++;
    }
    const nd1 = d1.reduce((a, b) => a + b, 0);
    const nd2 = d2.reduce((a, b) => a + b, 0);
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let g = 0; g < ng; g++) {
        const rs = atRisk[g] as number;
        if (rs <= 0) continue;
        skm[g] = ((skmm[g] as number) * (rs - (d1[g] as number) - (d2[g] as number))) / rs;
        f1[g] = (f1m[g] as number) + ((skmm[g] as number) * (d1[g] as number)) / rs;
        tr += rs / (skmm[g] as number);
        tq += (rs * (1 - (f1m[g] as number))) / (skmm[g] as number);
      }
      fNow = fm + nd1 / tr;
      const fb = (1 - fm) ** rho;
      const a = square();
      for (let g = 0; g < ng; g++) {
        const rs = atRisk[g] as number;
        if (rs <= 0) continue;
        const t1 = rs / (skmm[g] as number);
        (a[g] as number[])[g] = fb * t1 * (1 - t1 / tr);
        (c[g] as number[])[g] =
          ((c[g] as number[])[g] as number) + ((a[g] as number[])[g] as number) * (nd1 / (tr * (1 - fm)));
        for (let h = g + 1; h < ng; h++) {
          if ((atRisk[h] as number) <= 0) continue;
          (a[g] as number[])[h] = (-fb * t1 * (atRisk[h] as number)) / ((skmm[h] as number) * tr);
          (c[g] as number[])[h] =
            ((c[g] as number[])[h] as number) + ((a[g] as number[])[h] as number) * (nd1 / (tr * (1 - fm)));
        }
      }
      for (let g = 1; g < ng; g++) {
        for (let h = 0; h < g; h++) {
          (a[g] as number[])[h] = (a[h] as number[])[g] as number;
          (c[g] as number[])[h] = (c[h] as number[])[g] as number;
        }
      }
      for (let g = 0; g < ng1; g++) {
        const rs = atRisk[g] as number;
        if (rs <= 0) continue;
        score[g] =
          (score[g] as number) +
          fb * ((d1[g] as number) - (nd1 * rs * (1 - (f1m[g] as number))) / ((skmm[g] as number) * tq));
      }
      const addV = (t1: (g: number) => number, t3: number, t4: number, k: number, sign: number) => {
        v3[k] = (v3[k] as number) + t4 * t4 * t3;
        for (let g = 0; g < ng1; g++) {
          const tg = t1(g);
          (v2[g] as number[])[k] = ((v2[g] as number[])[k] as number) + sign * tg * t4 * t3;
          for (let h = 0; h <= g; h++)
            (v[g] as number[])[h] = ((v[g] as number[])[h] as number) + tg * t1(h) * t3;
        }
      };
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          const rs = atRisk[k] as number;
          if (rs <= 0) continue;
          const t4 = (skm[k] as number) > 0 ? 1 - (1 - fNow) / (skm[k] as number) : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * (skmm[k] as number) - 1) : 1;
          const t3 = (t5 * (skmm[k] as number) * nd1) / (tr * rs);
          addV(
            (g) => ((a[g] as number[])[k] as number) - t4 * ((c[g] as number[])[k] as number),
            t3,
            t4,
            k,
            1,
          );
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          const dk = d2[k] as number;
          if ((skm[k] as number) <= 0 || dk <= 0) continue;
          const rs = atRisk[k] as number;
          const t4 = (1 - fNow) / (skm[k] as number);
          const t5 = dk > 1 ? 1 - (dk - 1) / (rs - 1) : 1;
          const t3 = (t5 * (skmm[k] as number) ** 2 * dk) / rs ** 2;
          addV((g) => t4 * ((c[g] as number[])[k] as number), t3, t4, k, -1);
        }
      }
    }
    for (let g = 0; g < ng; g++) atRisk[g] = (atRisk[g] as number) - (leaving[g] as number);
    fm = fNow;
    for (let g = 0; g < ng; g++) {
      f1m[g] = f1[g] as number;
      skmm[g] = skm[g] as number;
    }
  }
  for (let g = 0; g < ng1; g++) {
    for (let h = 0; h <= g; h++) {
      let add = 0;
      for (let k = 0; k < ng; k++) {
        add += ((c[g] as number[])[k] as number) * ((c[h] as number[])[k] as number) * (v3[k] as number);
        add += ((c[g] as number[])[k] as number) * ((v2[h] as number[])[k] as number);
        add += ((c[h] as number[])[k] as number) * ((v2[g] as number[])[k] as number);
      }
      (v[g] as number[])[h] = ((v[g] as number[])[h] as number) + add;
      (v[h] as number[])[g] = (v[g] as number[])[h] as number;
    }
  }
  const stat = quadraticForm(score, v);
  return { stat, df: ng1, p: chiSquareUpperTail(stat, ng1) };
}
