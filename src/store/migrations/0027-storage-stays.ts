/**
 * Storage history (issue 18): `storage_stay` keeps each product's stay in each position — the device, rack,
 * box and position, from when and to when (null while it is still there). Owner: bank. A freezer alarm's
 * exposed products and a look-back from a storage device read it, so a product moved or shipped out during
 * an excursion is still found and one stored after it is not. Existing placements become open stays from
 * their storage time; earlier moves were never kept as rows, so history before this migration is only what
 * is stored now (the custody chain and the audit trail still tell the rest).
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("storage_stay")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("device_id", "text", (c) => c.notNull())
    .addColumn("freezer", "text", (c) => c.notNull())
    .addColumn("rack", "text", (c) => c.notNull())
    .addColumn("box", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("from_at", "text", (c) => c.notNull())
    .addColumn("to_at", "text")
    .addColumn("stored_by", "text", (c) => c.notNull())
    .addCheckConstraint("storage_stay_order", sql`to_at is null or to_at >= from_at`)
    .execute();
  await db.schema
    .createIndex("storage_stay_device")
    .on("storage_stay")
    .columns(["device_id", "from_at"])
    .execute();
  await db.schema
    .createIndex("storage_stay_product")
    .on("storage_stay")
    .columns(["product_id", "to_at"])
    .execute();
  // One open stay per product: a product is in one position at a time.
  await sql`create unique index storage_stay_open on storage_stay (product_id) where to_at is null`.execute(
    db,
  );
  await sql`
    insert into storage_stay (id, product_id, device_id, freezer, rack, box, position, from_at, to_at, stored_by)
    select 'backfill-' || p.product_id, p.product_id, r.device_id, p.freezer, p.rack, p.box, p.position,
           p.stored_at, null, p.stored_by
      from storage_placement p
      join storage_box b on b.id = p.box_id
      join storage_rack r on r.id = b.rack_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("storage_stay").execute();
}
