/**
 * Search reports (issue 14): a search run for a registered patient and kept with the patient's record —
 * the criteria, the IMGT/HLA and MAC versions it ran on, the counts and the ranked list with each place's
 * reason, who ran it and when. Owner: search. Written once, never changed: a new search is a new report.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("search_report")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("patient_mrn", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("criteria", "text", (c) => c.notNull())
    .addColumn("versions", "text", (c) => c.notNull())
    .addColumn("counts", "text", (c) => c.notNull())
    .addColumn("rows", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("search_report_patient")
    .on("search_report")
    .columns(["patient_mrn", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("search_report").execute();
}
