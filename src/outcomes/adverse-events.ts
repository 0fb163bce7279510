/**
 * Adverse events: a CTCAE v5.0 term (from NCI's dictionary, with its MedDRA code and SOC) at a grade the
 * term allows, seriousness recorded apart from severity, attribution to the cell product, and expectedness.
 * A fatal event (grade 5) is serious and records the patient's death (deaths.ts). A serious, unexpected
 * event at least possibly related must be reported to the regulator in expedited form (21 CFR 312.32):
 * within 7 calendar days of learning of it when fatal or life-threatening (grade 4–5), else within 15.
 */
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { getPatient, planPatient } from "../therapy/index.js";
import { allowOutcomes } from "./act.js";
import {
  type CtcaeDictionary,
  type CtcaeTerm,
  allowedGrades,
  isDeathGrade,
  searchCtcae,
} from "./ctcae-dictionary.js";
import { type Attribution, RELATED } from "./ctcae.js";
import { recordDeathIn } from "./deaths.js";
import { reportClock } from "./report-clock.js";
import type { AdverseEventRow } from "./report-schemas.js";
import {
  type AE_CODINGS,
  type AdverseEvent,
  IdParamsSchema,
  type NewAdverseEvent,
  NewAdverseEventSchema,
  type OpenReports,
  type ReportSent,
  ReportSentSchema,
} from "./schemas.js";

const refuse = (field: string, value: unknown, reason: string) =>
  new CradleError("INVALID_INPUT", `${field} ${JSON.stringify(value)} ${reason}`, { field, value, reason });

