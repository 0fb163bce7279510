/**
 * The bank's quality system (issue 18, parts 3 to 6). Owner: bank (src/bank/quality/).
 *
 * - quality_deviation: a planned or unplanned deviation, its impact assessment, the 21 CFR 1271.350(b)
 *   report when it touched distributed products, and its signed closure; quality_deviation_link: the
 *   products, processing steps and equipment (by asset id) it touched. An open one bars release.
 * - quality_capa: a corrective or preventive action, its owner, due date and completion.
 * - monitoring_device: the monitoring of one storage device: thresholds, acknowledgment and silence
 *   intervals, who an unacknowledged alarm escalates to, and the SHA-256 of its monitoring system's token.
 * - monitoring_reading: one reading per device and time (the primary key makes a repeat one reading).
 * - monitoring_alarm: an excursion, a low LN2 level or a silent sensor, its escalation, acknowledgment
 *   and closure with the product impact assessment (each signed).
 * - vigilance_case: an adverse reaction or a product complaint from a treating centre, its clocks and
 *   its report to the authority.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("quality_deviation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("discovered_at", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("distributed", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("impact", "text")
    .addColumn("reportable", "integer")
    .addColumn("assessed_at", "text")
    .addColumn("assessed_by", "text")
    .addColumn("report_due_date", "text")
    .addColumn("report_submitted_at", "text")
    .addColumn("report_reference", "text")
    .addColumn("report_submitted_by", "text")
    .addColumn("decision", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("closure_signature_id", "text")
    .execute();
  await db.schema
    .createTable("quality_deviation_link")
    .addColumn("deviation_id", "text", (c) => c.notNull().references("quality_deviation.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("din", "text")
    .addPrimaryKeyConstraint("quality_deviation_link_pk", ["deviation_id", "kind", "ref"])
    .execute();
  await db.schema
    .createIndex("quality_deviation_link_ref")
    .on("quality_deviation_link")
    .columns(["kind", "ref"])
    .execute();
  await db.schema
    .createTable("quality_capa")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deviation_id", "text", (c) => c.references("quality_deviation.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("completed_at", "text")
    .addColumn("completed_by", "text")
    .execute();
  await db.schema
    .createTable("monitoring_device")
    .addColumn("device_id", "text", (c) => c.primaryKey().references("storage_device.id"))
    .addColumn("max_celsius", "double precision", (c) => c.notNull())
    .addColumn("min_ln2_level", "double precision")
    .addColumn("ack_minutes", "integer", (c) => c.notNull())
    .addColumn("silent_minutes", "integer", (c) => c.notNull())
    .addColumn("escalate_to", "text", (c) => c.notNull())
    .addColumn("token_hash", "text")
    .addColumn("token_set_at", "text")
    .addColumn("token_set_by", "text")
    .addColumn("set_at", "text", (c) => c.notNull())
    .addColumn("set_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("monitoring_reading")
    .addColumn("device_id", "text", (c) => c.notNull().references("storage_device.id"))
    .addColumn("read_at", "text", (c) => c.notNull())
    .addColumn("celsius", "double precision", (c) => c.notNull())
    .addColumn("ln2_level", "double precision")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("monitoring_reading_pk", ["device_id", "read_at"])
    .execute();
  await db.schema
    .createTable("monitoring_alarm")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("device_id", "text", (c) => c.notNull().references("storage_device.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("raised_at", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("threshold", "double precision")
    .addColumn("recovered_at", "text")
    .addColumn("escalated_at", "text")
    .addColumn("escalated_to", "text")
    .addColumn("acknowledged_at", "text")
    .addColumn("acknowledged_by", "text")
    .addColumn("ack_note", "text")
    .addColumn("ack_signature_id", "text")
    .addColumn("actions", "text")
    .addColumn("impact", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("close_signature_id", "text")
    .execute();
  await db.schema
    .createIndex("monitoring_alarm_device")
    .on("monitoring_alarm")
    .columns(["device_id", "state"])
    .execute();
  await db.schema
    .createTable("vigilance_case")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("din", "text", (c) => c.notNull())
    .addColumn("donor_id", "text", (c) => c.notNull())
    .addColumn("centre", "text", (c) => c.notNull())
    .addColumn("learned_at", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("serious", "integer", (c) => c.notNull())
    .addColumn("communicable_disease", "integer", (c) => c.notNull())
    .addColumn("fda_due_date", "text")
    .addColumn("eu_due_date", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("investigation", "text")
    .addColumn("investigated_at", "text")
    .addColumn("investigated_by", "text")
    .addColumn("fda_submitted_at", "text")
    .addColumn("fda_reference", "text")
    .addColumn("fda_submitted_by", "text")
    .addColumn("eu_submitted_at", "text")
    .addColumn("eu_reference", "text")
    .addColumn("eu_submitted_by", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("close_signature_id", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "vigilance_case",
    "monitoring_alarm",
    "monitoring_reading",
    "monitoring_device",
    "quality_capa",
    "quality_deviation_link",
    "quality_deviation",
  ])
    await db.schema.dropTable(t).execute();
}
