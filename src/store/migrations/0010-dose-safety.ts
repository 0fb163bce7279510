/**
 * Dose safety (issue 14): a dose order that replaces an open one names it, and the old order keeps who
 * replaced it, when and why; an infusion above its order (beyond the tolerance) keeps the physician's
 * reason and the signature that allowed it.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("dose_order").addColumn("replaces_id", "text").execute();
  await db.schema.alterTable("dose_order").addColumn("replaced_by_id", "text").execute();
  await db.schema.alterTable("dose_order").addColumn("replace_reason", "text").execute();
  await db.schema.alterTable("dose_order").addColumn("replaced_by", "text").execute();
  await db.schema.alterTable("dose_order").addColumn("replaced_at", "text").execute();
  await db.schema.alterTable("infusion").addColumn("override_reason", "text").execute();
  await db.schema.alterTable("infusion").addColumn("override_signature_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ["override_signature_id", "override_reason"]) {
    await db.schema.alterTable("infusion").dropColumn(c).execute();
  }
  for (const c of ["replaced_at", "replaced_by", "replace_reason", "replaced_by_id", "replaces_id"]) {
    await db.schema.alterTable("dose_order").dropColumn(c).execute();
  }
}
