/**
 * Plausible QC values per product source (issue 14). Owner: bank.
 *
 * - qc_plausible_range: for each numeric QC test and product source, the range a real result falls in. A
 *   value outside it is refused unless the user confirms it with a reason (a typo of one digit is a factor
 *   of ten); impossible values (negative counts, viability over 100 %) stay refused by the test's own
 *   bounds in bank/constants.ts, whatever is confirmed.
 * - qc_result gains `confirm_reason` and the range it was confirmed against, so a confirmed value is never
 *   mistaken for an ordinary one.
 *
 * The defaults are deliberately wide (they catch slips, not poor units; release criteria judge quality):
 * - Cord blood TNC 1×10^8 to 5×10^9 per unit: a typical collection holds ~4.7×10^8, public banks keep ~10^9
 *   (Cradle's FIELD-FACTS, "typical cord collection"); CD34+ 1×10^5 to 1×10^8 (typical ~1.8×10^6, same
 *   source); CFU 0 to 5×10^7 (colony-forming units are ~1/10 to 1/100 of CD34+; 0 is a real failed assay).
 * - Bone marrow TNC 1×10^8 to 2×10^11 (harvests aim at 2–4×10^8/kg of donor weight, infants to adults);
 *   CD34+ 1×10^5 to 5×10^9 (about 1 % of nucleated cells); CFU 0 to 5×10^8.
 * - Peripheral blood apheresis TNC 1×10^9 to 5×10^11 per collection; CD34+ 1×10^6 to 1×10^10 (targets of
 *   2–10×10^6/kg of recipient weight); CFU 0 to 5×10^9.
 * - Adipose tissue (stromal vascular fraction, MSC) nucleated cells 1×10^5 to 1×10^10 (MSC doses for BPD
 *   are 1–2×10^7/kg: FIELD-FACTS); CD34+ 0 to 5×10^9 (SVF is rich in CD34+ cells); CFU-F 0 to 1×10^9.
 * - Viability (nucleated, CD34+, CD45+) 20 to 100 % for every source: below 20 % is far under FACT's
 *   post-thaw release floors (CD34 > 70 %, CD45 > 40 %, FIELD-FACTS) and more often a slip than a result.
 * A quality manager may change a range (bank/plausible-ranges.ts); each change is audited.
 */
import { type Kysely, sql } from "kysely";

const SOURCES = ["cord-blood", "bone-marrow", "peripheral-blood-apheresis", "adipose-tissue"] as const;
const VIABILITY = [20, 100] as const;
const COUNTS: Record<(typeof SOURCES)[number], Record<"tnc" | "cd34" | "cfu", readonly [number, number]>> = {
  "cord-blood": { tnc: [1e8, 5e9], cd34: [1e5, 1e8], cfu: [0, 5e7] },
  "bone-marrow": { tnc: [1e8, 2e11], cd34: [1e5, 5e9], cfu: [0, 5e8] },
  "peripheral-blood-apheresis": { tnc: [1e9, 5e11], cd34: [1e6, 1e10], cfu: [0, 5e9] },
  "adipose-tissue": { tnc: [1e5, 1e10], cd34: [0, 5e9], cfu: [0, 1e9] },
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("qc_plausible_range")
    .addColumn("test", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("low", "double precision", (c) => c.notNull())
    .addColumn("high", "double precision", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("set_at", "text", (c) => c.notNull())
    .addColumn("set_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("qc_plausible_range_pk", ["test", "source"])
    .addCheckConstraint("qc_plausible_range_order", sql`low >= 0 and low < high`)
    .execute();
  for (const [name, type] of [
    ["confirm_reason", "text"],
    ["plausible_min", "double precision"],
    ["plausible_max", "double precision"],
  ] as const) {
    await db.schema.alterTable("qc_result").addColumn(name, type).execute();
  }
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const at = new Date().toISOString();
  const rows = SOURCES.flatMap((source) => [
    ...Object.entries(COUNTS[source]).map(([test, [low, high]]) => ({ test, source, low, high })),
    ...["viability", "cd34-viability", "cd45-viability"].map((test) => ({
      test,
      source,
      low: VIABILITY[0],
      high: VIABILITY[1],
    })),
  ]);
  for (const r of rows) {
    await raw
      .insertInto("qcPlausibleRange")
      .values({ ...r, basis: "Cradle default (migration 0017)", setAt: at, setBy: "migration 0017" })
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("qc_plausible_range").execute();
  for (const c of ["confirm_reason", "plausible_min", "plausible_max"])
    await db.schema.alterTable("qc_result").dropColumn(c).execute();
}
