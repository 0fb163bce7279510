/**
 * Adverse events coded in CTCAE v5.0, and the one death record (issue 16). Owner: outcomes.
 *
 * - adverse_event gains the MedDRA code and system organ class of its term, the text of an "Other,
 *   specify" term, and `coding`: 'ctcae-5.0' for terms checked against NCI's dictionary, 'not-coded' for the
 *   free-text terms recorded before it (kept as typed, never mapped by guess). It also gains the expedited
 *   report's reference and who recorded its submission.
 * - death: one row per patient (the primary key), the date and cause every report, curve and export reads,
 *   with where it was first recorded (a grade 5 adverse event or a vital-status form) and any correction.
 *   Existing deaths move in: the earliest vital-status form saying "not alive" of each patient, else the
 *   earliest grade 5 adverse event (its onset date as the date of death, its term as the cause: CTCAE's
 *   grade 5 is death related to that event), each marked with the row it came from.
 */
import { type Kysely, sql } from "kysely";

// The store's camelCase plugin runs here too: names in code are camelCase, snake_case in the database.
interface FormRow {
  id: string;
  mrn: string;
  form: string;
  data: string;
  observedAt: string;
  recordedAt: string;
  recordedBy: string;
}
interface EventRow {
  id: string;
  mrn: string;
  term: string;
  grade: number;
  onsetAt: string;
  recordedAt: string;
  recordedBy: string;
}
interface DeathRow {
  mrn: string;
  diedOn: string;
  cause: string;
  source: string;
  sourceId: string;
  recordedAt: string;
  recordedBy: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("adverse_event")
    .addColumn("coding", "text", (c) =>
      c.notNull().defaultTo("not-coded").check(sql`coding in ('ctcae-5.0','not-coded')`),
    )
    .execute();
  for (const [name, type] of [
    ["meddra_code", "integer"],
    ["soc", "text"],
    ["other_specify", "text"],
    ["report_reference", "text"],
    ["reported_by", "text"],
  ] as const) {
    await db.schema.alterTable("adverse_event").addColumn(name, type).execute();
  }
  await db.schema
    .createTable("death")
    .addColumn("mrn", "text", (c) => c.primaryKey().references("patient.mrn"))
    .addColumn("died_on", "text", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('adverse-event','follow-up')`))
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("corrected_at", "text")
    .addColumn("corrected_by", "text")
    .addColumn("correction_reason", "text")
    .execute();

  const raw = db as unknown as Kysely<{ followUpForm: FormRow; adverseEvent: EventRow; death: DeathRow }>;
  const dead = new Set<string>();
  const forms = await raw
    .selectFrom("followUpForm")
    .select(["id", "mrn", "data", "observedAt", "recordedAt", "recordedBy"])
    .where("form", "=", "vital-status")
    .orderBy("observedAt")
    .execute();
  for (const f of forms) {
    const data = JSON.parse(f.data) as { alive?: unknown; deathDate?: unknown; cause?: unknown };
    if (data.alive !== false || typeof data.deathDate !== "string" || dead.has(f.mrn)) continue;
    dead.add(f.mrn);
    await raw
      .insertInto("death")
      .values({
        mrn: f.mrn,
        diedOn: data.deathDate,
        cause: typeof data.cause === "string" && data.cause.trim() ? data.cause.trim() : "not recorded",
        source: "follow-up",
        sourceId: f.id,
        recordedAt: f.recordedAt,
        recordedBy: f.recordedBy,
      })
      .execute();
  }
  const fatal = await raw
    .selectFrom("adverseEvent")
    .select(["id", "mrn", "term", "onsetAt", "recordedAt", "recordedBy"])
    .where("grade", "=", 5)
    .orderBy("onsetAt")
    .execute();
  for (const e of fatal) {
    if (dead.has(e.mrn)) continue;
    dead.add(e.mrn);
    await raw
      .insertInto("death")
      .values({
        mrn: e.mrn,
        diedOn: e.onsetAt.slice(0, 10),
        cause: e.term,
        source: "adverse-event",
        sourceId: e.id,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy,
      })
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("death").execute();
  for (const c of ["reported_by", "report_reference", "other_specify", "soc", "meddra_code", "coding"]) {
    await db.schema.alterTable("adverse_event").dropColumn(c).execute();
  }
}
