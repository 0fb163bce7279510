/**
 * Randomised arms (issue 16): a plan on a randomised protocol carries the arm its trial's randomisation
 * assigned, the allocation's reference in that system and when it was made. Owner: therapy. An allocation
 * reference is used once per protocol: the same randomisation cannot be recorded for two babies.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("plan").addColumn("arm", "text").execute();
  await db.schema.alterTable("plan").addColumn("allocation_ref", "text").execute();
  await db.schema.alterTable("plan").addColumn("randomised_at", "text").execute();
  await db.schema
    .createIndex("plan_allocation_ref")
    .on("plan")
    .columns(["protocol_id", "allocation_ref"])
    .unique()
    .where(sql.ref("allocation_ref"), "is not", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("plan_allocation_ref").execute();
  for (const c of ["randomised_at", "allocation_ref", "arm"]) {
    await db.schema.alterTable("plan").dropColumn(c).execute();
  }
}
