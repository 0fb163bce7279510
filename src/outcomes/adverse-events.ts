import type { Act } from "../accounts/act.js";
/**
 * Adverse events: a CTCAE v5 term and grade (1 mild … 5 death), seriousness recorded apart from severity,
 * attribution to the cell product, and expectedness. A serious, unexpected event at least possibly related
 * must be reported to the regulator in expedited form (21 CFR 312.32): within 7 calendar days of learning
 * of it when fatal or life-threatening (grade 4–5), else within 15.
 */
import { appendAudit } from "../audit/trail.js";
import { pastInstant } from "../contract/time.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { getPatient } from "../therapy/patients.js";
import { allowOutcomes } from "./act.js";

export const ATTRIBUTIONS = ["unrelated", "unlikely", "possible", "probable", "definite"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];
const RELATED: readonly Attribution[] = ["possible", "probable", "definite"];

export interface AdverseEvent {
  id: string;
  mrn: string;
  planId: string | null;
  term: string;
  grade: 1 | 2 | 3 | 4 | 5;
  serious: boolean;
  attribution: Attribution;
  expected: boolean;
  onsetAt: string;
  awareAt: string;
  description: string;
  expedited: boolean;
  reportDueAt: string | null;
  reportedAt: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface NewAdverseEvent {
  mrn: string;
  planId?: string;
  term: string;
  grade: number;
  serious: boolean;
  attribution: string;
  expected: boolean;
  onsetAt: string;
  /** When the program learned of it (the reporting clock starts here); now when left out. */
  awareAt?: string;
  description: string;
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

export async function recordAdverseEvent(
  store: Store,
  input: NewAdverseEvent,
  act: Act,
): Promise<AdverseEvent> {
  allowOutcomes(act, "recordAdverseEvent", "record adverse events");
  const term = (input.term ?? "").trim();
  if (term.length < 2 || term.length > 200) {
    throw new CradleError(
      "INVALID_INPUT",
      `term "${input.term}": a CTCAE v5 term such as "Febrile neutropenia"`,
      { field: "term" },
    );
  }
  if (!Number.isInteger(input.grade) || input.grade < 1 || input.grade > 5) {
    throw new CradleError("INVALID_INPUT", `grade ${input.grade}: CTCAE grades are 1 to 5`, {
      field: "grade",
      value: input.grade,
    });
  }
  if (!(ATTRIBUTIONS as readonly string[]).includes(input.attribution)) {
    throw new CradleError(
      "INVALID_INPUT",
      `attribution "${input.attribution}" is not one of ${ATTRIBUTIONS.join(", ")}`,
      {
        field: "attribution",
        value: input.attribution,
      },
    );
  }
  const onsetAt = pastInstant("onsetAt", input.onsetAt, act.at);
  const awareAt = input.awareAt ? pastInstant("awareAt", input.awareAt, act.at) : act.at.toISOString();
  if (awareAt < onsetAt) {
    throw new CradleError("INVALID_INPUT", `awareAt ${input.awareAt} is before the onset ${input.onsetAt}`, {
      field: "awareAt",
    });
  }
  const base = {
    grade: input.grade as AdverseEvent["grade"],
    serious: input.serious === true,
    expected: input.expected === true,
    attribution: input.attribution as Attribution,
    awareAt,
  };
  return write(store, async (tx) => {
    const patient = await getPatient(tx, input.mrn);
    if (input.planId) {
      const plan = await tx
        .selectFrom("plan")
        .select("mrn")
        .where("id", "=", input.planId)
        .executeTakeFirst();
      if (plan?.mrn !== patient.mrn) {
        throw new CradleError("INVALID_INPUT", `planId ${input.planId} is not a plan of ${patient.mrn}`, {
          field: "planId",
        });
      }
    }
    const e: AdverseEvent = {
      id: crypto.randomUUID(),
      mrn: patient.mrn,
      planId: input.planId ?? null,
      term,
      ...base,
      onsetAt,
      description: (input.description ?? "").trim(),
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
    grade: r.grade as AdverseEvent["grade"],
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
  const at = pastInstant("reportedAt", reportedAt, act.at);
  return write(store, async (tx) => {
    const [e] = (await tx.selectFrom("adverseEvent").selectAll().where("id", "=", id).execute()).map(toEvent);
    if (!e) throw new CradleError("INVALID_INPUT", `no adverse event ${id}`, { field: "id", value: id });
    if (!e.expedited)
      throw new CradleError("INVALID_INPUT", `adverse event ${id} needs no expedited report`, {
        field: "id",
        value: id,
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
export function adverseEventTable(
  events: readonly AdverseEvent[],
): { term: string; grades: number[]; serious: number }[] {
  const byTerm = new Map<string, { grades: number[]; serious: number }>();
  for (const e of events) {
    const row = byTerm.get(e.term) ?? { grades: [0, 0, 0, 0, 0], serious: 0 };
    row.grades[e.grade - 1] = (row.grades[e.grade - 1] as number) + 1;
    if (e.serious) row.serious++;
    byTerm.set(e.term, row);
  }
  return [...byTerm.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([term, r]) => ({ term, ...r }));
}
