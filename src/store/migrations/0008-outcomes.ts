/**
 * Outcomes (issue 7): consents per scope against a versioned document, with withdrawal; follow-up forms
 * recorded against a plan's visits; adverse events with grade, seriousness, attribution and expectedness.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("consent")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mrn", "text", (c) => c.notNull().references("patient.mrn"))
    .addColumn("scope", "text", (c) =>
      c.notNull().check(sql`scope in ('cord-blood-banking','treatment','research','data-sharing')`),
    )
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("document_version", "text", (c) => c.notNull())
    .addColumn("signed_by", "text", (c) => c.notNull())
    .addColumn("relationship", "text", (c) => c.notNull())
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addColumn("witness", "text", (c) => c.notNull())
    .addColumn("witness_signature_id", "text", (c) => c.notNull().references("signature.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text")
    .addColumn("withdrawal_reason", "text")
    .execute();
  await db.schema.createIndex("consent_mrn").on("consent").columns(["mrn", "scope"]).execute();
  await db.schema
    .createTable("follow_up_form")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("mrn", "text", (c) => c.notNull().references("patient.mrn"))
    .addColumn("visit", "text", (c) => c.notNull())
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("observed_at", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("follow_up_form_plan").on("follow_up_form").columns(["plan_id"]).execute();
  await db.schema
    .createTable("adverse_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mrn", "text", (c) => c.notNull().references("patient.mrn"))
    .addColumn("plan_id", "text", (c) => c.references("plan.id"))
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("grade", "integer", (c) => c.notNull().check(sql`grade between 1 and 5`))
    .addColumn("serious", "integer", (c) => c.notNull())
    .addColumn("attribution", "text", (c) =>
      c.notNull().check(sql`attribution in ('unrelated','unlikely','possible','probable','definite')`),
    )
    .addColumn("expected", "integer", (c) => c.notNull())
    .addColumn("onset_at", "text", (c) => c.notNull())
    .addColumn("aware_at", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("expedited", "integer", (c) => c.notNull())
    .addColumn("report_due_at", "text")
    .addColumn("reported_at", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("adverse_event_mrn").on("adverse_event").columns(["mrn"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["adverse_event", "follow_up_form", "consent"]) await db.schema.dropTable(t).execute();
}
