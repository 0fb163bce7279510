/**
 * The analysis dataset for a small built cohort, on SQLite and PostgreSQL: three HIE babies, A alive with
 * all Bayley-III composites ≥ 85 at 12 months, B dead of a grade 5 event before 12 months, X without
 * research consent (left out). Every column's value is checked; no MRN, name or date is in it, and the
 * dictionary describes each column.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import type { Store } from "../store/connect.js";
import { activateProtocol } from "../therapy/index.js";
import {
  ANALYSIS_DICTIONARY,
  analysisCsv,
  analysisDataset,
  pseudonym,
  recordAdverseEvent,
  recordConsent,
  recordFollowUp,
} from "./index.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const KEY = "a program key of more than sixteen characters";
const DAY = 24;

describe.each(DIALECTS)("the analysis dataset on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  beforeAll(async () => {
    s = store();
    t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
  });

  it("has one row per consented plan with each column's value, and its dictionary", async () => {
    const a = await treatedHieBaby(s, t, c, "MRN-9001", BIRTH);
    const b = await treatedHieBaby(s, t, c, "MRN-9002", BIRTH, "G1235");
    await treatedHieBaby(s, t, c, "MRN-9003", BIRTH, "G1236");
    for (const mrn of ["MRN-9001", "MRN-9002"])
      await recordConsent(
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
    await recordFollowUp(
      s,
      {
        planId: a.plan.id,
        visit: "month-12",
        form: "neurodevelopment",
        observedAt: c.iso(DAY * 366),
        data: { instrument: "Bayley-III", cognitive: 85, language: 92, motor: 101 },
      },
      c.act(t.physician, DAY * 366),
    );
    await recordFollowUp(
      s,
      {
        planId: a.plan.id,
        visit: "month-12",
        form: "vital-status",
        observedAt: c.iso(DAY * 366),
        data: { alive: true },
      },
      c.act(t.physician, DAY * 366),
    );
    const ctcae = await testCtcae();
    const ae = (grade: number, over: object = {}) =>
      recordAdverseEvent(
        s,
        {
          mrn: b.patient.mrn,
          planId: b.plan.id,
          term: "Sepsis",
          grade,
          serious: grade >= 3,
          attribution: "unlikely",
          expected: false,
          onsetAt: c.iso(DAY * 20),
          description: "",
          ...over,
        },
        c.act(t.physician, DAY * 25),
        ctcae,
      );
    await ae(2, { term: "Fever" }); // Sepsis starts at grade 3 in CTCAE v5.0
    await ae(5, { deathDate: "2026-02-03" });
    const researcher = { ...t.coordinator, username: "rae", roles: ["researcher" as const] };
    const out = await analysisDataset(s, KEY, { user: researcher, at: c.at(DAY * 400) });
    expect(out.excluded).toBe(1);
    const bySubject = new Map(out.rows.map((r) => [r.subject, r]));
    const order = await s.db
      .selectFrom("doseOrder")
      .selectAll()
      .where("planId", "=", a.plan.id)
      .executeTakeFirstOrThrow();
    const given = await s.db
      .selectFrom("infusion")
      .selectAll()
      .where("orderId", "=", order.id)
      .executeTakeFirstOrThrow();
    const perKg = (given.volumeMl * order.concentrationPerMl) / (order.weightGrams / 1000);
    const base = {
      protocol: "hie-autologous-cord-blood",
      // The babies' own cord blood (ISBT 128 collection type "1"): autologous, so no HLA match applies.
      donor_type: "autologous",
      hla_match: "not-applicable",
      bpd_grade_36w: null,
      neutrophil_engraftment_day: null,
      acute_gvhd_max_grade: null,
      chronic_gvhd_worst: null,
      bayley_cognitive_m24: null,
      bayley_language_m24: null,
      bayley_motor_m24: null,
      ae_grade_1: 0,
      ae_grade_3: 0,
      ae_grade_4: 0,
    };
    expect(bySubject.get(pseudonym(KEY, "MRN-9001"))).toMatchObject({
      ...base,
      cells_per_kg_given: Number(perKg.toPrecision(4)),
      bayley_cognitive_m12: 85,
      bayley_language_m12: 92,
      bayley_motor_m12: 101,
      // 85 is "≥ 85": the boundary counts as intact.
      survival_bayley85_m12: 1,
      survival_bayley85_m24: null,
      ae_grade_2: 0,
      ae_grade_5: 0,
      vital_status: "alive",
      // The last follow-up at hour 24 × 366 from the infusion at hour 6.05: 365 whole days.
      follow_up_days: 365,
    });
    expect(bySubject.get(pseudonym(KEY, "MRN-9002"))).toMatchObject({
      ...base,
      bayley_cognitive_m12: null,
      survival_bayley85_m12: 0,
      survival_bayley85_m24: 0,
      ae_grade_2: 1,
      ae_grade_5: 1,
      vital_status: "dead",
      // Died 2026-02-03 (noon UTC) after the infusion at 2026-01-10 09:03 UTC: 24 whole days.
      follow_up_days: 24,
    });
    // Every column is in the dictionary, and the dictionary names no other.
    expect(out.dictionary.map((d) => d.column).sort()).toEqual(Object.keys(out.rows[0] ?? {}).sort());
    for (const d of ANALYSIS_DICTIONARY) expect(d.meaning.length).toBeGreaterThan(5);
    const text = JSON.stringify(out) + analysisCsv(out.rows);
    for (const id of ["MRN-900", "Okafor", "Baby", "2026-"]) expect(text).not.toContain(id);
  });
});
