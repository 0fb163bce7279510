/**
 * Ranking weights (issue 17): the site's score for each WMDA match grade and each match confidence, by
 * which a search orders listings of equal mismatches (src/matching/ranking-weights.ts). Owner: search.
 * A missing row weighs 0, so an empty table keeps the built-in order; every change is audited.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ranking_weight")
    .addColumn("scale", "text", (c) => c.notNull().check(sql`scale in ('grade', 'confidence')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull().check(sql`weight between -10 and 10`))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ranking_weight_pk", ["scale", "name"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("ranking_weight").execute();
}
