/** The quadratic form s' V⁻¹ s of a test statistic, by Gaussian elimination with partial pivoting. */
export function quadraticForm(s: readonly number[], v: readonly (readonly number[])[]): number {
  const n = s.length;
  const a = v.map((row, i) => [...row.slice(0, n), s[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number))
        pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = (a[col] as number[])[col] as number;
    if (Math.abs(p) < 1e-300) throw new RangeError("the variance matrix is singular");
    for (let r = col + 1; r < n; r++) {
      const row = a[r] as number[];
      const f = (row[col] as number) / p;
      for (let k = col; k <= n; k++) row[k] = (row[k] as number) - f * ((a[col] as number[])[k] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let sum = row[n] as number;
    for (let k = r + 1; k < n; k++) sum -= (row[k] as number) * (x[k] as number);
    x[r] = sum / (row[r] as number);
  }
  return s.reduce((acc, si, i) => acc + si * (x[i] as number), 0);
}
