/**
 * Haplotype frequency sets and listing imputations (issue 17). Owner: search.
 *
 * - `frequency_set`: one imported set, by population and version, with its source, the IMGT/HLA release it was
 *   read with, its resolution and loci. Its rows (`frequency_haplotype`) are kept as the file wrote them, so the
 *   set can be read again against a newer release. Frequency data are licensed by their authors: they live in
 *   the database they were imported into, never in the repository.
 * - `population_choice`: which population a scope uses — the registry's default, the global fallback, a
 *   registry or bank of listings, or a patient (by MRN).
 * - `cord_unit.mother_typing`: the mother's HLA typing, when the bank has it: the cord inherited one of her
 *   haplotypes, which constrains the cord's phase (and so its imputation and probabilities).
 * - `listing_imputation`: a listing's genotype distribution, computed at import, with the set and release it
 *   was computed with (stale when either changes) and, when no haplotype pair explains it, the reason.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("frequency_set")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("population", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("hla_release", "text", (c) => c.notNull())
    .addColumn("resolution", "text", (c) => c.notNull())
    .addColumn("loci", "text", (c) => c.notNull())
    .addColumn("haplotypes", "integer", (c) => c.notNull().check(sql`haplotypes > 0`))
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("imported_by", "text", (c) => c.notNull())
    .addUniqueConstraint("frequency_set_population_version", ["population", "version"])
    .execute();
  await db.schema
    .createTable("frequency_haplotype")
    .addColumn("set_id", "text", (c) => c.notNull().references("frequency_set.id"))
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("haplotype", "text", (c) => c.notNull())
    .addColumn("count", "text", (c) => c.notNull())
    .addColumn("freq", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("frequency_haplotype_pk", ["set_id", "line"])
    .execute();
  await db.schema
    .createTable("population_choice")
    .addColumn("scope", "text", (c) =>
      c.notNull().check(sql`scope in ('default', 'global', 'registry', 'bank', 'patient')`),
    )
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("population", "text", (c) => c.notNull())
    .addColumn("chosen_at", "text", (c) => c.notNull())
    .addColumn("chosen_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("population_choice_pk", ["scope", "subject"])
    .execute();
  await db.schema
    .createTable("listing_imputation")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('adult', 'cord')`))
    .addColumn("listing_id", "text", (c) => c.notNull())
    .addColumn("set_id", "text", (c) => c.notNull().references("frequency_set.id"))
    .addColumn("hla_release", "text", (c) => c.notNull())
    .addColumn("typing", "text", (c) => c.notNull())
    .addColumn("unrepresented", "integer", (c) => c.notNull().check(sql`unrepresented in (0, 1)`))
    .addColumn("reason", "text")
    .addColumn("fallback", "text")
    .addColumn("coverage", "double precision", (c) => c.notNull())
    .addColumn("computed", "integer", (c) => c.notNull())
    .addColumn("genotypes", "text", (c) => c.notNull())
    .addColumn("maternal", "text")
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("listing_imputation_pk", ["kind", "listing_id"])
    .execute();
  await db.schema.alterTable("cord_unit").addColumn("mother_typing", "text").execute();
  await db.schema.createIndex("listing_imputation_set").on("listing_imputation").column("set_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("listing_imputation").execute();
  await db.schema.alterTable("cord_unit").dropColumn("mother_typing").execute();
  await db.schema.dropTable("population_choice").execute();
  await db.schema.dropTable("frequency_haplotype").execute();
  await db.schema.dropTable("frequency_set").execute();
}
