/**
 * Listing changes (issue 17): every listing saved, replaced or deleted leaves its id in `listing_change`,
 * numbered from `listing_head` in the writing transaction. Owner: search. The head's row lock orders the
 * numbers as the transactions commit, so a server that has read the head up to n has seen every change up
 * to n; it follows writes by other processes (a `cradle registry import`, a second server) from there.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("listing_head")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("last_seq", "bigint", (c) => c.notNull())
    .execute();
  await sql`insert into listing_head (id, last_seq) values (1, 0)`.execute(db);
  await db.schema
    .createTable("listing_change")
    .addColumn("seq", "bigint", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('adult', 'cord')`))
    .addColumn("listing_id", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("listing_change").execute();
  await db.schema.dropTable("listing_head").execute();
}
