/** Indexes for the inventory's pages (issue 5): newest first, by status, and collection by source. */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("product_created").on("product").columns(["created_at", "id"]).execute();
  await db.schema
    .createIndex("product_status_created")
    .on("product")
    .columns(["status", "created_at"])
    .execute();
  await db.schema.createIndex("collection_source").on("collection").columns(["source"]).execute();
  await db.schema.createIndex("product_expires").on("product").columns(["expires_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ["product_expires", "collection_source", "product_status_created", "product_created"]) {
    await db.schema.dropIndex(i).execute();
  }
}
