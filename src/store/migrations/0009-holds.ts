/**
 * Holds (issue 14): a failed or reactive QC result recorded for a product puts it, and every other product
 * of its DIN, on hold; only a quality manager's signed disposition closes a hold. A QC result that
 * contradicts an earlier one of the same test and stage carries why it was retested.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("product_hold")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("product.id"))
    .addColumn("din", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("qc_result_id", "text", (c) => c.notNull().references("qc_result.id"))
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
      "product_hold_closed",
      sql`(state = 'open' and disposition is null and closed_at is null and disposition_signature_id is null)
        or (state = 'closed' and disposition is not null and closed_at is not null
            and disposition_signature_id is not null and disposition_reason is not null)`,
    )
    .execute();
  await db.schema
    .createIndex("product_hold_product")
    .on("product_hold")
    .columns(["product_id", "state"])
    .execute();
  await db.schema.createIndex("product_hold_state").on("product_hold").columns(["state"]).execute();
  await db.schema
    .alterTable("qc_result")
    .addColumn("retest", "text", (c) => c.check(sql`retest is null or retest in ('repeat','confirmatory')`))
    .execute();
  await db.schema.alterTable("qc_result").addColumn("retest_reason", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("product_hold").execute();
  await db.schema.alterTable("qc_result").dropColumn("retest_reason").execute();
  await db.schema.alterTable("qc_result").dropColumn("retest").execute();
}
