/**
 * Therapy (issue 6): infant patients and their weights, protocol versions activated by a signature,
 * treatment plans with their scheduled doses, dose orders, bedside checks (passed or blocked, both kept)
 * and infusions. Checks make wrong states unstorable: one MRN per patient, one active version per
 * protocol, one plan dose per number, one infusion per order.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("patient")
    .addColumn("mrn", "text", (c) => c.primaryKey())
    .addColumn("given_name", "text", (c) => c.notNull())
    .addColumn("family_name", "text", (c) => c.notNull())
    .addColumn("birth_at", "text", (c) => c.notNull())
    .addColumn("birth_offset", "text", (c) => c.notNull())
    .addColumn("sex", "text", (c) => c.notNull().check(sql`sex in ('female','male','undetermined')`))
    .addColumn("gestational_weeks", "integer", (c) => c.notNull())
    .addColumn("gestational_days", "integer", (c) => c.notNull())
    .addColumn("birth_weight_grams", "double precision", (c) => c.notNull())
    .addColumn("mother_mrn", "text")
    .addColumn("icd10", "text", (c) => c.notNull())
    .addColumn("indication", "text", (c) => c.notNull())
    .addColumn("diagnosis", "text", (c) => c.notNull())
    .addColumn("hla", "text")
    .addColumn("antibodies", "text")
    .addColumn("cord_blood_collected_ml", "double precision")
    .addColumn("respiratory_support", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("patient_weight")
    .addColumn("mrn", "text", (c) => c.notNull().references("patient.mrn"))
    .addColumn("measured_at", "text", (c) => c.notNull())
    .addColumn("grams", "double precision", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("patient_weight_pk", ["mrn", "measured_at"])
    .execute();
  await db.schema
    .createTable("protocol_version")
    .addColumn("protocol_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("activated_at", "text", (c) => c.notNull())
    .addColumn("activated_by", "text", (c) => c.notNull())
    .addColumn("signature_id", "text", (c) => c.notNull().references("signature.id"))
    .addPrimaryKeyConstraint("protocol_version_pk", ["protocol_id", "version"])
    .execute();
  await db.schema
    .createTable("plan")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mrn", "text", (c) => c.notNull().references("patient.mrn"))
    .addColumn("protocol_id", "text", (c) => c.notNull())
    .addColumn("protocol_version", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('active','completed','withdrawn')`))
    .addColumn("consent_ref", "text", (c) => c.notNull())
    .addColumn("consent_by", "text", (c) => c.notNull())
    .addColumn("consent_at", "text", (c) => c.notNull())
    .addColumn("day0", "text")
    .addColumn("conditioning_from", "text")
    .addColumn("eligibility", "text", (c) => c.notNull())
    .addColumn("enrolled_at", "text", (c) => c.notNull())
    .addColumn("enrolled_by", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("end_reason", "text")
    .execute();
  await db.schema.createIndex("plan_mrn").on("plan").columns(["mrn"]).execute();
  await db.schema.createIndex("plan_state").on("plan").columns(["state"]).execute();
  await db.schema
    .createTable("plan_dose")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("earliest", "text", (c) => c.notNull())
    .addColumn("latest", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('scheduled','given','missed')`))
    .addColumn("missed_reason", "text")
    .addPrimaryKeyConstraint("plan_dose_pk", ["plan_id", "number"])
    .execute();
  await db.schema
    .createTable("dose_order")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plan.id"))
    .addColumn("dose_number", "integer", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("weight_grams", "double precision", (c) => c.notNull())
    .addColumn("weighed_at", "text", (c) => c.notNull())
    .addColumn("concentration_per_ml", "double precision", (c) => c.notNull())
    .addColumn("concentration_source", "text", (c) => c.notNull())
    .addColumn("target_per_kg", "double precision", (c) => c.notNull())
    .addColumn("draw_ml", "double precision", (c) => c.notNull())
    .addColumn("delivered_per_kg", "double precision", (c) => c.notNull())
    .addColumn("arithmetic", "text", (c) => c.notNull())
    .addColumn("exception_reason", "text")
    .addColumn("exception_signature_id", "text", (c) => c.references("signature.id"))
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('ordered','verified','infused','cancelled')`),
    )
    .addColumn("ordered_at", "text", (c) => c.notNull())
    .addColumn("ordered_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dose_order_plan").on("dose_order").columns(["plan_id"]).execute();
  await db.schema
    .createTable("bedside_check")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("dose_order.id"))
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('passed','blocked')`))
    .addColumn("scanned_wristband", "text", (c) => c.notNull())
    .addColumn("scanned_din", "text", (c) => c.notNull())
    .addColumn("scanned_product_code", "text", (c) => c.notNull())
    .addColumn("results", "text", (c) => c.notNull())
    .addColumn("administered_by", "text", (c) => c.notNull())
    .addColumn("verified_by", "text", (c) => c.notNull())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("bedside_check_order").on("bedside_check").columns(["order_id"]).execute();
  await db.schema
    .createTable("infusion")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().unique().references("dose_order.id"))
    .addColumn("check_id", "text", (c) => c.notNull().references("bedside_check.id"))
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("mrn", "text", (c) => c.notNull().references("patient.mrn"))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text", (c) => c.notNull())
    .addColumn("volume_ml", "double precision", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("vitals", "text", (c) => c.notNull())
    .addColumn("reactions", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("infusion_mrn").on("infusion").columns(["mrn"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "infusion",
    "bedside_check",
    "dose_order",
    "plan_dose",
    "plan",
    "protocol_version",
    "patient_weight",
    "patient",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
