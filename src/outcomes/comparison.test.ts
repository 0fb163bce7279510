/**
 * The comparison's tests against R: survival's `aml` log-rank (survdiff) and cmprsk's `sim3` Gray's test
 * (cuminc), each with an extra group of 2 subjects that must be listed as too few and left out, so the
 * statistic is R's on the real groups; and no test at all without one population.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { type GroupedOutcome, testGroups } from "./comparison.js";

const DIR = join(ROOT, "test", "fixtures", "stats");
const rows = (name: string) =>
  (parse(readFileSync(join(DIR, `${name}.csv`), "utf8"), { columns: true }) as Record<string, string>[]).map(
    (r) => ({ time: Number(r.time), status: Number(r.status), group: String(r.group) }),
  );
const fixture = (name: string) => JSON.parse(readFileSync(join(DIR, name), "utf8"));
const subject = (time: number, status: number, group: string): GroupedOutcome => ({
  protocolId: "allogeneic-cord-blood-transplant",
  protocolVersion: 1,
  survivalDays: time,
  died: status > 0,
  engraftmentStatus: status,
  engraftmentTime: time,
  group,
});
const close = (a: number | undefined, b: number) =>
  expect(Math.abs((a as number) - b) / Math.max(1, b)).toBeLessThan(1e-9);
const ONE = { protocol: "allogeneic-cord-blood-transplant" } as const;

describe("the comparison's tests", () => {
  it("log-rank of the groups large enough equals R's survdiff; the small group is listed, not tested", () => {
    const want = fixture("aml.km-log.json").logrank;
    const cohort = [
      ...rows("aml").map((r) => subject(r.time, r.status, r.group)),
      subject(5, 1, "Tiny"),
      subject(9, 0, "Tiny"),
    ];
    const t = testGroups(cohort, ONE, "survival");
    expect(t.groups).toEqual([
      { group: "Maintained", subjects: 11, events: 7 },
      { group: "Nonmaintained", subjects: 12, events: 11 },
    ]);
    expect(t.tooFew).toEqual([{ group: "Tiny", subjects: 2, events: 1 }]);
    close(t.result?.stat, want.chisq);
    close(t.result?.p, want.p);
    expect(t.result?.df).toBe(want.df);
    expect(t.reason).toBeNull();
  });

  it("Gray's test of engraftment (cause 1) equals R's cuminc on sim3, with the small group left out", () => {
    const want = fixture("sim3.cif.json").gray["1"];
    const cohort = [
      ...rows("sim3").map((r) => subject(r.time, r.status, r.group)),
      subject(3, 1, "z"),
      subject(4, 2, "z"),
    ];
    const t = testGroups(cohort, ONE, "engraftment");
    expect(t.test).toBe("gray");
    expect(t.groups.map((g) => [g.group, g.subjects])).toEqual([
      ["a", 32],
      ["b", 32],
      ["c", 36],
    ]);
    expect(t.tooFew.map((g) => g.group)).toEqual(["z"]);
    close(t.result?.stat, want.stat);
    close(t.result?.p, want.p);
    expect(t.result?.df).toBe(want.df);
  });

  it("tests nothing without one population, nor fewer than 2 groups large enough, nor groups without events", () => {
    const cohort = rows("aml").map((r) => subject(r.time, r.status, r.group));
    expect(testGroups(cohort, {}, "survival")).toMatchObject({
      result: null,
      reason: "no test across populations: choose one protocol or one indication",
    });
    const one = testGroups(
      cohort.filter((o) => o.group === "Maintained"),
      ONE,
      "survival",
    );
    expect(one).toMatchObject({ result: null, reason: "fewer than 2 groups with at least 3 subjects" });
    const censored = cohort.map((o) => ({ ...o, died: false }));
    expect(testGroups(censored, ONE, "survival")).toMatchObject({
      result: null,
      reason: "no deaths in the groups tested",
    });
  });
});
