/**
 * Cumulative incidence with competing risks: the Aalen–Johansen estimate of the probability of failing
 * from one cause by time t, with the variance R's cmprsk::cuminc reports (Gray's delta-method estimator),
 * and Gray's test comparing a cause's cumulative incidence among groups (Gray 1988, Ann Stat 16:1141).
 */
import { chiSquareUpperTail } from "./distributions.js";
import { quadraticForm } from "./linear.js";
import { checkTime, distinctTimes } from "./tally.js";

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

export function cumulativeIncidence(data: readonly CompetingObservation[], cause: number): CifCurve {
  const n = data.length;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = checkTime((data[i] as CompetingObservation).time, i);
  const { times, index } = distinctTimes(raw);
  const m = times.length;
  // Per distinct time: failures of this cause, of the others, and everyone leaving the risk set.
  const mine = new Float64Array(m);
  const other = new Float64Array(m);
  const leaving = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const k = index[i] as number;
    const c = (data[i] as CompetingObservation).cause;
    if (c === cause) mine[k] = (mine[k] as number) + 1;
    else if (c !== 0) other[k] = (other[k] as number) + 1;
    leaving[k] = (leaving[k] as number) + 1;
  }
  const points: CifPoint[] = [{ time: 0, estimate: 0, variance: 0 }];
  // s: all-cause Kaplan–Meier just before the current time; f: the cause's incidence so far.
  let s = 1;
  let f = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let atRisk = n;
  const accumulate = (t3: number, t4: number, t6: number) => {
    v1 += t4 * t4 * t6;
    v2 += t3 * t4 * t6;
    v3 += t3 * t3 * t6;
  };
  // Tied failures are counted as hypergeometric draws (the (d − 1)/(n − 1) correction).
  const tieFactor = (d: number) => (d > 1 ? 1 - (d - 1) / (atRisk - 1) : 1);
  for (let k = 0; k < m; k++) {
    const d1 = mine[k] as number;
    const d2 = other[k] as number;
    if (d1 + d2 > 0) {
      const sAfter = (s * (atRisk - d1 - d2)) / atRisk;
      if (d1 > 0) f += (s * d1) / atRisk;
      if (d2 > 0 && sAfter > 0) {
        accumulate(1 / sAfter, f / sAfter, (s * s * tieFactor(d2) * d2) / (atRisk * atRisk));
      }
      if (d1 > 0) {
        const t3 = sAfter > 0 ? 1 / sAfter : 0;
        accumulate(t3, 1 + t3 * f, (s * s * tieFactor(d1) * d1) / (atRisk * atRisk));
        points.push({ time: times[k] as number, estimate: f, variance: v1 + f * f * v3 - 2 * f * v2 });
      }
      s = sAfter;
    }
    atRisk -= leaving[k] as number;
  }
  return { cause, points, lastTime: m > 0 ? (times[m - 1] as number) : 0 };
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
  const ng1 = ng - 1;
  let n = 0;
  for (const g of groups) n += g.length;
  const raw = new Float64Array(n);
  const groupOf = new Uint32Array(n);
  const causeOf = new Float64Array(n);
  for (let j = 0, i = 0; j < ng; j++) {
    for (const o of groups[j] as readonly CompetingObservation[]) {
      raw[i] = checkTime(o.time, i);
      groupOf[i] = j;
      causeOf[i] = o.cause;
      i++;
    }
  }
  const { times, index } = distinctTimes(raw);
  const mt = times.length;
  // Per distinct time and group (row-major, ng per time): this cause's failures, others', all leaving.
  const D1 = new Float64Array(mt * ng);
  const D2 = new Float64Array(mt * ng);
  const L = new Float64Array(mt * ng);
  for (let i = 0; i < n; i++) {
    const k = (index[i] as number) * ng + (groupOf[i] as number);
    const c = causeOf[i] as number;
    if (c === cause) D1[k] = (D1[k] as number) + 1;
    else if (c !== 0) D2[k] = (D2[k] as number) + 1;
    L[k] = (L[k] as number) + 1;
  }
  const atRisk = new Float64Array(ng);
  for (let j = 0; j < ng; j++) atRisk[j] = (groups[j] as readonly CompetingObservation[]).length;
  const score = new Float64Array(ng1);
  const v = new Float64Array(ng1 * ng1);
  // Per group: left- and right-continuous KM (skmm, skm) and cause incidence (f1m, f1).
  const f1m = new Float64Array(ng);
  const f1 = new Float64Array(ng);
  const skmm = new Float64Array(ng).fill(1);
  const skm = new Float64Array(ng).fill(1);
  const v3 = new Float64Array(ng);
  const v2 = new Float64Array(ng1 * ng);
  const c = new Float64Array(ng * ng);
  const a = new Float64Array(ng * ng);
  const t1 = new Float64Array(ng1);
  let fm = 0;
  let fNow = 0;
  // One variance term for group k: t1 holds each score's coefficient, t3 the weight, t4 the F term.
  const addV = (t3: number, t4: number, k: number, sign: number) => {
    v3[k] = (v3[k] as number) + t4 * t4 * t3;
    for (let g = 0; g < ng1; g++) {
      const tg = t1[g] as number;
      v2[g * ng + k] = (v2[g * ng + k] as number) + sign * tg * t4 * t3;
      for (let h = 0; h <= g; h++) v[g * ng1 + h] = (v[g * ng1 + h] as number) + tg * (t1[h] as number) * t3;
    }
  };
  for (let t = 0; t < mt; t++) {
    const o = t * ng;
    let nd1 = 0;
    let nd2 = 0;
    for (let g = 0; g < ng; g++) {
      nd1 += D1[o + g] as number;
      nd2 += D2[o + g] as number;
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let g = 0; g < ng; g++) {
        const rs = atRisk[g] as number;
        if (rs <= 0) continue;
        skm[g] = ((skmm[g] as number) * (rs - (D1[o + g] as number) - (D2[o + g] as number))) / rs;
        f1[g] = (f1m[g] as number) + ((skmm[g] as number) * (D1[o + g] as number)) / rs;
        tr += rs / (skmm[g] as number);
        tq += (rs * (1 - (f1m[g] as number))) / (skmm[g] as number);
      }
      fNow = fm + nd1 / tr;
      const fb = (1 - fm) ** rho;
      a.fill(0);
      for (let g = 0; g < ng; g++) {
        const rs = atRisk[g] as number;
        if (rs <= 0) continue;
        const tg = rs / (skmm[g] as number);
        a[g * ng + g] = fb * tg * (1 - tg / tr);
        c[g * ng + g] = (c[g * ng + g] as number) + (a[g * ng + g] as number) * (nd1 / (tr * (1 - fm)));
        for (let h = g + 1; h < ng; h++) {
          if ((atRisk[h] as number) <= 0) continue;
          a[g * ng + h] = (-fb * tg * (atRisk[h] as number)) / ((skmm[h] as number) * tr);
          c[g * ng + h] = (c[g * ng + h] as number) + (a[g * ng + h] as number) * (nd1 / (tr * (1 - fm)));
        }
      }
      for (let g = 1; g < ng; g++) {
        for (let h = 0; h < g; h++) {
          a[g * ng + h] = a[h * ng + g] as number;
          c[g * ng + h] = c[h * ng + g] as number;
        }
      }
      for (let g = 0; g < ng1; g++) {
        const rs = atRisk[g] as number;
        if (rs <= 0) continue;
        score[g] =
          (score[g] as number) +
          fb * ((D1[o + g] as number) - (nd1 * rs * (1 - (f1m[g] as number))) / ((skmm[g] as number) * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          const rs = atRisk[k] as number;
          if (rs <= 0) continue;
          const t4 = (skm[k] as number) > 0 ? 1 - (1 - fNow) / (skm[k] as number) : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * (skmm[k] as number) - 1) : 1;
          const t3 = (t5 * (skmm[k] as number) * nd1) / (tr * rs);
          for (let g = 0; g < ng1; g++) t1[g] = (a[g * ng + k] as number) - t4 * (c[g * ng + k] as number);
          addV(t3, t4, k, 1);
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          const dk = D2[o + k] as number;
          if ((skm[k] as number) <= 0 || dk <= 0) continue;
          const rs = atRisk[k] as number;
          const t4 = (1 - fNow) / (skm[k] as number);
          const t5 = dk > 1 ? 1 - (dk - 1) / (rs - 1) : 1;
          const t3 = (t5 * (skmm[k] as number) ** 2 * dk) / rs ** 2;
          for (let g = 0; g < ng1; g++) t1[g] = t4 * (c[g * ng + k] as number);
          addV(t3, t4, k, -1);
        }
      }
    }
    for (let g = 0; g < ng; g++) atRisk[g] = (atRisk[g] as number) - (L[o + g] as number);
    fm = fNow;
    f1m.set(f1);
    skmm.set(skm);
  }
  const vm: number[][] = Array.from({ length: ng1 }, () => new Array<number>(ng1).fill(0));
  for (let g = 0; g < ng1; g++) {
    for (let h = 0; h <= g; h++) {
      let add = 0;
      for (let k = 0; k < ng; k++) {
        add += (c[g * ng + k] as number) * (c[h * ng + k] as number) * (v3[k] as number);
        add += (c[g * ng + k] as number) * (v2[h * ng + k] as number);
        add += (c[h * ng + k] as number) * (v2[g * ng + k] as number);
      }
      const total = (v[g * ng1 + h] as number) + add;
      (vm[g] as number[])[h] = total;
      (vm[h] as number[])[g] = total;
    }
  }
  const stat = quadraticForm([...score], vm);
  return { stat, df: ng1, p: chiSquareUpperTail(stat, ng1) };
}
