/**
 * Cradle's survival statistics held to R's: survival::survfit and survdiff, cmprsk::cuminc and timepoints,
 * run on public datasets by scripts/stats-fixtures.R (its output is in test/fixtures/stats). Every number
 * agrees within 1e-6 (absolute, or relative for large statistics).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { cifAt, cumulativeIncidence, grayTest } from "./cumulative-incidence.js";
import { type ConfType, kaplanMeier } from "./kaplan-meier.js";
import { logRank } from "./logrank.js";

const DIR = join(ROOT, "test", "fixtures", "stats");
const TOL = 1e-6;

interface Row {
  time: number;
  status: number;
  group: string;
}
function dataset(name: string): Row[] {
  const records = parse(readFileSync(join(DIR, `${name}.csv`), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
  return records.map((r) => ({ time: Number(r.time), status: Number(r.status), group: String(r.group) }));
}
/** Groups in R's factor order (sorted names). */
function byGroup(rows: Row[]): [string, Row[]][] {
  const names = [...new Set(rows.map((r) => r.group))].sort();
  return names.map((n) => [n, rows.filter((r) => r.group === n)]);
}
function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected) / scale, `${what}: ${actual} vs R ${expected}`).toBeLessThan(
    TOL,
  );
}

const kmFixtures = readdirSync(DIR).filter((f) => f.includes(".km-"));
const cifFixtures = readdirSync(DIR).filter((f) => f.endsWith(".cif.json"));

describe("Kaplan–Meier and log-rank against R's survival", () => {
  it("has fixtures", () => expect(kmFixtures.length).toBeGreaterThanOrEqual(5));
  for (const file of kmFixtures) {
    it(file, () => {
      const want = JSON.parse(readFileSync(join(DIR, file), "utf8"));
      const rows = dataset(want.dataset);
      const groups = byGroup(rows);
      let k = 0;
      for (const [name, members] of groups) {
        const curve = kaplanMeier(
          members.map((r) => ({ time: r.time, event: r.status > 0 })),
          { confType: want.confType as ConfType },
        );
        const events = curve.steps.filter((s) => s.nEvent > 0);
        for (const s of events) {
          const at = `${file} ${name} t=${s.time}`;
          expect(want.rows.group[k], at).toBe(name);
          close(s.time, want.rows.time[k], `${at} time`);
          close(s.nRisk, want.rows.nRisk[k], `${at} nRisk`);
          close(s.nEvent, want.rows.nEvent[k], `${at} nEvent`);
          close(s.survival, want.rows.survival[k], `${at} survival`);
          close(s.stdErr, want.rows.stdErr[k], `${at} stdErr`);
          close(s.lower, want.rows.lower[k], `${at} lower`);
          close(s.upper, want.rows.upper[k], `${at} upper`);
          k++;
        }
        const median = want.medians.find((m: { group: string }) => m.group === name);
        close(curve.median.estimate, median.median, `${file} ${name} median`);
        close(curve.median.lower, median.lower, `${file} ${name} median lower`);
        close(curve.median.upper, median.upper, `${file} ${name} median upper`);
      }
      expect(k).toBe(want.rows.time.length);
      const lr = logRank(groups.map(([, g]) => g.map((r) => ({ time: r.time, event: r.status > 0 }))));
      close(lr.chisq, want.logrank.chisq, `${file} log-rank chisq`);
      expect(lr.df).toBe(want.logrank.df);
      close(lr.p, want.logrank.p, `${file} log-rank p`);
    });
  }
});

describe("cumulative incidence and Gray's test against R's cmprsk", () => {
  it("has fixtures", () => expect(cifFixtures.length).toBeGreaterThanOrEqual(2));
  for (const file of cifFixtures) {
    it(file, () => {
      const want = JSON.parse(readFileSync(join(DIR, file), "utf8"));
      const groups = byGroup(dataset(want.dataset));
      for (const c of want.curves as {
        group: string;
        cause: string;
        time: number[];
        est: number[];
        var: number[];
      }[]) {
        const members = (groups.find(([n]) => n === c.group) as [string, Row[]])[1];
        const curve = cumulativeIncidence(
          members.map((r) => ({ time: r.time, cause: r.status })),
          Number(c.cause),
        );
        // R lists the corners of the step function: 0, then each jump twice (before, after), then the end.
        const jumps = c.time
          .map((t, i) => ({ t, i }))
          .filter(({ i }) => i > 0 && i % 2 === 0 && i < c.time.length - 1);
        expect(curve.points.length - 1, `${file} ${c.group} ${c.cause} jumps`).toBe(jumps.length);
        for (const [j, { t, i }] of jumps.entries()) {
          const p = curve.points[j + 1] as { time: number; estimate: number; variance: number };
          const at = `${file} ${c.group} cause ${c.cause} t=${t}`;
          close(p.time, t, `${at} time`);
          close(p.estimate, c.est[i] as number, `${at} estimate`);
          close(p.variance, c.var[i] as number, `${at} variance`);
        }
        close(curve.lastTime, c.time[c.time.length - 1] as number, `${file} ${c.group} ${c.cause} last time`);
        const tp = (
          want.timepoints as { curve: string; est: (number | null)[]; var: (number | null)[] }[]
        ).find((x) => x.curve === `${c.group} ${c.cause}`);
        for (const [j, t] of (want.at as number[]).entries()) {
          const got = cifAt(curve, t);
          close(got?.estimate ?? null, tp?.est[j] ?? null, `${file} ${c.group} ${c.cause} at ${t} estimate`);
          close(got?.variance ?? null, tp?.var[j] ?? null, `${file} ${c.group} ${c.cause} at ${t} variance`);
        }
      }
      for (const [cause, g] of Object.entries(
        want.gray as Record<string, { stat: number; p: number; df: number }>,
      )) {
        const test = grayTest(
          groups.map(([, m]) => m.map((r) => ({ time: r.time, cause: r.status }))),
          Number(cause),
        );
        close(test.stat, g.stat, `${file} Gray cause ${cause} stat`);
        close(test.p, g.p, `${file} Gray cause ${cause} p`);
        expect(test.df).toBe(g.df);
      }
    });
  }
});
