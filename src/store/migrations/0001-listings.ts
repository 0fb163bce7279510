/** Listings for searches: adult donors and cord blood units (issue 3). */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("adult_donor")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("registry", "text", (c) => c.notNull())
    .addColumn("sex", "text", (c) => c.notNull().check(sql`sex in ('F', 'M')`))
    .addColumn("birth_date", "text", (c) => c.notNull())
    .addColumn("cmv", "text", (c) => c.notNull().check(sql`cmv in ('positive', 'negative', 'unknown')`))
    .addColumn("abo", "text", (c) => c.notNull())
    .addColumn("typing", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  await db.schema
    .createTable("cord_unit")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("bank", "text", (c) => c.notNull())
    .addColumn("accredited", "integer", (c) => c.notNull().check(sql`accredited in (0, 1)`))
    .addColumn("collected_at", "text", (c) => c.notNull())
    .addColumn("volume_ml", "double precision", (c) => c.notNull().check(sql`volume_ml > 0`))
    .addColumn("tnc", "double precision", (c) => c.notNull().check(sql`tnc > 0`))
    .addColumn("cd34", "double precision", (c) => c.check(sql`cd34 >= 0`))
    .addColumn("viability_percent", "double precision", (c) =>
      c.check(sql`viability_percent between 0 and 100`),
    )
    .addColumn("abo", "text", (c) => c.notNull())
    .addColumn("rbc_depleted", "integer", (c) => c.notNull().check(sql`rbc_depleted in (0, 1)`))
    .addColumn("attached_segments", "integer", (c) => c.notNull().check(sql`attached_segments >= 0`))
    .addColumn("typing", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("cord_unit").execute();
  await db.schema.dropTable("adult_donor").execute();
}
