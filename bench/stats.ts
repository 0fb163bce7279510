/**
 * Survival statistics benchmark. Prints a table of figures; never pass/fail.
 * Simulated cohorts (seeded): three groups, exponential event times with two competing causes and uniform
 * censoring, times rounded to whole days so ties occur as in registry data. For each size: Kaplan–Meier of
 * every group, the 3-group log-rank test, cumulative incidence of cause 1 per group and Gray's test.
 * Then the 100,000-subject cohort as a CSV through the `cradle stats` command and through R (stats-vs-r.ts).
 * Run: `npm run bench:stats`.
 */
import { cumulativeIncidence, grayTest } from "../src/stats/cumulative-incidence.js";
import { kaplanMeier } from "../src/stats/kaplan-meier.js";
import { logRank } from "../src/stats/logrank.js";
import { compareWithR } from "./stats-vs-r.js";

function cohort(n: number, seed: number) {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return [0, 1, 2].map((g) =>
    // Group sizes sum to n: 33,334 + 33,333 + 33,333 for 100,000.
    Array.from({ length: Math.floor((n + 2 - g) / 3) }, () => {
      const t1 = -Math.log(rand()) * (400 + 80 * g);
      const t2 = -Math.log(rand()) * 900;
      const c = rand() * 1500;
      const time = Math.ceil(Math.min(t1, t2, c));
      const cause = c <= Math.min(t1, t2) ? 0 : t1 < t2 ? 1 : 2;
      return { time, cause };
    }),
  );
}

function timed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

console.log(
  "\n| subjects | Kaplan–Meier, 3 groups | log-rank | cumulative incidence, 3 groups | Gray's test |",
);
console.log("|---|---|---|---|---|");
for (const n of [1_000, 10_000, 100_000]) {
  const groups = cohort(n, 42 + n);
  const km = groups.map((g) => g.map((o) => ({ time: o.time, event: o.cause > 0 })));
  // A first untimed pass lets the JIT compile; the figures are the median of 5 runs.
  const median = (f: () => unknown) => {
    f();
    const xs = Array.from({ length: 5 }, () => timed(f)).sort((a, b) => a - b);
    return `${(xs[2] as number).toFixed(1)} ms`;
  };
  console.log(
    `| ${n.toLocaleString("en")} | ${median(() => km.map((g) => kaplanMeier(g)))} | ${median(() => logRank(km))} | ${median(() => groups.map((g) => cumulativeIncidence(g, 1)))} | ${median(() => grayTest(groups, 1))} |`,
  );
}

compareWithR(cohort(100_000, 42 + 100_000).flatMap((g, group) => g.map((o) => ({ ...o, group }))));
