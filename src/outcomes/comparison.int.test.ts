/**
 * The report's comparison on a fixture cohort, on SQLite and PostgreSQL: R's `aml` dataset (survival's
 * Maintained vs Nonmaintained, times read as days) enrolled as 23 HIE babies, the two groups treated under
 * protocol versions 1 and 2. The report's curves and log-rank test equal R's (test/fixtures/stats) and the
 * `cradle stats km` command's on the same subjects; a test never runs across populations; a researcher sees
 * research-consented patients only.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { ROOT, cradle } from "../../test/support/cli.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import { createUser } from "../accounts/users.js";
import type { Store } from "../store/connect.js";
import { activateProtocol } from "../therapy/protocol-versions.js";
import { recordConsent } from "./consent.js";
import { recordFollowUp } from "./follow-up.js";
import { outcomesReport, planOutcomes } from "./reports.js";

const DIR = join(ROOT, "test", "fixtures", "stats");
const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
/** The first infusion is at 6.05 h of age (09:03 UTC); deaths count from noon UTC, follow-up forms too. */
const NOON = 12 - 9.05;
// Days are whole from the first infusion (reports.ts), as R counts these integer times.
const OFFSET = 0;
const HIE = "hie-autologous-cord-blood";
const V1 = `${HIE} version 1`;
const V2 = `${HIE} version 2`;

const aml = (
  parse(readFileSync(join(DIR, "aml.csv"), "utf8"), { columns: true }) as Record<string, string>[]
).map((r) => ({ time: Number(r.time), died: r.status === "1", group: String(r.group) }));
const want = JSON.parse(readFileSync(join(DIR, "aml.km-log.json"), "utf8"));
const close = (a: number | null, b: number | null, what: string) => {
  if (b === null) return expect(a, what).toBeNull();
  expect(Math.abs((a as number) - b) / Math.max(1, Math.abs(b)), `${what}: ${a} vs R ${b}`).toBeLessThan(
    1e-9,
  );
};

