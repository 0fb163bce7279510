/**
 * The one pass every estimator here starts with: the distinct times in increasing order and counts per
 * distinct time (and group, and kind of event) in typed arrays. A native numeric sort of the times and a
 * binary search per observation replace sorting objects with a comparator, which dominated the run time.
 */

/** The distinct values of `times` in increasing order, and for each observation the index of its time. */
export function distinctTimes(times: Float64Array): { times: Float64Array; index: Uint32Array } {
  const sorted = Float64Array.from(times).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || (sorted[i] as number) !== (sorted[m - 1] as number)) sorted[m++] = sorted[i] as number;
  }
  const distinct = sorted.slice(0, m);
  const index = new Uint32Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((distinct[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    index[i] = lo;
  }
  return { times: distinct, index };
}

/** Refuses a time that is not a finite number of 0 or more, naming the observation (1-based). */
export function checkTime(time: number, i: number): number {
  if (!Number.isFinite(time) || time < 0) {
    throw new RangeError(`observation ${i + 1}: time ${time} must be a number of 0 or more`);
  }
  return time;
}
