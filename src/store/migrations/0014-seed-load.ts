/**
 * The demo load's marker (issue 15): one row per seed program, written "started" in its own transaction
 * before the first demo record and "finished" after the last, so a load the process did not finish (killed,
 * out of memory, power) is found at the next start instead of being served half-loaded. Owner: seeds.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("seed_load")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    // What was asked: the scale and seed, so the report can say which load was cut short.
    .addColumn("parameters", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("seed_load").execute();
}
