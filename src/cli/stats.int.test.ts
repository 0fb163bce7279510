/**
 * The CLI contract of issue 7: `cradle stats km` and `cradle stats cif` print R's numbers (from
 * test/fixtures/stats, written by scripts/stats-fixtures.R) in the documented JSON, and refuse a bad CSV
 * naming the line, column and value.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, cradle } from "../../test/support/cli.js";

const DIR = join(ROOT, "test", "fixtures", "stats");
const fixture = (name: string) => JSON.parse(readFileSync(join(DIR, name), "utf8"));

describe("cradle stats", () => {
  it("km: one row per event time per group as summary(survfit) lists them, and the log-rank test", async () => {
    const r = await cradle([
      "stats",
      "km",
      "--csv",
      join(DIR, "aml.csv"),
      "--time",
      "time",
      "--status",
      "status",
      "--group",
      "group",
      "--conf-type",
      "log-log",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    const want = fixture("aml.km-log-log.json");
    const rows = [...out.groups.Maintained, ...out.groups.Nonmaintained];
    expect(rows.map((x: { time: number }) => x.time)).toEqual(want.rows.time);
    rows.forEach(
      (
        x: { survival: number; stdErr: number | null; lower: number | null; upper: number | null },
        i: number,
      ) => {
        expect(x.survival).toBeCloseTo(want.rows.survival[i], 6);
        if (want.rows.lower[i] === null) expect(x.lower).toBeNull();
        else expect(x.lower).toBeCloseTo(want.rows.lower[i], 6);
        if (want.rows.upper[i] === null) expect(x.upper).toBeNull();
        else expect(x.upper).toBeCloseTo(want.rows.upper[i], 6);
      },
    );
    expect(Object.keys(rows[0]).sort()).toEqual([
      "lower",
      "nEvent",
      "nRisk",
      "stdErr",
      "survival",
      "time",
      "upper",
    ]);
    expect(out.logrank.df).toBe(1);
    expect(out.logrank.chisq).toBeCloseTo(want.logrank.chisq, 6);
    expect(out.logrank.p).toBeCloseTo(want.logrank.p, 6);
  });

  it("cif: estimates and variances at the asked times, and Gray's test per cause", async () => {
    const r = await cradle([
      "stats",
      "cif",
      "--csv",
      join(DIR, "mgus2.csv"),
      "--time",
      "time",
      "--status",
      "status",
      "--group",
      "group",
      "--at",
      "12,60,120,240",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    const want = fixture("mgus2.cif.json");
    expect(out.curves.map((c: { group: string; cause: string }) => `${c.group} ${c.cause}`)).toEqual(
      want.timepoints.map((t: { curve: string }) => t.curve),
    );
    for (const c of out.curves as {
      group: string;
      cause: string;
      points: { time: number; estimate: number; variance: number }[];
    }[]) {
      const tp = want.timepoints.find((t: { curve: string }) => t.curve === `${c.group} ${c.cause}`);
      c.points.forEach((p, i) => {
        expect(p.time).toBe(want.at[i]);
        expect(p.estimate).toBeCloseTo(tp.est[i], 6);
        expect(p.variance).toBeCloseTo(tp.var[i], 9);
      });
    }
    for (const cause of ["1", "2"]) {
      expect(out.gray[cause].stat).toBeCloseTo(want.gray[cause].stat, 6);
      expect(out.gray[cause].p).toBeCloseTo(want.gray[cause].p, 6);
      expect(out.gray[cause].df).toBe(1);
    }
  });

  it("refuses a bad row naming its line, column and value, and a missing column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cradle-stats-"));
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "days,outcome\n10,1\n12,censored\n");
    const r = await cradle(["stats", "km", "--csv", bad, "--time", "days", "--status", "outcome", "--json"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 3: outcome "censored" is not 0 (censored) or an event cause');
    const missing = await cradle(["stats", "cif", "--csv", bad, "--time", "time", "--status", "outcome"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--time "time" is not a column');
    const negative = join(dir, "neg.csv");
    writeFileSync(negative, "t,s\n-3,1\n");
    const n = await cradle(["stats", "km", "--csv", negative, "--time", "t", "--status", "s"]);
    expect(n.err).toContain('line 2: t "-3" is not a time of 0 or more');
  });
});
