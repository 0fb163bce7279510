/**
 * Grade 5 means death, on SQLite and PostgreSQL: a fatal adverse event records the patient's one death,
 * which the report's Kaplan–Meier curve, the plan outcomes (the curve's input) and the research export
 * all read; a vital-status form does the same; a second death with another date is refused naming the
 * first, a correction needs a physician and a reason. Migration 0015 keeps free-text terms as "not coded"
 * and moves existing deaths into the record.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import type { Store } from "../store/connect.js";
import * as m0015 from "../store/migrations/0015-ae-coding-deaths.js";
import { activateProtocol } from "../therapy/index.js";
import type { CtcaeDictionary } from "./ctcae-dictionary.js";
import {
  adverseEventsOf,
  correctDeath,
  deathOf,
  deathsOf,
  exportCsv,
  outcomesReport,
  planOutcomes,
  recordAdverseEvent,
  recordConsent,
  recordFollowUp,
  reportCsv,
  researchExport,
  vitalStatusOf,
} from "./index.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const KEY = "a program key of more than sixteen characters";
const DAY = 24;

describe.each(DIALECTS)("a patient's death on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  let ctcae: CtcaeDictionary;
  beforeAll(async () => {
    s = store();
    ctcae = await testCtcae();
    t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
  });

  const researchConsent = (mrn: string) =>
    recordConsent(
      s,
      {
        mrn,
        scope: "research",
        document: "HIE registry consent",
        documentVersion: "3.1",
        signedBy: "Ada Okafor",
        relationship: "mother",
        signedAt: c.iso(2),
      },
      PASSWORD,
      c.act(t.coordinator, 2.1),
    );

  it("a grade 5 event records the death that the report, the curve's input and the export read", async () => {
    const a = await treatedHieBaby(s, t, c, "MRN-5001", BIRTH);
    const b = await treatedHieBaby(s, t, c, "MRN-5002", BIRTH, "G1235");
    await researchConsent(a.patient.mrn);
    await researchConsent(b.patient.mrn);
    await recordFollowUp(
      s,
      {
        planId: b.plan.id,
        visit: "month-12",
        form: "vital-status",
        observedAt: c.iso(DAY * 40),
        data: { alive: true },
      },
      c.act(t.physician, DAY * 40),
    );
    const fatal = {
      mrn: a.patient.mrn,
      planId: a.plan.id,
      term: "Sepsis",
      grade: 5,
      serious: true,
      attribution: "possible" as const,
      expected: false,
      onsetAt: c.iso(DAY * 20),
      deathDate: "2026-02-01",
      description: "",
    };
    const ae = await recordAdverseEvent(s, fatal, c.act(t.physician, DAY * 23), ctcae);
    expect(ae).toMatchObject({ term: "Sepsis", soc: "Infections and infestations", expedited: true });
    expect(await deathOf(s.db, a.patient.mrn)).toMatchObject({
      diedOn: "2026-02-01",
      cause: "Sepsis",
      source: "adverse-event",
      sourceId: ae.id,
      recordedBy: t.physician.username,
    });
    expect(vitalStatusOf(await deathsOf(s.db), a.patient.mrn)).toEqual({
      dead: true,
      diedOn: "2026-02-01",
      cause: "Sepsis",
    });
    expect(vitalStatusOf(await deathsOf(s.db), b.patient.mrn)).toEqual({ dead: false });

    // The curve's input: A died (an event), B is censored at the last follow-up.
    const outcomes = await planOutcomes(s, c.at(DAY * 50));
    const byMrn = new Map(outcomes.map((o) => [o.mrn, o]));
    expect(byMrn.get(a.patient.mrn)?.died).toBe(true);
    expect(byMrn.get(b.patient.mrn)?.died).toBe(false);
    // The report: one death among two at risk, survival 1/2.
    const report = await outcomesReport(s, { user: t.qm, at: c.at(DAY * 50) });
    const steps = report.survival.groups["hie-autologous-cord-blood"] ?? [];
    const step = steps.find((x) => x.nEvent > 0);
    expect(step).toMatchObject({ nRisk: 2, nEvent: 1 });
    expect(step?.survival).toBeCloseTo(0.5, 12);
    expect(report.adverseEvents).toEqual([{ term: "Sepsis", grades: [0, 0, 0, 0, 1], serious: 1 }]);
    // The export: died, in the JSON and the CSV.
    const researcher = { ...t.coordinator, username: "rae", roles: ["researcher" as const] };
    const out = await researchExport(s, KEY, { user: researcher, at: c.at(DAY * 50) });
    expect(out.records.map((r) => r.died).sort()).toEqual([false, true]);
    // Whole days from the first infusion (hour 6.05): A died 2026-02-01 (counted at noon UTC), 22 days
    // and 3 hours later; B is censored at the day-40 form, 39 days and 18 hours after it.
    expect(out.records.map((r) => r.survivalDays).sort((x, y) => x - y)).toEqual([22, 39]);
    const table = reportCsv(report, "survival").trim().split("\n");
    expect(table[0]).toBe("group,time_days,n_risk,n_event,n_censor,survival,std_err,lower,upper");
    for (const line of table.slice(1))
      for (const value of line.split(",").slice(1)) expect(value).toMatch(/^(\d+(\.\d{1,4})?)?$/);
    expect(table.slice(1).map((l) => l.split(",").slice(1, 6).join(","))).toEqual([
      "22,2,1,0,0.5",
      "39,1,0,1,0.5",
    ]);
    const csv = exportCsv(out.records).trim().split("\n");
    const died = (csv[0] ?? "").split(",").indexOf("died");
    expect(
      csv
        .slice(1)
        .map((l) => l.split(",")[died])
        .sort(),
    ).toEqual(["0", "1"]);
  });

  it("one death per patient: the same date confirms, another is refused naming the first", async () => {
    const mrn = "MRN-5001";
    const planId = (await planOutcomes(s, c.at(DAY * 50))).find((o) => o.mrn === mrn)?.planId as string;
    const form = (deathDate: string) =>
      recordFollowUp(
        s,
        {
          planId,
          visit: "month-12",
          form: "vital-status",
          observedAt: c.iso(DAY * 45),
          data: { alive: false, deathDate, cause: "septic shock" },
        },
        c.act(t.physician, DAY * 45),
      );
    const e = await expectCode(form("2026-02-03"), "DEATH_ALREADY_RECORDED");
    expect(e.message).toContain("died on 2026-02-01 (Sepsis)");
    expect(e.details).toMatchObject({ field: "data.deathDate", value: "2026-02-03" });
    expect((await deathOf(s.db, mrn))?.diedOn).toBe("2026-02-01");
    // The same date again is the same death: the form is kept, no second record.
    await form("2026-02-01");
    expect((await deathsOf(s.db)).size).toBe(1);
    expect((await deathOf(s.db, mrn))?.cause).toBe("Sepsis");
    // A form saying alive after the death contradicts it.
    const alive = await expectCode(
      recordFollowUp(
        s,
        {
          planId,
          visit: "month-24",
          form: "vital-status",
          observedAt: c.iso(DAY * 46),
          data: { alive: true },
        },
        c.act(t.physician, DAY * 46),
      ),
      "INVALID_INPUT",
    );
    expect(alive.details.field).toBe("data.alive");
    // A second fatal event on another date is refused too, and writes no event.
    const before = (await adverseEventsOf(s.db, mrn)).length;
    await expectCode(
      recordAdverseEvent(
        s,
        {
          mrn,
          term: "Respiratory failure",
          grade: 5,
          serious: true,
          attribution: "unrelated",
          expected: false,
          onsetAt: c.iso(DAY * 24),
          deathDate: "2026-02-04",
          description: "",
        },
        c.act(t.physician, DAY * 47),
        ctcae,
      ),
      "DEATH_ALREADY_RECORDED",
    );
    expect((await adverseEventsOf(s.db, mrn)).length).toBe(before);
  });

  it("a death is corrected by a physician with a reason, and the record before is kept", async () => {
    const mrn = "MRN-5001";
    const fix = {
      mrn,
      diedOn: "2026-02-02",
      cause: "Sepsis",
      reason: "the death certificate says 2 February",
    };
    await expectCode(correctDeath(s, fix, c.act(t.nurse, DAY * 48)), "FORBIDDEN");
    for (const [over, field] of [
      [{ reason: " " }, "reason"],
      [{ reason: undefined }, "reason"],
      [{ diedOn: "2026-01-09" }, "diedOn"],
      [{ diedOn: "2027-01-01" }, "diedOn"],
      [{ mrn: "MRN-5002" }, "mrn"],
    ] as const) {
      const e = await expectCode(
        correctDeath(s, { ...fix, ...over } as typeof fix, c.act(t.physician, DAY * 48)),
        "INVALID_INPUT",
      );
      expect(e.details.field, e.message).toBe(field);
    }
    expect((await deathOf(s.db, mrn))?.diedOn).toBe("2026-02-01");
    const after = await correctDeath(s, fix, c.act(t.physician, DAY * 48));
    expect(after).toMatchObject({
      diedOn: "2026-02-02",
      correctedBy: t.physician.username,
      correctionReason: "the death certificate says 2 February",
      source: "adverse-event",
    });
    const audit = await s.db
      .selectFrom("auditEvent")
      .selectAll()
      .where("action", "=", "death.correct")
      .executeTakeFirstOrThrow();
    expect(audit.beforeJson).toContain("2026-02-01");
  });

  it("a vital-status form saying not alive records the death the report reads", async () => {
    const x = await treatedHieBaby(s, t, c, "MRN-5003", BIRTH, "G1236");
    await recordFollowUp(
      s,
      {
        planId: x.plan.id,
        visit: "month-12",
        form: "vital-status",
        observedAt: c.iso(DAY * 30),
        data: { alive: false, deathDate: "2026-02-05", cause: "aspiration pneumonia" },
      },
      c.act(t.physician, DAY * 30),
    );
    expect(await deathOf(s.db, "MRN-5003")).toMatchObject({
      diedOn: "2026-02-05",
      cause: "aspiration pneumonia",
      source: "follow-up",
    });
    const o = (await planOutcomes(s, c.at(DAY * 50))).find((p) => p.mrn === "MRN-5003");
    expect(o?.died).toBe(true);
  });
});

describe.each(DIALECTS)("migration 0015 on %s", (dialect) => {
  const store = useStore(dialect);
  it("keeps free-text terms as not coded and moves existing deaths into the one record", async () => {
    const s = store();
    const t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
    const a = await treatedHieBaby(s, t, c, "MRN-6001", BIRTH);
    const b = await treatedHieBaby(s, t, c, "MRN-6002", BIRTH, "G1235");
    await m0015.down(s.db as never);
    const legacy = {
      planId: null,
      grade: 5,
      serious: 0,
      attribution: "possible",
      expected: 0,
      onsetAt: c.iso(DAY * 20),
      awareAt: c.iso(DAY * 20),
      description: "",
      expedited: 0,
      reportDueAt: null,
      reportedAt: null,
      recordedAt: c.iso(DAY * 20),
      recordedBy: t.nurse.username,
    };
    const raw = s.db as unknown as import("kysely").Kysely<Record<string, Record<string, unknown>>>;
    await raw
      .insertInto("adverseEvent")
      .values({ ...legacy, id: crypto.randomUUID(), mrn: a.patient.mrn, term: "Feeling poorly" })
      .execute();
    await raw
      .insertInto("followUpForm")
      .values({
        id: crypto.randomUUID(),
        planId: b.plan.id,
        mrn: b.patient.mrn,
        visit: "month-12",
        form: "vital-status",
        observedAt: c.iso(DAY * 30),
        data: JSON.stringify({ alive: false, deathDate: "2026-02-03", cause: "pneumonia" }),
        recordedAt: c.iso(DAY * 30),
        recordedBy: t.physician.username,
      })
      .execute();
    await m0015.up(s.db as never);
    const [e] = await adverseEventsOf(s.db, a.patient.mrn);
    expect(e).toMatchObject({ term: "Feeling poorly", coding: "not-coded", meddraCode: null, soc: null });
    // The legacy grade 5 event: dead from its onset day, its term as the cause.
    expect(await deathOf(s.db, a.patient.mrn)).toMatchObject({
      diedOn: c.iso(DAY * 20).slice(0, 10),
      cause: "Feeling poorly",
      source: "adverse-event",
    });
    expect(await deathOf(s.db, b.patient.mrn)).toMatchObject({
      diedOn: "2026-02-03",
      cause: "pneumonia",
      source: "follow-up",
    });
  });
});
