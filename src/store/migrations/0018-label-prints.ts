/**
 * Label prints (issue 14): every label printed for a product, final or quarantine, with who printed it,
 * when, its copy number and, for a reprint (any print after the product's first final label), why.
 * Owner: bank. One copy number per product, counted over both kinds, so the n-th label of a bag is one row.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("label_print")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('final','quarantine')`))
    .addColumn("copy", "integer", (c) => c.notNull().check(sql`copy >= 1`))
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('pdf','svg')`))
    .addColumn("printed_at", "text", (c) => c.notNull())
    .addColumn("printed_by", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addUniqueConstraint("label_print_copy", ["product_id", "copy"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("label_print").execute();
}
