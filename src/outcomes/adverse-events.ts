/**
 * Adverse events: a CTCAE v5 term and grade (1 mild … 5 death), seriousness recorded apart from severity,
 * attribution to the cell product, and expectedness. A serious, unexpected event at least possibly related
 * must be reported to the regulator in expedited form (21 CFR 312.32): within 7 calendar days of learning
 * of it when fatal or life-threatening (grade 4–5), else within 15.
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
import { type Attribution, RELATED, TERM_LENGTH } from "./ctcae.js";
import type { AdverseEventRow } from "./report-schemas.js";
import {
  type AdverseEvent,
  IdParamsSchema,
  type NewAdverseEvent,
  NewAdverseEventSchema,
  ReportSentSchema,
} from "./schemas.js";

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

export async function recordAdverseEvent(
  store: Store,
  input: NewAdverseEvent,
  act: Act,
): Promise<AdverseEvent> {
  allowOutcomes(act, "recordAdverseEvent", "record adverse events");
  const given = check(NewAdverseEventSchema, input);
  const term = given.term.trim();
  if (term.length < TERM_LENGTH.min) {
    const reason = `is shorter than ${TERM_LENGTH.min} characters: a CTCAE v5 term such as "Febrile neutropenia"`;
    throw new CradleError("INVALID_INPUT", `term "${given.term}" ${reason}`, {
      field: "term",
      value: given.term,
      reason,
    });
  }
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
      term,
      ...base,
      onsetAt,
      description: given.description.trim(),
      ...expeditedReport(base),
      reportedAt: null,
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
    return e;
  });
}

function toEvent(r: Awaited<ReturnType<typeof rowsOf>>[number]): AdverseEvent {
  return {
    ...r,
    attribution: r.attribution as Attribution,
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

/** Records that the expedited report was sent. */
export async function markReported(
  store: Store,
  id: string,
  reportedAt: string,
  act: Act,
): Promise<AdverseEvent> {
  allowOutcomes(act, "reportAdverseEvent", "record expedited reports");
  check(IdParamsSchema, { id });
  const at = pastInstant("reportedAt", check(ReportSentSchema, { reportedAt }).reportedAt, act.at);
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
    await tx.updateTable("adverseEvent").set({ reportedAt: at }).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "adverse-event.reported",
      entityType: "patient",
      entityId: e.mrn,
      before: e,
      after: { ...e, reportedAt: at },
      at: act.at,
    });
    return { ...e, reportedAt: at };
  });
}

/** Counts by term and grade, for the outcomes page. */
export function adverseEventTable(events: readonly AdverseEvent[]): AdverseEventRow[] {
  const byTerm = new Map<string, { grades: number[]; serious: number }>();
  for (const e of events) {
    const row = byTerm.get(e.term) ?? { grades: [0, 0, 0, 0, 0], serious: 0 };
    row.grades[e.grade - 1] = (row.grades[e.grade - 1] as number) + 1;
    if (e.serious) row.serious++;
    byTerm.set(e.term, row);
  }
  return [...byTerm.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([term, r]) => ({ term, ...r }));
}
