/**
 * A vigilance case's `shipped_as` (issue 18): the name the shipment gave the reporting centre when the
 * centre has been renamed since (null when the report names it as shipped). Owner: bank. Without it a
 * renamed centre's report was refused as naming the wrong product, or filed under the old name.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("vigilance_case").addColumn("shipped_as", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("vigilance_case").dropColumn("shipped_as").execute();
}
