/**
 * The bank's quality system, part one (issue 18): materials, equipment, look-back and recall. Owner: bank.
 *
 * - material_lot: a reagent or supply by lot (supplier, lot number, expiry date, received), accepted or
 *   rejected by whom and when; a lot is used only once accepted and through its expiry date.
 * - equipment: a device by asset id (kind, model, serial, optionally the storage device it is), with its
 *   calibration and maintenance due dates; equipment_service is each calibration or maintenance done.
 * - material_use: which lot or piece of equipment a processing step or QC test used, on which product and
 *   when (the look-back's index: by lot, by equipment and time, by DIN).
 * - recall, recall_product (what the look-back found and where each was), recall_action (notify, hold,
 *   retrieve: each closed with who and when).
 * - product_hold gains its source: "qc" (a result, as before) or "recall" (the recall that holds it). Its
 *   qc_result_id becomes optional, so the table is rebuilt (SQLite cannot drop a NOT NULL).
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("material_lot")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("material", "text", (c) => c.notNull())
    .addColumn("supplier", "text", (c) => c.notNull())
    .addColumn("lot_number", "text", (c) => c.notNull())
    .addColumn("expires_on", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("received_by", "text", (c) => c.notNull())
    .addColumn("acceptance", "text", (c) =>
      c.notNull().check(sql`acceptance in ('pending','accepted','rejected')`),
    )
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("decision_reason", "text")
    .addUniqueConstraint("material_lot_number", ["supplier", "material", "lot_number"])
    .addCheckConstraint(
      "material_lot_decided",
      sql`(acceptance = 'pending' and decided_at is null and decided_by is null)
        or (acceptance <> 'pending' and decided_at is not null and decided_by is not null)`,
    )
    .execute();
  await db.schema
    .createTable("equipment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("asset_id", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("serial", "text", (c) => c.notNull())
    .addColumn("storage_device_id", "text", (c) => c.references("storage_device.id").unique())
    .addColumn("calibration_due", "text", (c) => c.notNull())
    .addColumn("maintenance_due", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("equipment_service")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("equipment_id", "text", (c) => c.notNull().references("equipment.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('calibration','maintenance')`))
    .addColumn("performed_on", "text", (c) => c.notNull())
    .addColumn("performed_by", "text", (c) => c.notNull())
    .addColumn("next_due", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("equipment_service_of")
    .on("equipment_service")
    .columns(["equipment_id", "performed_on"])
    .execute();
  await db.schema
    .createTable("material_use")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("din", "text", (c) => c.notNull())
    .addColumn("record_kind", "text", (c) => c.notNull().check(sql`record_kind in ('processing','qc')`))
    .addColumn("record_id", "text", (c) => c.notNull())
    .addColumn("lot_id", "text", (c) => c.references("material_lot.id"))
    .addColumn("equipment_id", "text", (c) => c.references("equipment.id"))
    .addColumn("used_at", "text", (c) => c.notNull())
    .addCheckConstraint("material_use_one", sql`(lot_id is null) <> (equipment_id is null)`)
    .execute();
  await db.schema.createIndex("material_use_lot").on("material_use").columns(["lot_id", "din"]).execute();
  await db.schema
    .createIndex("material_use_equipment")
    .on("material_use")
    .columns(["equipment_id", "used_at"])
    .execute();
  await db.schema.createIndex("material_use_product").on("material_use").columns(["product_id"]).execute();
  // The look-back's other entries: a donor's or mother's collections, and the products of a DIN.
  await db.schema.createIndex("collection_donor").on("collection").columns(["donor_id"]).execute();
  await db.schema.createIndex("collection_mother").on("collection").columns(["mother_id"]).execute();

  await db.schema
    .createTable("recall")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("origin", "text", (c) =>
      c.notNull().check(sql`origin in ('lot','equipment','donor','product')`),
    )
    .addColumn("origin_ref", "text", (c) => c.notNull())
    .addColumn("window_from", "text")
    .addColumn("window_to", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('open','closed')`))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("close_signature_id", "text", (c) => c.references("signature.id"))
    .addColumn("close_note", "text")
    .addCheckConstraint(
      "recall_closed",
      sql`(state = 'open' and closed_at is null and close_signature_id is null)
        or (state = 'closed' and closed_at is not null and closed_by is not null and close_signature_id is not null)`,
    )
    .execute();
  await db.schema.createIndex("recall_state").on("recall").columns(["state", "opened_at"]).execute();
  await db.schema
    .createTable("recall_product")
    .addColumn("recall_id", "text", (c) => c.notNull().references("recall.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("din", "text", (c) => c.notNull())
    .addColumn("status_at_recall", "text", (c) => c.notNull())
    .addColumn("whereabouts", "text", (c) => c.notNull())
    .addColumn("held", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("recall_product_pk", ["recall_id", "product_id"])
    .execute();
  await db.schema
    .createTable("recall_action")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recall_id", "text", (c) => c.notNull().references("recall.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('notify','hold','retrieve')`))
    .addColumn("product_id", "text", (c) => c.references("product.id"))
    .addColumn("party", "text")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("message", "text")
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('open','closed')`))
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("outcome", "text")
    .addUniqueConstraint("recall_action_seq", ["recall_id", "seq"])
    .addCheckConstraint(
      "recall_action_closed",
      sql`(state = 'open' and closed_at is null) or (state = 'closed' and closed_at is not null and closed_by is not null and outcome is not null)`,
    )
    .execute();

  // product_hold, rebuilt with its source.
  await db.schema
    .createTable("product_hold_new")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("din", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('qc','recall')`))
    .addColumn("qc_result_id", "text", (c) => c.references("qc_result.id"))
    .addColumn("recall_id", "text", (c) => c.references("recall.id"))
    .addColumn("status_at_hold", "text", (c) => c.notNull())
    .addColumn("held_at", "text", (c) => c.notNull())
    .addColumn("held_by", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('open','closed')`))
    .addColumn("disposition", "text", (c) =>
      c.check(sql`disposition is null or disposition in ('discard','release','quarantine')`),
    )
    .addColumn("disposition_reason", "text")
    .addColumn("disposition_signature_id", "text", (c) => c.references("signature.id"))
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addCheckConstraint(
      "product_hold_source",
      sql`(source = 'qc' and qc_result_id is not null and recall_id is null)
        or (source = 'recall' and recall_id is not null and qc_result_id is null)`,
    )
    .addCheckConstraint(
      "product_hold_closed",
      sql`(state = 'open' and disposition is null and closed_at is null and disposition_signature_id is null)
        or (state = 'closed' and disposition is not null and closed_at is not null
            and disposition_signature_id is not null and disposition_reason is not null)`,
    )
    .execute();
  await sql`insert into product_hold_new (id, product_id, din, reason, source, qc_result_id, recall_id,
      status_at_hold, held_at, held_by, state, disposition, disposition_reason, disposition_signature_id,
      closed_at, closed_by)
    select id, product_id, din, reason, 'qc', qc_result_id, null, status_at_hold, held_at, held_by, state,
      disposition, disposition_reason, disposition_signature_id, closed_at, closed_by
    from product_hold`.execute(db);
  await db.schema.dropTable("product_hold").execute();
  await db.schema.alterTable("product_hold_new").renameTo("product_hold").execute();
  await db.schema
    .createIndex("product_hold_product")
    .on("product_hold")
    .columns(["product_id", "state"])
    .execute();
  await db.schema.createIndex("product_hold_state").on("product_hold").columns(["state"]).execute();
  await db.schema.createIndex("product_hold_recall").on("product_hold").columns(["recall_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from product_hold where source = 'recall'`.execute(db);
  await db.schema
    .createTable("product_hold_old")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("din", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("qc_result_id", "text", (c) => c.notNull().references("qc_result.id"))
    .addColumn("status_at_hold", "text", (c) => c.notNull())
    .addColumn("held_at", "text", (c) => c.notNull())
    .addColumn("held_by", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("disposition", "text")
    .addColumn("disposition_reason", "text")
    .addColumn("disposition_signature_id", "text", (c) => c.references("signature.id"))
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .execute();
  await sql`insert into product_hold_old select id, product_id, din, reason, qc_result_id, status_at_hold,
    held_at, held_by, state, disposition, disposition_reason, disposition_signature_id, closed_at, closed_by
    from product_hold`.execute(db);
  await db.schema.dropTable("product_hold").execute();
  await db.schema.alterTable("product_hold_old").renameTo("product_hold").execute();
  for (const t of ["recall_action", "recall_product", "recall", "material_use", "equipment_service"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropTable("equipment").execute();
  await db.schema.dropTable("material_lot").execute();
  for (const i of ["collection_donor", "collection_mother"]) {
    await db.schema.dropIndex(i).execute();
  }
}