describe.each(DIALECTS)("the report's comparison on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  const at = c.at(24 * 400);
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await activateProtocol(s, HIE, PASSWORD, c.act(t.physician, 1));
    for (const [i, r] of aml.entries()) {
      const { plan } = await treatedHieBaby(s, t, c, `MRN-AML-${String(i + 1).padStart(2, "0")}`, BIRTH);
      const hours = 6.05 + NOON + 24 * r.time;
      await recordFollowUp(
        s,
        {
          planId: plan.id,
          visit: "month-12",
          form: "vital-status",
          observedAt: c.iso(hours),
          data: r.died
            ? { alive: false, deathDate: c.iso(hours).slice(0, 10), cause: "disease" }
            : { alive: true },
        },
        c.act(t.physician, hours),
      );
      // The first five (all Maintained) give a research consent: the researcher's cohort.
      if (i < 5) {
        await recordConsent(
          s,
          {
            mrn: plan.mrn,
            scope: "research",
            document: "Registry consent",
            documentVersion: "1",
            signedBy: "Ada Okafor",
            relationship: "mother",
            signedAt: c.iso(3),
          },
          PASSWORD,
          c.act(t.coordinator, 3.1),
        );
      }
      // Nonmaintained babies were treated under an amended protocol (version 2), as after an amendment.
      if (r.group === "Nonmaintained") {
        await s.db.updateTable("plan").set({ protocolVersion: 2 }).where("id", "=", plan.id).execute();
      }
    }
  }, 600_000);

  it("curves and the log-rank test of one protocol's versions equal R's survfit and survdiff", async () => {
    const report = await outcomesReport(
      s,
      { user: t.physician, at },
      { protocol: HIE, groupBy: "protocol-version" },
    );
    expect(report.patients).toBe(23);
    expect(Object.keys(report.survival.groups)).toEqual([V1, V2]);
    let k = 0;
    for (const [name, group] of [
      [V1, "Maintained"],
      [V2, "Nonmaintained"],
    ] as const) {
      const steps = report.survival.groups[name] ?? [];
      // The curve ends at the group's last observation: its last row is its longest follow-up.
      const last = Math.max(...aml.filter((r) => r.group === group).map((r) => r.time));
      close((steps[steps.length - 1]?.time ?? 0) - OFFSET, last, `${name} last time`);
      for (const step of steps.filter((x) => x.nEvent > 0)) {
        expect(want.rows.group[k]).toBe(group);
        close(step.time - OFFSET, want.rows.time[k], `${name} time`);
        close(step.nRisk, want.rows.nRisk[k], `${name} nRisk`);
        close(step.nEvent, want.rows.nEvent[k], `${name} nEvent`);
        close(step.survival, want.rows.survival[k], `${name} survival`);
        close(step.stdErr, want.rows.stdErr[k], `${name} stdErr`);
        close(step.lower, want.rows.lower[k], `${name} lower`);
        close(step.upper, want.rows.upper[k], `${name} upper`);
        k++;
      }
      const m = want.medians.find((x: { group: string }) => x.group === group);
      close((report.survival.medians[name]?.estimate ?? 0) - OFFSET, m.median, `${name} median`);
    }
    expect(k).toBe(want.rows.time.length);
    const lr = report.comparison.survival;
    expect(lr.test).toBe("log-rank");
    expect(lr.groups).toEqual([
      { group: V1, subjects: 11, events: 7 },
      { group: V2, subjects: 12, events: 11 },
    ]);
    expect(lr.tooFew).toEqual([]);
    close(lr.result?.stat ?? null, want.logrank.chisq, "log-rank chisq");
    expect(lr.result?.df).toBe(want.logrank.df);
    close(lr.result?.p ?? null, want.logrank.p, "log-rank p");
    // No transplant in this population: engraftment is neither drawn nor tested.
    expect(report.engraftment).toEqual([]);
    expect(report.comparison.engraftment.result).toBeNull();
  }, 60_000);

  it("equals `cradle stats km` on the same subjects", async () => {
    const report = await outcomesReport(
      s,
      { user: t.physician, at },
      { protocol: HIE, groupBy: "protocol-version" },
    );
    const rows = (await planOutcomes(s, at)).map(
      (o) => `${o.survivalDays},${o.died ? 1 : 0},${HIE} version ${o.protocolVersion}`,
    );
    const file = join(mkdtempSync(join(tmpdir(), "cradle-report-")), "cohort.csv");
    writeFileSync(file, `time,status,group\n${rows.join("\n")}\n`);
    const r = await cradle([
      "stats",
      "km",
      "--csv",
      file,
      "--time",
      "time",
      "--status",
      "status",
      "--group",
      "group",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const cli = JSON.parse(r.out);
    for (const name of [V1, V2]) {
      expect(
        (report.survival.groups[name] ?? [])
          .filter((x) => x.nEvent > 0)
          .map(({ nCensor: _n, ...row }) => row),
      ).toEqual(cli.groups[name]);
      expect(report.survival.medians[name]).toEqual(cli.medians[name]);
    }
    expect(report.comparison.survival.result).toEqual({
      stat: cli.logrank.chisq,
      df: cli.logrank.df,
      p: cli.logrank.p,
    });
  }, 120_000);

  it("tests no groups across populations, and lists groups too small to test", async () => {
    const all = await outcomesReport(s, { user: t.physician, at });
    expect(Object.keys(all.survival.groups)).toEqual([HIE]);
    expect(all.comparison.survival.result).toBeNull();
    expect(all.comparison.survival.reason).toMatch(/choose one protocol or one indication/);
    const byDonor = await outcomesReport(
      s,
      { user: t.physician, at },
      { indication: "neonatal-brain-injury", groupBy: "donor-type" },
    );
    expect(byDonor.comparison.survival).toMatchObject({
      groups: [{ group: "autologous", subjects: 23 }],
      result: null,
      reason: "fewer than 2 groups with at least 3 subjects",
    });
    await expectCode(
      outcomesReport(s, { user: t.physician, at }, { protocol: HIE, indication: "neonatal-brain-injury" }),
      "INVALID_INPUT",
    );
    const bad = await expectCode(
      outcomesReport(s, { user: t.physician, at }, { groupBy: "sex" as never }),
      "INVALID_INPUT",
    );
    expect(bad.message).toContain("groupBy");
  }, 60_000);

  it("a researcher sees research-consented patients only, and no identifier", async () => {
    const researcher = await createUser(
      s,
      { username: "rita", printedName: "Rita Research", roles: ["researcher"], password: PASSWORD },
      "system",
      c.at(1),
    );
    const report = await outcomesReport(
      s,
      { user: researcher, at },
      { protocol: HIE, groupBy: "protocol-version" },
    );
    expect(report.comparison.population.cohort).toBe("research-consented");
    expect(report.patients).toBe(5);
    expect(Object.keys(report.survival.groups)).toEqual([V1]);
    expect(report.survival.groups[V1]?.[0]?.nRisk).toBe(5);
    expect(report.comparison.survival).toMatchObject({
      groups: [{ group: V1, subjects: 5, events: 4 }],
      result: null,
    });
    expect(JSON.stringify(report)).not.toMatch(/MRN-AML|Okafor/);
    const clinical = await outcomesReport(s, { user: t.physician, at }, { protocol: HIE });
    expect(JSON.stringify(clinical)).not.toMatch(/MRN-AML|Okafor/);
  }, 60_000);
});
