/**
 * Outcomes refuses bad input on SQLite and PostgreSQL before anything is written: each case names the
 * field (a form's own field as `data.motor`), and no follow-up form, adverse event or audit event is
 * added. Also: the export key's one policy, and the actions a record offers each role.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import type { User } from "../accounts/users.js";
import type { Store } from "../store/connect.js";
import { activateProtocol } from "../therapy/index.js";
import type { CtcaeDictionary } from "./ctcae-dictionary.js";
import {
  type NewAdverseEvent,
  type NewFollowUp,
  exportKeyFrom,
  markReported,
  outcomeActionsOf,
  patientOutcomes,
  recordAdverseEvent,
  recordFollowUp,
} from "./index.js";

const BIRTH = "2026-01-10T04:00:00+01:00";
const c = clock(BIRTH);
const MRN = "MRN-8001";

async function counts(s: Store) {
  const n = async (table: "followUpForm" | "adverseEvent" | "auditEvent") =>
    Number(
      (
        await s.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { forms: await n("followUpForm"), events: await n("adverseEvent"), audit: await n("auditEvent") };
}

const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });

describe.each(DIALECTS)("outcomes refusals on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  let ctcae: CtcaeDictionary;
  let planId: string;
  beforeAll(async () => {
    s = store();
    ctcae = await testCtcae();
    t = await team(s);
    await activateProtocol(s, "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
    planId = (await treatedHieBaby(s, t, c, MRN, BIRTH)).plan.id;
  });

  it("refuses bad follow-up forms naming the field, and writes nothing", async () => {
    const at = 24 * 366;
    const form = (over: Record<string, unknown>) =>
      ({
        planId,
        visit: "month-12",
        form: "neurodevelopment",
        observedAt: c.iso(at),
        data: { instrument: "Bayley-III", cognitive: 95, motor: 88, language: 90 },
        ...over,
      }) as NewFollowUp;
    const bayley = (data: Record<string, unknown>) =>
      form({ data: { instrument: "Bayley-III", cognitive: 95, motor: 88, language: 90, ...data } });
    const before = await counts(s);
    const cases: [NewFollowUp, string][] = [
      [form({ form: "__proto__" }), "form"],
      [form({ form: "toString" }), "form"],
      [form({ visit: "constructor" }), "visit"],
      [form({ visit: "day+7" }), "visit"], // a transplant's visit, not the HIE protocol's
      [form({ form: "acute-gvhd", data: { skin: 0, liver: 0, upperGi: 0, lowerGi: 0 } }), "form"],
      [form({ planId: "not-a-plan" }), "planId"],
      [form({ observedAt: "2027-02-30T10:00:00Z" }), "observedAt"],
      [form({ observedAt: "2027-01-10T10:00:00" }), "observedAt"],
      [form({ extra: 1 }), "extra"],
      [bayley({ motor: 250 }), "data.motor"],
      // Each composite's own range (Bayley-III Technical Manual): one past either edge is refused.
      [bayley({ cognitive: 54 }), "data.cognitive"],
      [bayley({ cognitive: 146 }), "data.cognitive"],
      [bayley({ language: 46 }), "data.language"],
      [bayley({ language: 154 }), "data.language"],
      [bayley({ motor: 45 }), "data.motor"],
      [bayley({ motor: 155 }), "data.motor"],
      [bayley({ motor: Number.POSITIVE_INFINITY }), "data.motor"],
      [bayley({ motor: Number.NaN }), "data.motor"],
      [bayley({ motor: 88.5 }), "data.motor"],
      [bayley({ cognitive: "95" }), "data.cognitive"],
      [bayley({ cognitive: true }), "data.cognitive"],
      [bayley({ cognitive: null }), "data.cognitive"],
      [bayley({ instrument: "__proto__" }), "data.instrument"],
      [bayley({ mood: "fine" }), "data.mood"],
      [form({ data: { instrument: "Bayley-III", cognitive: 95, motor: 88 } }), "data.language"],
      [form({ form: "vital-status", data: { alive: false } }), "data.deathDate"],
      [form({ form: "vital-status", data: { alive: false, deathDate: "2026-02-30" } }), "data.deathDate"],
      [form({ form: "vital-status", data: { alive: "no" } }), "data.alive"],
      [form({ form: "vital-status", data: { alive: true, cause: "a\u0000b" } }), "data.cause"],
      [form({ form: "vital-status", data: { alive: true, cause: "x".repeat(501) } }), "data.cause"],
      [form({ data: deep(20) }), "data.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a"],
      // NIH 2014: a skin score of 3 is severe chronic GVHD, never "none".
      [
        form({
          form: "chronic-gvhd",
          data: {
            skin: 3,
            mouth: 0,
            eyes: 0,
            gi: 0,
            liver: 0,
            lungs: 0,
            joints: 0,
            genital: 0,
            global: "none",
          },
        }),
        "data.global",
      ],
      [form({ form: "vital-status", data: { alive: false, deathDate: "2026-11-05" } }), "data.cause"],
      [form({ form: "vital-status", data: { alive: true, deathDate: "2026-11-05" } }), "data.deathDate"],
    ];
    for (const [input, field] of cases) {
      const e = await expectCode(recordFollowUp(s, input, c.act(t.physician, at)), "INVALID_INPUT");
      expect(e.details.field, `${JSON.stringify(input).slice(0, 200)}: ${e.message}`).toBe(field);
    }
    expect(await counts(s)).toEqual(before);
  });

  it("refuses bad adverse events and reports naming the field, and writes nothing", async () => {
    const event = (over: Record<string, unknown>) =>
      ({
        mrn: MRN,
        planId,
        term: "Hypotension",
        grade: 4,
        serious: true,
        attribution: "possible",
        expected: false,
        onsetAt: c.iso(6.5),
        awareAt: c.iso(7),
        description: "during infusion",
        ...over,
      }) as NewAdverseEvent;
    const before = await counts(s);
    const cases: [NewAdverseEvent, string][] = [
      [event({ grade: 6 }), "grade"],
      [event({ grade: 0 }), "grade"],
      [event({ grade: 2.5 }), "grade"],
      [event({ grade: null }), "grade"],
      [event({ grade: "4" }), "grade"],
      [event({ attribution: "__proto__" }), "attribution"],
      [event({ attribution: "hasOwnProperty" }), "attribution"],
      [event({ serious: "yes" }), "serious"],
      [event({ expected: 1 }), "expected"],
      [event({ term: "x".repeat(1_000_000) }), "term"],
      [event({ term: " x " }), "term"],
      [event({ term: "Fever\u0000" }), "term"],
      [event({ description: "a\u0000b" }), "description"],
      [event({ onsetAt: "2026-01-10T10:00:00" }), "onsetAt"],
      [event({ onsetAt: "2026-01-32T10:00:00Z" }), "onsetAt"],
      [event({ awareAt: c.iso(6) }), "awareAt"],
      [event({ planId: crypto.randomUUID() }), "planId"],
      [event({ mrn: "MRN\u0000X" }), "mrn"],
      [event({ severity: "high" }), "severity"],
      // CTCAE v5.0: a term outside the dictionary, a grade the term does not allow (Febrile neutropenia
      // is grade 3 to 5 only), "Other, specify" without its text, the text with a listed term.
      [event({ term: "Feeling poorly" }), "term"],
      [event({ term: "hypotension" }), "term"],
      [event({ term: "Febrile neutropenia", grade: 2 }), "grade"],
      [event({ term: "Death neonatal", grade: 5, deathDate: "2026-01-17" }), "grade"],
      [event({ term: "Cardiac disorders - Other, specify" }), "otherSpecify"],
      [event({ term: "Cardiac disorders - Other, specify", otherSpecify: " " }), "otherSpecify"],
      [event({ otherSpecify: "low pressure" }), "otherSpecify"],
      // Grade 5 is death: serious, with the date of death; a date of death only with a fatal grade.
      [event({ grade: 5, serious: false, deathDate: "2026-01-17" }), "serious"],
      [event({ grade: 5 }), "deathDate"],
      [event({ term: "Death neonatal", grade: 4 }), "deathDate"],
      [event({ deathDate: "2026-01-17" }), "deathDate"],
      [event({ grade: 5, deathDate: "2026-01-09" }), "deathDate"],
      [event({ grade: 5, deathDate: "2026-02-30" }), "deathDate"],
    ];
    for (const [input, field] of cases) {
      const e = await expectCode(recordAdverseEvent(s, input, c.act(t.nurse, 7.2), ctcae), "INVALID_INPUT");
      expect(e.details.field, `${JSON.stringify(input).slice(0, 200)}: ${e.message}`).toBe(field);
      expect(e.message.length).toBeLessThan(400);
    }
    const reported = await recordAdverseEvent(s, event({}), c.act(t.nurse, 7.2), ctcae);
    const afterOne = await counts(s);
    expect(afterOne.events).toBe(before.events + 1);
    for (const [id, at, field] of [
      ["nope", { reportedAt: c.iso(30), reference: "R-1" }, "id"],
      [reported.id, { reportedAt: "yesterday", reference: "R-1" }, "reportedAt"],
      [reported.id, { reportedAt: "2026-02-29T10:00:00Z", reference: "R-1" }, "reportedAt"],
      [reported.id, { reportedAt: c.iso(6.9), reference: "R-1" }, "reportedAt"],
      [reported.id, { reportedAt: c.iso(30) }, "reference"],
      [reported.id, { reportedAt: c.iso(30), reference: " " }, "reference"],
    ] as const) {
      const sent = at as { reportedAt: string; reference: string };
      const e = await expectCode(markReported(s, id, sent, c.act(t.physician, 30)), "INVALID_INPUT");
      expect(e.details.field, e.message).toBe(field);
    }
    expect(await counts(s)).toEqual(afterOne);
  });

  it("checks the reader's role and offers each role its actions", async () => {
    const researcher: User = { ...t.coordinator, username: "rae", roles: ["researcher"] };
    await expectCode(patientOutcomes(s, MRN, c.act(researcher, 30)), "FORBIDDEN");
    const e = await expectCode(patientOutcomes(s, "MRN\u0007", c.act(t.nurse, 30)), "INVALID_INPUT");
    expect(e.details.field).toBe("mrn");
    expect((await patientOutcomes(s, MRN, c.act(t.nurse, 30))).actions).toEqual([
      "readOutcomes",
      "readStatistics",
      "recordConsent",
      "recordFollowUp",
      "recordAdverseEvent",
    ]);
    // The researcher reads the statistics (of research-consented patients) and the export, no record.
    expect(outcomeActionsOf(researcher)).toEqual(["readStatistics", "researchExport"]);
    expect(outcomeActionsOf(t.physician)).toEqual([
      "readOutcomes",
      "readStatistics",
      "recordConsent",
      "withdrawConsent",
      "recordFollowUp",
      "recordAdverseEvent",
      "reportAdverseEvent",
      "correctDeath",
    ]);
  });
});

describe("the research export key", () => {
  it("is the program's when set (16+ characters, never quoted), else random per start for a server", () => {
    const key = "a program key of more than sixteen characters";
    expect(exportKeyFrom(key, "command")).toEqual({ key, stable: true });
    for (const face of ["server", "command"] as const) {
      let refused: unknown;
      try {
        exportKeyFrom("short-secret", face);
      } catch (e) {
        refused = e;
      }
      expect(refused).toMatchObject({ code: "INVALID_INPUT", details: { field: "CRADLE_EXPORT_KEY" } });
      expect(String((refused as Error).message)).not.toContain("short-secret");
    }
    expect(() => exportKeyFrom(undefined, "command")).toThrow(/CRADLE_EXPORT_KEY/);
    const a = exportKeyFrom(undefined, "server");
    const b = exportKeyFrom(undefined, "server");
    expect(a.stable).toBe(false);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key).not.toBe(b.key);
  });
});
