/** DIN allocation per facility and year (issue 4): a counter, and every DIN ever issued, so none is reused. */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("din_counter")
    .addColumn("fin", "text", (c) => c.notNull())
    .addColumn("year", "text", (c) => c.notNull())
    .addColumn("last_sequence", "integer", (c) => c.notNull().check(sql`last_sequence between 0 and 999999`))
    .addPrimaryKeyConstraint("din_counter_pk", ["fin", "year"])
    .execute();
  await db.schema
    .createTable("allocated_din")
    .addColumn("din", "text", (c) => c.primaryKey())
    .addColumn("allocated_at", "text", (c) => c.notNull())
    .addColumn("allocated_by", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("allocated_din").execute();
  await db.schema.dropTable("din_counter").execute();
}
