/**
 * The bank (issue 4): collections, products and divisions, processing, QC, storage placements, status
 * history, reservations, shipments with their temperature logs, custody events, and the product
 * description table each user imports. Constraints make wrong states unstorable: a status outside the
 * lifecycle, two products in one position, one product in two positions, a DIN used twice.
 */
import { type Kysely, sql } from "kysely";

const STATUSES = sql.raw(
  "('in_processing','quarantine','available','reserved','shipped','received','infused','discarded','divided')",
);
const SOURCES = sql.raw("('cord-blood','bone-marrow','peripheral-blood-apheresis','adipose-tissue')");

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("product_description")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("class_name", "text")
    .addColumn("modifiers", "text")
    .addColumn("attributes", "text")
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("imported_from", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("collection")
    .addColumn("din", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ${SOURCES}`))
    .addColumn("donor_id", "text", (c) => c.notNull())
    .addColumn("mother_id", "text")
    .addColumn("consent_ref", "text", (c) => c.notNull())
    .addColumn("collected_at", "text", (c) => c.notNull())
    .addColumn("site", "text", (c) => c.notNull())
    .addColumn("volume_ml", "double precision", (c) => c.notNull())
    .addColumn("registered_by", "text", (c) => c.notNull())
    .addColumn("registered_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("product")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("din", "text", (c) => c.notNull().references("collection.din"))
    .addColumn("product_code", "text", (c) => c.notNull())
    .addColumn("collection_type", "text", (c) => c.notNull())
    .addColumn("division", "text", (c) => c.notNull())
    .addColumn("parent_id", "text", (c) => c.references("product.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ${STATUSES}`))
    .addColumn("abo_rhd", "text")
    .addColumn("volume_ml", "double precision", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("storage_temperature", "text", (c) => c.notNull())
    .addColumn("recipient_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("product_din_code_division", ["din", "product_code", "division"])
    .execute();
  await db.schema.createIndex("product_status").on("product").columns(["status"]).execute();
  await db.schema
    .createTable("processing_step")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("performed_at", "text", (c) => c.notNull())
    .addColumn("performed_by", "text", (c) => c.notNull())
    .addColumn("method", "text")
    .addColumn("reagents", "text")
    .addColumn("equipment", "text")
    .addColumn("volume_before_ml", "double precision")
    .addColumn("volume_after_ml", "double precision")
    .addColumn("notes", "text")
    .execute();
  await db.schema
    .createIndex("processing_step_product")
    .on("processing_step")
    .columns(["product_id"])
    .execute();
  await db.schema
    .createTable("qc_result")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("test", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("result", "text")
    .addColumn("unit", "text")
    .addColumn("method", "text")
    .addColumn("tested_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("qc_result_product").on("qc_result").columns(["product_id"]).execute();
  await db.schema
    .createTable("storage_placement")
    .addColumn("product_id", "text", (c) => c.primaryKey().references("product.id"))
    .addColumn("freezer", "text", (c) => c.notNull())
    .addColumn("rack", "text", (c) => c.notNull())
    .addColumn("box", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("stored_at", "text", (c) => c.notNull())
    .addColumn("stored_by", "text", (c) => c.notNull())
    .addUniqueConstraint("storage_placement_position", ["freezer", "rack", "box", "position"])
    .execute();
  await db.schema
    .createTable("status_change")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("status_change_product").on("status_change").columns(["product_id"]).execute();
  await db.schema
    .createTable("reservation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("patient_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('active','cancelled','fulfilled')`))
    .addColumn("reserved_at", "text", (c) => c.notNull())
    .addColumn("reserved_by", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("ended_by", "text")
    .addColumn("end_reason", "text")
    .execute();
  await db.schema.createIndex("reservation_product").on("reservation").columns(["product_id"]).execute();
  await db.schema
    .createTable("shipment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("destination", "text", (c) => c.notNull())
    .addColumn("courier", "text", (c) => c.notNull())
    .addColumn("shipper_id", "text", (c) => c.notNull())
    .addColumn("shipped_at", "text", (c) => c.notNull())
    .addColumn("shipped_by", "text", (c) => c.notNull())
    .addColumn("max_celsius", "double precision", (c) => c.notNull())
    .addColumn("min_celsius", "double precision")
    .addColumn("received_at", "text")
    .addColumn("received_by", "text")
    .addColumn("condition", "text")
    .addColumn("excursion_reason", "text")
    .execute();
  await db.schema.createIndex("shipment_product").on("shipment").columns(["product_id"]).execute();
  await db.schema
    .createTable("shipment_temperature")
    .addColumn("shipment_id", "text", (c) => c.notNull().references("shipment.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("celsius", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("shipment_temperature_pk", ["shipment_id", "recorded_at"])
    .execute();
  await db.schema
    .createTable("custody_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("din", "text", (c) => c.notNull().references("collection.din"))
    .addColumn("product_id", "text", (c) => c.references("product.id"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("custody_event_din").on("custody_event").columns(["din"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "custody_event",
    "shipment_temperature",
    "shipment",
    "reservation",
    "status_change",
    "storage_placement",
    "qc_result",
    "processing_step",
    "product",
    "collection",
    "product_description",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