/** The term, grade, "Other, specify" text and death date held to CTCAE v5.0; returns the dictionary's term. */
function codeTerm(ctcae: CtcaeDictionary, given: NewAdverseEvent): CtcaeTerm {
  const t = ctcae.find(given.term.trim());
  if (!t) {
    const near = searchCtcae(ctcae, { q: given.term.split(/\s+/)[0] ?? "", limit: 3 }).map((n) => n.term);
    throw refuse(
      "term",
      given.term,
      `is not a CTCAE v5.0 term${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(", ")}?)` : ""}`,
    );
  }
  const allowed = allowedGrades(t);
  if (!allowed.includes(given.grade)) {
    throw refuse(
      "grade",
      given.grade,
      `is not a grade CTCAE v5.0 allows for ${t.term} (${allowed.join(", ")})`,
    );
  }
  if (t.otherSpecify && given.otherSpecify === undefined) {
    throw refuse("otherSpecify", "", `is required with "${t.term}": say what happened`);
  }
  if (!t.otherSpecify && given.otherSpecify !== undefined) {
    throw refuse("otherSpecify", given.otherSpecify, `is only for an "Other, specify" term, not ${t.term}`);
  }
  const fatal = isDeathGrade(t.term, given.grade);
  if (fatal && !given.serious) {
    throw refuse("serious", given.serious, `must be true: grade ${given.grade} of ${t.term} is death`);
  }
  if (fatal && given.deathDate === undefined) {
    throw refuse("deathDate", "", `is required: grade ${given.grade} of ${t.term} is death`);
  }
  if (!fatal && given.deathDate !== undefined) {
    throw refuse(
      "deathDate",
      given.deathDate,
      `is only for a fatal event (grade 5), not grade ${given.grade}`,
    );
  }
  return t;
}

const DAY = 86_400_000;

/** Whether the event needs an expedited report, and by when. */
export function expeditedReport(
  e: Pick<AdverseEvent, "serious" | "expected" | "attribution" | "grade" | "awareAt">,
): {
  expedited: boolean;
  reportDueAt: string | null;
} {
  const expedited = e.serious && !e.expected && RELATED.includes(e.attribution);
  if (!expedited) return { expedited, reportDueAt: null };
  const days = e.grade >= 4 ? 7 : 15;
  return { expedited, reportDueAt: new Date(Date.parse(e.awareAt) + days * DAY).toISOString() };
}

/**
 * Records an adverse event coded in CTCAE v5.0 (the dictionary loaded from NCI's spreadsheet); a fatal
 * one records the patient's death in the same transaction.
 */
export async function recordAdverseEvent(
  store: Store,
  input: NewAdverseEvent,
  act: Act,
  ctcae: CtcaeDictionary,
): Promise<AdverseEvent> {
  allowOutcomes(act, "recordAdverseEvent", "record adverse events");
  const given = check(NewAdverseEventSchema, input);
  const coded = codeTerm(ctcae, given);
  const onsetAt = pastInstant("onsetAt", given.onsetAt, act.at);
  const awareAt = given.awareAt ? pastInstant("awareAt", given.awareAt, act.at) : act.at.toISOString();
  if (awareAt < onsetAt) {
    const reason = `is before the onset ${given.onsetAt}`;
    throw new CradleError("INVALID_INPUT", `awareAt ${given.awareAt} ${reason}`, {
      field: "awareAt",
      value: given.awareAt,
      reason,
    });
  }
  if (given.deathDate !== undefined && given.deathDate < onsetAt.slice(0, 10)) {
    throw refuse("deathDate", given.deathDate, `is before the onset ${onsetAt.slice(0, 10)}`);
  }
  const base = {
    grade: given.grade,
    serious: given.serious,
    expected: given.expected,
    attribution: given.attribution,
    awareAt,
  };
  return write(store, async (tx) => {
    const patient = await getPatient(tx, given.mrn);
    if (given.planId && (await planPatient(tx, given.planId)) !== patient.mrn) {
      const reason = `is not a plan of ${patient.mrn}`;
      throw new CradleError("INVALID_INPUT", `planId ${given.planId} ${reason}`, {
        field: "planId",
        value: given.planId,
        reason,
      });
    }
    const e: AdverseEvent = {
      id: crypto.randomUUID(),
      mrn: patient.mrn,
      planId: given.planId ?? null,
      term: coded.term,
      coding: "ctcae-5.0",
      meddraCode: coded.meddraCode,
      soc: coded.soc,
      otherSpecify: given.otherSpecify?.trim() ?? null,
      ...base,
      onsetAt,
      description: given.description.trim(),
      ...expeditedReport(base),
      reportedAt: null,
      reportReference: null,
      reportedBy: null,
      recordedAt: act.at.toISOString(),
      recordedBy: act.user.username,
    };
    await tx
      .insertInto("adverseEvent")
      .values({
        ...e,
        serious: e.serious ? 1 : 0,
        expected: e.expected ? 1 : 0,
        expedited: e.expedited ? 1 : 0,
      })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: e.expedited ? "adverse-event.record-expedited" : "adverse-event.record",
      entityType: "patient",
      entityId: patient.mrn,
      after: e,
      at: act.at,
    });
    if (given.deathDate !== undefined) {
      await recordDeathIn(
        tx,
        {
          mrn: patient.mrn,
          diedOn: given.deathDate,
          cause: e.otherSpecify ? `${e.otherSpecify} (${e.term})` : e.term,
          source: "adverse-event",
          sourceId: e.id,
          field: "deathDate",
        },
        act,
      );
    }
    return e;
  });
}

function toEvent(r: Awaited<ReturnType<typeof rowsOf>>[number]): AdverseEvent {
  return {
    ...r,
    attribution: r.attribution as Attribution,
    coding: r.coding as (typeof AE_CODINGS)[number],
    serious: r.serious === 1,
    expected: r.expected === 1,
    expedited: r.expedited === 1,
  };
}
function rowsOf(db: Store["db"] | Tx, mrn?: string) {
  let q = db.selectFrom("adverseEvent").selectAll();
  if (mrn) q = q.where("mrn", "=", mrn);
  return q.orderBy("onsetAt").execute();
}

/** Adverse events as stored, by onset: a fact read inside outcomes (the callers check the reader's role). */
export async function adverseEventsOf(db: Store["db"] | Tx, mrn?: string): Promise<AdverseEvent[]> {
  return (await rowsOf(db, mrn)).map(toEvent);
}

/** Records that the expedited report was submitted: when, its reference, and who records it. */
export async function markReported(
  store: Store,
  id: string,
  sent: ReportSent,
  act: Act,
): Promise<AdverseEvent> {
  allowOutcomes(act, "reportAdverseEvent", "record expedited reports");
  check(IdParamsSchema, { id });
  const given = check(ReportSentSchema, sent);
  const at = pastInstant("reportedAt", given.reportedAt, act.at);
  const reference = given.reference.trim();
  return write(store, async (tx) => {
    const [e] = (await tx.selectFrom("adverseEvent").selectAll().where("id", "=", id).execute()).map(toEvent);
    if (!e)
      throw new CradleError("INVALID_INPUT", `no adverse event ${id}`, {
        field: "id",
        value: id,
        reason: "is not a recorded adverse event",
      });
    if (!e.expedited)
      throw new CradleError("INVALID_INPUT", `adverse event ${id} needs no expedited report`, {
        field: "id",
        value: id,
        reason: "needs no expedited report",
      });
    if (e.reportedAt !== null)
      throw refuse(
        "id",
        id,
        `was already reported on ${e.reportedAt} (${e.reportReference ?? "no reference"}, by ${e.reportedBy ?? "unknown"})`,
      );
    if (at < e.awareAt)
      throw refuse("reportedAt", given.reportedAt, `is before the program learned of it (${e.awareAt})`);
    const done = { reportedAt: at, reportReference: reference, reportedBy: act.user.username };
    await tx.updateTable("adverseEvent").set(done).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "adverse-event.reported",
      entityType: "patient",
      entityId: e.mrn,
      before: e,
      after: { ...e, ...done },
      at: act.at,
    });
    return { ...e, ...done };
  });
}

/** The term as tables show it: an "Other, specify" term with its text, so unlike events stay apart. */
export function termLabel(e: Pick<AdverseEvent, "term" | "otherSpecify">): string {
  return e.otherSpecify ? `${e.term}: ${e.otherSpecify}` : e.term;
}

/** Counts by term and grade, for the outcomes page. */
export function adverseEventTable(events: readonly AdverseEvent[]): AdverseEventRow[] {
  const byTerm = new Map<string, { grades: number[]; serious: number }>();
  for (const e of events) {
    const label = termLabel(e);
    const row = byTerm.get(label) ?? { grades: [0, 0, 0, 0, 0], serious: 0 };
    row.grades[e.grade - 1] = (row.grades[e.grade - 1] as number) + 1;
    if (e.serious) row.serious++;
    byTerm.set(label, row);
  }
  return [...byTerm.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([term, r]) => ({ term, ...r }));
}

/** Expedited reports not yet submitted, soonest due first, for the dashboard. */
export async function openReports(store: Store, act: Act): Promise<OpenReports> {
  allowOutcomes(act, "readOutcomes", "read outcomes");
  const events = await adverseEventsOf(store.db);
  return {
    items: events
      .filter((e) => e.expedited && e.reportedAt === null && e.reportDueAt !== null)
      .sort((a, b) => (a.reportDueAt as string).localeCompare(b.reportDueAt as string))
      .map((e) => ({
        id: e.id,
        mrn: e.mrn,
        term: termLabel(e),
        grade: e.grade,
        reportDueAt: e.reportDueAt as string,
        report: reportClock(e, act.at),
      })),
  };
}
