/**
 * Kaplan–Meier survival with Greenwood's variance, as R's survival::survfit computes it: the estimate at
 * every distinct time, the standard error of the survival estimate, pointwise confidence intervals on the
 * log or log-log scale, and the median with its interval read off the curve and its bounds (R's
 * quantile.survfit rules, including the midpoint when the curve sits exactly at one half).
 */
import { normalQuantile } from "./distributions.js";
import { distinctTimes } from "./tally.js";

export type ConfType = "log" | "log-log";

export interface Observation {
  time: number;
  /** True for an event, false for censored. */
  event: boolean;
}

export interface KmStep {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  /** Standard error of the survival estimate (S × √Greenwood); null where S is 0. */
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KmCurve {
  /** Every distinct time, event or censoring, as survfit lists them. */
  steps: KmStep[];
  median: { estimate: number | null; lower: number | null; upper: number | null };
}

export interface KmOptions {
  confType?: ConfType;
  /** 0.95 unless given. */
  confLevel?: number;
}

function checkObservations(data: readonly Observation[]): void {
  for (const [i, o] of data.entries()) {
    if (!Number.isFinite(o.time) || o.time < 0) {
      throw new RangeError(`observation ${i + 1}: time ${o.time} must be a number of 0 or more`);
    }
  }
}

/** Pointwise interval for S with se the standard error of log S (survival's survfit_confint). */
export function confidenceInterval(
  s: number,
  seLog: number,
  confType: ConfType,
  z: number,
): { lower: number | null; upper: number | null } {
  if (confType === "log") {
    if (s === 0 || !Number.isFinite(seLog)) return { lower: null, upper: null };
    return {
      lower: Math.exp(Math.log(s) - z * seLog),
      upper: Math.min(1, Math.exp(Math.log(s) + z * seLog)),
    };
  }
  if (s === 0 || s === 1 || !Number.isFinite(seLog)) return { lower: null, upper: null };
  const ll = Math.log(-Math.log(s));
  const w = (z * seLog) / Math.log(s);
  return { lower: Math.exp(-Math.exp(ll - w)), upper: Math.exp(-Math.exp(ll + w)) };
}

export function kaplanMeier(data: readonly Observation[], o: KmOptions = {}): KmCurve {
  checkObservations(data);
  const confType = o.confType ?? "log";
  const z = normalQuantile(1 - (1 - (o.confLevel ?? 0.95)) / 2);
  const n = data.length;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = (data[i] as Observation).time;
  const { times, index } = distinctTimes(raw);
  const m = times.length;
  const eventsAt = new Float64Array(m);
  const censoredAt = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const k = index[i] as number;
    if ((data[i] as Observation).event) eventsAt[k] = (eventsAt[k] as number) + 1;
    else censoredAt[k] = (censoredAt[k] as number) + 1;
  }
  const steps: KmStep[] = new Array(m);
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  for (let k = 0; k < m; k++) {
    const events = eventsAt[k] as number;
    const censored = censoredAt[k] as number;
    if (events > 0) {
      s *= (atRisk - events) / atRisk;
      greenwood += atRisk === events ? Number.POSITIVE_INFINITY : events / (atRisk * (atRisk - events));
    }
    const seLog = Math.sqrt(greenwood);
    const ci = confidenceInterval(s, seLog, confType, z);
    steps[k] = {
      time: times[k] as number,
      nRisk: atRisk,
      nEvent: events,
      nCensor: censored,
      survival: s,
      stdErr: s === 0 || !Number.isFinite(seLog) ? null : s * seLog,
      lower: ci.lower,
      upper: ci.upper,
    };
    atRisk -= events + censored;
  }
  return { steps, median: medianOf(steps) };
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * The p-th quantile of a curve given as cumulative failure F = 1 − S at times x (x[0] = 0, F = 0): the
 * first time F exceeds p, or, where F equals p over an interval, that interval's midpoint (R's findq).
 * Values of F may be null (a bound undefined at S = 0); they are skipped, as R's approx drops them.
 */
export function quantileTime(x: readonly number[], f: readonly (number | null)[], p: number): number | null {
  const known = f.filter((v): v is number => v !== null);
  if (known.length === 0 || Math.max(...known) < p) return null;
  const xmax = x[x.length - 1] as number;
  // Keep the first time of each distinct value (duplicated() in R: nulls are one value too).
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  const seen = new Set<number | null>();
  for (const [i, v] of f.entries()) {
    if (seen.has(v)) continue;
    seen.add(v);
    xs.push(x[i] as number);
    ys.push(v);
  }
  const index = (shift: number): number | null => {
    // approx(y + shift, 1:n, p, "constant", f = 1) over the known values.
    const pts = ys.flatMap((v, i) => (v === null ? [] : [{ at: v + shift, i }]));
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (!first || !last || p < first.at || p > last.at) return null;
    for (let k = 0; k < pts.length; k++) {
      const pt = pts[k] as { at: number; i: number };
      if (pt.at === p) return pt.i;
      const next = pts[k + 1];
      if (next && pt.at < p && p < next.at) return next.i;
    }
    return null;
  };
  const i1 = index(TOLERANCE);
  const i2 = index(-TOLERANCE);
  let q = i1 !== null && i2 !== null ? ((xs[i1] as number) + (xs[i2] as number)) / 2 : null;
  const lastY = ys[ys.length - 1];
  if (lastY !== null && lastY !== undefined && Math.abs(p - lastY) < TOLERANCE && i1 !== null) {
    q = ((xs[i1] as number) + xmax) / 2;
  }
  return q;
}

function medianOf(steps: readonly KmStep[]): KmCurve["median"] {
  const x = [0, ...steps.map((s) => s.time)];
  const f = (v: (s: KmStep) => number | null) => [
    0,
    ...steps.map((s) => (v(s) === null ? null : 1 - (v(s) as number))),
  ];
  return {
    estimate: quantileTime(
      x,
      f((s) => s.survival),
      0.5,
    ),
    // The lower curve crosses one half first: it gives the median's lower limit.
    lower: quantileTime(
      x,
      f((s) => s.lower),
      0.5,
    ),
    upper: quantileTime(
      x,
      f((s) => s.upper),
      0.5,
    ),
  };
}
