/**
 * Outcomes on SQLite and PostgreSQL: consent witnessed with a signature and withdrawn at once; follow-up
 * visits due and overdue, forms checked field by field; adverse events flagged for expedited reporting with
 * their due dates; the outcomes report; and a research export that carries no identifier and leaves out
 * every record whose research consent was withdrawn (or never given).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import { bankingConsent, consentsOf, requireConsent, withdrawConsent } from "../consent/index.js";
import type { Store } from "../store/connect.js";
import { activateProtocol } from "../therapy/protocol-versions.js";
import { adverseEventsOf, markReported, openReports, recordAdverseEvent } from "./adverse-events.js";
import { recordConsent } from "./consent.js";
import type { CtcaeDictionary } from "./ctcae-dictionary.js";
import { overdueFollowUps, planFollowUp, recordFollowUp } from "./follow-up.js";
import { patientOutcomes } from "./record.js";
import { outcomesReport } from "./reports.js";
import { dateShiftDays, exportCsv, pseudonym, researchExport } from "./research-export.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const KEY = "a program key of more than sixteen characters";

describe.each(DIALECTS)("outcomes on %s", (dialect) => {
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

  it("follows three treated babies: consent, follow-up, adverse events, the report and a clean export", async () => {
    const a = await treatedHieBaby(s, t, c, "MRN-3001", BIRTH);
    const b = await treatedHieBaby(s, t, c, "MRN-3002", BIRTH);
    const x = await treatedHieBaby(s, t, c, "MRN-3003", BIRTH);

    // Research consent: A and B give it; B withdraws later; X never gives it.
    const consent = (mrn: string, hours: number) =>
      recordConsent(
        s,
        {
          mrn,
          scope: "research",
          document: "HIE registry consent",
          documentVersion: "3.1",
          signedBy: "Ada Okafor",
          relationship: "mother",
          signedAt: c.iso(hours),
        },
        PASSWORD,
        c.act(t.coordinator, hours + 0.1),
      );
    await expectCode(
      recordConsent(
        s,
        {
          mrn: a.patient.mrn,
          scope: "research",
          document: "d",
          documentVersion: "1",
          signedBy: "Ada",
          relationship: "aunt" as never,
          signedAt: c.iso(7),
        },
        PASSWORD,
        c.act(t.coordinator, 7),
      ),
      "INVALID_INPUT",
    );
    await expectCode(
      recordConsent(
        s,
        {
          mrn: a.patient.mrn,
          scope: "research",
          document: "d",
          documentVersion: "1",
          signedBy: "Ada",
          relationship: "mother",
          signedAt: c.iso(7),
        },
        "wrong",
        c.act(t.coordinator, 7),
      ),
      "AUTH_FAILED",
    );
    const ca = await consent(a.patient.mrn, 8);
    const cb = await consent(b.patient.mrn, 8);
    const witness = await s.db
      .selectFrom("signature")
      .selectAll()
      .where("id", "=", ca.witnessSignatureId)
      .executeTakeFirstOrThrow();
    expect(witness).toMatchObject({
      meaning: "witnessed",
      entityType: "consent",
      entityId: ca.id,
      username: t.coordinator.username,
    });
    await requireConsent(s.db, b.patient.mrn, "research", c.at(9), "export");

    // Follow-up: HIE babies are seen at 12 and 24 months; a Bayley-III is checked field by field.
    await expectCode(
      recordFollowUp(
        s,
        {
          planId: a.plan.id,
          visit: "month-12",
          form: "neurodevelopment",
          observedAt: c.iso(24 * 366),
          data: { instrument: "Bayley-III", cognitive: 95, motor: 250, language: 90 },
        },
        c.act(t.physician, 24 * 366),
      ),
      "INVALID_INPUT",
    );
    await expectCode(
      recordFollowUp(
        s,
        { planId: a.plan.id, visit: "month-12", form: "acute-gvhd", observedAt: c.iso(24 * 366), data: {} },
        c.act(t.physician, 24 * 366),
      ),
      "INVALID_INPUT",
    );
    await recordFollowUp(
      s,
      {
        planId: a.plan.id,
        visit: "month-12",
        form: "neurodevelopment",
        observedAt: c.iso(24 * 366),
        data: { instrument: "Bayley-III", cognitive: 95, motor: 88, language: 90 },
      },
      c.act(t.physician, 24 * 366),
    );
    await recordFollowUp(
      s,
      {
        planId: a.plan.id,
        visit: "month-12",
        form: "vital-status",
        observedAt: c.iso(24 * 366),
        data: { alive: true },
      },
      c.act(t.physician, 24 * 366),
    );
    // X died at 10 months.
    await recordFollowUp(
      s,
      {
        planId: x.plan.id,
        visit: "month-12",
        form: "vital-status",
        observedAt: c.iso(24 * 310),
        data: { alive: false, deathDate: "2026-11-05", cause: "aspiration pneumonia" },
      },
      c.act(t.physician, 24 * 310),
    );
    const at400 = c.at(24 * 400);
    const fa = await planFollowUp(s, a.plan.id, { user: t.nurse, at: at400 });
    expect(fa.visits.map((v) => [v.visit, v.state])).toEqual([
      ["month-12", "done"],
      ["month-24", "upcoming"],
    ]);
    // B's 12-month visit (due at 365 days, 30 days' grace) is overdue at day 400.
    const overdue = await overdueFollowUps(s, { user: t.coordinator, at: at400 });
    expect(overdue.map((o) => [o.mrn, o.visit])).toEqual([["MRN-3002", "month-12"]]);

    // Adverse events: serious, unexpected and possibly related → expedited, 7 days for grade 4.
    const ae = await recordAdverseEvent(
      s,
      {
        mrn: a.patient.mrn,
        planId: a.plan.id,
        term: "Hypotension",
        grade: 4,
        serious: true,
        attribution: "possible",
        expected: false,
        onsetAt: c.iso(6.5),
        awareAt: c.iso(7),
        description: "during infusion",
      },
      c.act(t.nurse, 7.2),
      ctcae,
    );
    expect(ae.expedited).toBe(true);
    expect(ae.reportDueAt).toBe(new Date(c.at(7).getTime() + 7 * 86_400_000).toISOString());
    const mild = await recordAdverseEvent(
      s,
      {
        mrn: b.patient.mrn,
        planId: b.plan.id,
        term: "Fever",
        grade: 1,
        serious: false,
        attribution: "possible",
        expected: true,
        onsetAt: c.iso(8),
        description: "",
      },
      c.act(t.nurse, 8.5),
      ctcae,
    );
    expect(mild.expedited).toBe(false);
    await expectCode(
      recordAdverseEvent(
        s,
        {
          mrn: b.patient.mrn,
          term: "Fever",
          grade: 6,
          serious: false,
          attribution: "possible",
          expected: true,
          onsetAt: c.iso(8),
          description: "",
        },
        c.act(t.nurse, 8.5),
        ctcae,
      ),
      "INVALID_INPUT",
    );
    // On the dashboard until submitted: due 7 days after awareness (hour 7), overdue from then on.
    const due = await openReports(s, c.act(t.coordinator, 8));
    expect(due.items.map((r) => [r.id, r.report])).toEqual([[ae.id, { state: "due", days: 6 }]]);
    const late = await openReports(s, c.act(t.coordinator, 7 + 24 * 9));
    expect(late.items[0]?.report).toEqual({ state: "overdue", days: 2 });
    const sent = { reportedAt: c.iso(30), reference: "IND 12345 safety report 1" };
    await expectCode(markReported(s, ae.id, sent, c.act(t.nurse, 30)), "FORBIDDEN");
    const reported = await markReported(s, ae.id, sent, c.act(t.physician, 30));
    expect(reported).toMatchObject({
      reportedAt: c.at(30).toISOString(),
      reportReference: "IND 12345 safety report 1",
      reportedBy: t.physician.username,
    });
    // Coded from NCI's spreadsheet: Hypotension is MedDRA 10021097 under Vascular disorders.
    expect(ae).toMatchObject({ coding: "ctcae-5.0", meddraCode: 10021097, soc: "Vascular disorders" });
    const again = await expectCode(markReported(s, ae.id, sent, c.act(t.physician, 31)), "INVALID_INPUT");
    expect(again.message).toContain("already reported");
    expect((await openReports(s, c.act(t.coordinator, 31))).items).toEqual([]);
    const record = await patientOutcomes(s, a.patient.mrn, c.act(t.nurse, 31));
    expect(record.adverseEvents[0]?.report).toEqual({ state: "submitted", days: 0 });

    // The report: survival from the first infusion. B has no follow-up yet, so is censored at the infusion:
    // at X's death A and X are at risk, and survival falls to 1/2.
    const report = await outcomesReport(s, { user: t.qm, at: at400 });
    expect(report.patients).toBe(3);
    const km = report.survival.groups["hie-autologous-cord-blood"] ?? [];
    const death = km.find((step) => step.nEvent > 0);
    expect(death?.nRisk).toBe(2);
    expect(death?.survival).toBeCloseTo(1 / 2, 12);
    expect(report.adverseEvents).toEqual([
      { term: "Fever", grades: [1, 0, 0, 0, 0], serious: 0 },
      { term: "Hypotension", grades: [0, 0, 0, 1, 0], serious: 1 },
    ]);

    // Banking consent withdrawn: the baby's banked cells are flagged from that moment.
    const banking = await recordConsent(
      s,
      {
        mrn: a.patient.mrn,
        scope: "cord-blood-banking",
        document: "Cord blood banking",
        documentVersion: "2",
        signedBy: "Ada Okafor",
        relationship: "mother",
        signedAt: c.iso(1),
      },
      PASSWORD,
      c.act(t.coordinator, 9),
    );
    expect((await bankingConsent(s.db, a.patient.mrn, c.at(10))).state).toBe("in-force");
    await withdrawConsent(
      s,
      banking.id,
      "parents asked for the unit to be discarded",
      c.act(t.physician, 24 * 20),
    );
    expect((await bankingConsent(s.db, a.patient.mrn, c.at(24 * 19))).state).toBe("in-force");
    expect((await bankingConsent(s.db, a.patient.mrn, c.at(24 * 21))).state).toBe("withdrawn");
    expect((await bankingConsent(s.db, "NOBODY-1", c.at(24 * 21))).state).toBe("none");

    // B withdraws: from now on B is left out, as X (never consented) is.
    await withdrawConsent(s, cb.id, "parents withdrew from the registry", c.act(t.coordinator, 24 * 398));
    await expectCode(requireConsent(s.db, b.patient.mrn, "research", at400, "export"), "CONSENT_REQUIRED");
    expect((await consentsOf(s.db, b.patient.mrn)).find((x) => x.id === cb.id)?.withdrawnAt).toBe(
      c.at(24 * 398).toISOString(),
    );
    await expectCode(researchExport(s, KEY, c.act(t.physician, 24 * 400)), "FORBIDDEN");
    const researcher = { ...t.coordinator, username: "rae", roles: ["researcher" as const] };
    const out = await researchExport(s, KEY, { user: researcher, at: at400 });
    expect(out.excluded).toBe(2);
    expect(out.records.map((r) => r.subject)).toEqual([pseudonym(KEY, "MRN-3001")]);
    const rec = out.records[0];
    const shift = dateShiftDays(KEY, "MRN-3001");
    expect(rec?.birthDate).toBe(
      new Date(Date.parse("2026-01-10T03:00:00Z") + shift * 86_400_000).toISOString().slice(0, 10),
    );
    expect(rec?.adverseEvents).toEqual([
      {
        term: "Hypotension",
        grade: 4,
        serious: true,
        attribution: "possible",
        onsetDate: new Date(c.at(6.5).getTime() + shift * 86_400_000).toISOString().slice(0, 10),
      },
    ]);
    // No identifier anywhere: not the MRNs, not the names, not the mother's MRN, not the true birth time.
    const json = JSON.stringify(out);
    const csv = exportCsv(out.records);
    for (const text of [json, csv]) {
      for (const id of ["MRN-300", "M-MRN", "Okafor", "Baby Girl", "2026-01-10T03:00", "Ada"])
        expect(text).not.toContain(id);
    }
    expect(csv.split("\n")[0]).toBe(
      "subject,sex,gestational_age,birth_weight_g,icd10,indication,protocol,birth_date_shifted,arm,first_infusion_date_shifted,time_zero,survival_days,died,engraftment_day,adverse_events,max_ae_grade",
    );
    // The same key gives the same pseudonyms and offsets; another key does not.
    expect(pseudonym(KEY, "MRN-3001")).not.toBe(pseudonym(`${KEY}!`, "MRN-3001"));
    expect((await adverseEventsOf(s.db)).length).toBe(2);
  });
});
