/**
 * Listing imputations (issue 17): each adult donor's and cord unit's genotype distribution, computed at import
 * against the frequency set of its population (its registry's or bank's choice, else the registry default,
 * else the global fallback) and kept with the listing in a compact form: the most likely genotypes, at most
 * STORED_GENOTYPES of them covering 99.9 %, each haplotype named once (storedGenotypes). Each is stamped
 * with the set and the IMGT/HLA release it was made with and the typing it was made from: when any of the
 * three is no longer the current one it is stale, and `imputeListings` redoes it.
 *
 * A typing no haplotype pair explains is kept "unrepresented" with its reason and the core's per-locus
 * fallback distribution; an unambiguous typing is never unrepresented: it is itself with probability 1 (the
 * fallback, its reason kept, the flag false); a typing the core refuses
 * (too many alternatives at a locus) is kept unrepresented with the refusal as its reason and no genotypes.
 * Nothing is dropped: every import and every search reports the unrepresented share.
 */
import type { Act } from "../accounts/act.js";
import { requireRole } from "../accounts/users.js";
import { appendAudit } from "../audit/trail.js";
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { type Imputation, Imputer, constrainByMother, isUnambiguous } from "../matching/probability/index.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import type { ListingKind } from "./constants.js";
import { loadFrequencySet, resolvePopulation } from "./frequencies.js";
import type { ImputationReport, PopulationUsed } from "./frequency-schemas.js";
import { SEARCH_ROLES } from "./report-roles.js";

export type { ImputationReport } from "./frequency-schemas.js";

/** Genotypes kept per listing (the most likely, covering 99.9 % when fewer do). */
export const STORED_GENOTYPES = 200;
const COVERAGE = 0.999;
const BATCH = 500;

/** A stored imputation as the core reads it. */
export interface StoredImputation extends Imputation {
  setId: string;
  hlaRelease: string;
}

/** The core's imputation, or a refusal kept as an unrepresented one with its reason. */
export function imputeOrExplain(imputer: Imputer, typing: string, top = STORED_GENOTYPES): Imputation {
  try {
    const imp = imputer.impute(typing, { coverage: COVERAGE, top });
    // An unambiguous typing is its own genotype: answered exactly by the fallback, never "unrepresented"
    // (the reason is kept, saying which haplotypes the set lacks).
    if (imp.unrepresented && isUnambiguous(imputer.constraints(typing)))
      return { ...imp, unrepresented: false };
    return imp;
  } catch (e) {
    if (!(e instanceof CradleError)) throw e;
    return {
      genotypes: [],
      coverage: 0,
      unrepresented: true,
      reason: `${e.code}: ${e.message}`,
      fallback: null,
      computed: 0,
      ignoredLoci: [],
    };
  }
}

/** Genotypes of a cord imputed before the mother's constraint (then truncated as stored). */
const CORD_GENOTYPES = 10_000;

/**
 * A cord's imputation given its mother's typing (maternal.ts): the cord's genotypes re-weighted by the
 * haplotypes she may have passed on. The note says what was done (or why nothing was).
 */
export function imputeCordWithMother(
  imputer: Imputer,
  typing: string,
  motherTyping: string,
): { imputation: Imputation; note: string } {
  const cord = imputeOrExplain(imputer, typing, CORD_GENOTYPES);
  const mother = imputeOrExplain(imputer, motherTyping, CORD_GENOTYPES);
  if (cord.genotypes.length === 0 || mother.genotypes.length === 0) {
    const imp = imputeOrExplain(imputer, typing);
    return {
      imputation: imp,
      note: "the cord's or the mother's typing could not be imputed: not constrained",
    };
  }
  const r = constrainByMother(imputer.set, cord, mother, { coverage: COVERAGE, top: STORED_GENOTYPES });
  return { imputation: r.imputation, note: r.note };
}

/** What an imputation was made from: the typing, and the mother's when she was typed. */
const basisOf = (typing: string, mother: string | null) => (mother ? `${typing}\nmother ${mother}` : typing);

/**
 * Genotypes as kept: each haplotype written once, {"h": [H, …], "g": [[i, j, p], …]} with i and j indexes
 * into h (two fifths smaller than naming both haplotypes of every genotype, a registry's largest column).
 */
export function storedGenotypes(genotypes: Imputation["genotypes"]): string {
  const h: string[] = [];
  const at = new Map<string, number>();
  const index = (name: string) => {
    let i = at.get(name);
    if (i === undefined) {
      i = h.length;
      h.push(name);
      at.set(name, i);
    }
    return i;
  };
  const g = genotypes.map((x) => [index(x.haplotypes[0]), index(x.haplotypes[1]), x.probability]);
  return JSON.stringify({ h, g });
}

/** Kept genotypes back into the core's: the form above, or [[H1, H2, p], …] as kept before it. */
export function genotypesOf(json: string): Imputation["genotypes"] {
  const parsed = JSON.parse(json) as
    | [string, string, number][]
    | { h: string[]; g: [number, number, number][] };
  const pairs = Array.isArray(parsed)
    ? parsed
    : parsed.g.map(([i, j, p]) => [parsed.h[i] as string, parsed.h[j] as string, p] as const);
  return pairs.map(([h1, h2, p]) => ({
    haplotypes: [h1, h2] as const,
    probability: p,
    alleles: [...h1.split("~"), ...h2.split("~")],
  }));
}

/** Listings read per query while imputing. */
const PAGE = 10_000;

interface ListingRow {
  id: string;
  typing: string;
  /** The registry (adults) or bank (cords) whose population it takes. */
  source: string;
  mother: string | null;
}

/** The next page of a kind's listings after an id, in id order. */
async function listingPage(
  store: Store,
  kind: ListingKind,
  after: string,
  limit: number,
): Promise<ListingRow[]> {
  if (kind === "adult") {
    const rows = await store.db
      .selectFrom("adultDonor")
      .select(["id", "typing", "registry"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, typing: r.typing, source: r.registry, mother: null }));
  }
  const rows = await store.db
    .selectFrom("cordUnit")
    .select(["id", "typing", "bank", "motherTyping"])
    .where("id", ">", after)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, typing: r.typing, source: r.bank, mother: r.motherTyping ?? null }));
}

interface Existing {
  setId: string;
  hlaRelease: string;
  typing: string;
}

const sourceScope = (kind: ListingKind) => (kind === "adult" ? "registry" : "bank");

/**
 * Imputes the listings whose imputation is missing or stale (another set, release or typing), or all of them
 * with `all`. Returns how many were imputed, how many of those are unrepresented (with examples and their
 * reasons) and how many have no population with an imported set. With an act, the run is audited.
 */
export async function imputeListings(
  store: Store,
  engine: HlaEngine,
  options: { act?: Act; all?: boolean; now?: Date; onProgress?: (n: number) => void } = {},
): Promise<ImputationReport> {
  if (options.act) requireRole(options.act.user, SEARCH_ROLES.frequencies, "impute listings");
  const now = (options.act?.at ?? options.now ?? new Date()).toISOString();
  const report: ImputationReport = {
    imputed: 0,
    unrepresented: 0,
    unrepresentedShare: 0,
    noSet: 0,
    examples: [],
  };
  const release = engine.release.version;
  const bySource = new Map<string, PopulationUsed | undefined>();
  const imputers = new Map<string, Imputer>();
  let seen = 0;
  for (const kind of ["adult", "cord"] as const) {
    const existing = new Map<string, Existing>();
    for await (const rows of store.streamRows(
      `select listing_id, set_id, hla_release, typing from listing_imputation where kind = '${kind}'`,
    )) {
      for (const [id, setId, hlaRelease, typing] of rows)
        existing.set(id as string, {
          setId: setId as string,
          hlaRelease: hlaRelease as string,
          typing: typing as string,
        });
    }
    let batch: {
      id: string;
      typing: string;
      set: PopulationUsed;
      imp: Imputation;
      maternal: string | null;
    }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch.map((b) => ({
        kind,
        listingId: b.id,
        setId: b.set.setId,
        hlaRelease: release,
        typing: b.typing,
        unrepresented: b.imp.unrepresented ? 1 : 0,
        reason: b.imp.reason,
        fallback: b.imp.fallback,
        coverage: b.imp.coverage,
        computed: b.imp.computed,
        genotypes: storedGenotypes(b.imp.genotypes),
        computedAt: now,
      }));
      batch = [];
      await write(store, async (tx) => {
        await tx
          .insertInto("listingImputation")
          .values(rows)
          .onConflict((oc) =>
            oc.columns(["kind", "listingId"]).doUpdateSet((eb) => ({
              setId: eb.ref("excluded.setId"),
              hlaRelease: eb.ref("excluded.hlaRelease"),
              typing: eb.ref("excluded.typing"),
              unrepresented: eb.ref("excluded.unrepresented"),
              reason: eb.ref("excluded.reason"),
              fallback: eb.ref("excluded.fallback"),
              coverage: eb.ref("excluded.coverage"),
              computed: eb.ref("excluded.computed"),
              genotypes: eb.ref("excluded.genotypes"),
              maternal: eb.ref("excluded.maternal"),
              computedAt: eb.ref("excluded.computedAt"),
            })),
          )
          .execute();
      });
    };
    // Read in pages by id, each query finished before the batch is written: SQLite refuses a write on the
    // connection while a streaming read is still open on it (a registry of more than one stream chunk,
    // 50,000 listings, stopped with "connection is busy").
    for (let after = ""; ; ) {
      const page = await listingPage(store, kind, after, PAGE);
      if (page.length === 0) break;
      after = (page[page.length - 1] as ListingRow).id;
      for (const { id, typing: typingValue, source, mother } of page) {
        const typing = basisOf(typingValue, mother);
        const key = `${kind} ${source}`;
        if (!bySource.has(key))
          bySource.set(key, await resolvePopulation(store.db, { scope: sourceScope(kind), subject: source }));
        const set = bySource.get(key);
        if (!set) {
          report.noSet++;
          continue;
        }
        const had = existing.get(id);
        const fresh = had && had.setId === set.setId && had.hlaRelease === release && had.typing === typing;
        if (fresh && !options.all) continue;
        let imputer = imputers.get(set.setId);
        if (!imputer) {
          imputer = new Imputer(engine, await loadFrequencySet(store, engine, set.setId));
          imputers.set(set.setId, imputer);
        }
        const withMother = mother ? imputeCordWithMother(imputer, typingValue, mother) : undefined;
        const imp = withMother ? withMother.imputation : imputeOrExplain(imputer, typing);
        report.imputed++;
        if (imp.unrepresented) {
          report.unrepresented++;
          if (report.examples.length < 20)
            report.examples.push({ kind, id, reason: (imp.reason ?? "").slice(0, 2000) });
        }
        batch.push({ id, typing, set, imp, maternal: withMother?.note ?? null });
        if (batch.length >= BATCH) await flush();
        if (++seen % 10_000 === 0) options.onProgress?.(seen);
      }
    }
    await flush();
  }
  report.unrepresentedShare = report.imputed > 0 ? report.unrepresented / report.imputed : 0;
  const act = options.act;
  if (act && report.imputed > 0) {
    await write(store, (tx) =>
      appendAudit(tx, {
        actor: act.user.username,
        action: "frequencies.impute",
        entityType: "listing-imputation",
        entityId: release,
        after: { imputed: report.imputed, unrepresented: report.unrepresented, noSet: report.noSet },
        at: act.at,
      }),
    );
  }
  return report;
}

/** Stored imputations of some listings of a kind, by id. */
export async function storedImputations(
  store: Store,
  kind: ListingKind,
  ids: readonly string[],
): Promise<Map<string, StoredImputation>> {
  const out = new Map<string, StoredImputation>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await store.db
      .selectFrom("listingImputation")
      .selectAll()
      .where("kind", "=", kind)
      .where("listingId", "in", ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) {
      out.set(r.listingId, {
        setId: r.setId,
        hlaRelease: r.hlaRelease,
        genotypes: genotypesOf(r.genotypes),
        coverage: Number(r.coverage),
        unrepresented: Number(r.unrepresented) === 1,
        reason: r.reason,
        fallback: r.fallback as Imputation["fallback"],
        computed: Number(r.computed),
        ignoredLoci: [],
      });
    }
  }
  return out;
}

/** Stored imputations that are not from the set their population uses now, or another release or typing. */
export async function countStaleImputations(store: Store, engine: HlaEngine): Promise<number> {
  let stale = 0;
  const bySource = new Map<string, string | undefined>();
  for (const kind of ["adult", "cord"] as const) {
    const table = kind === "adult" ? "adult_donor" : "cord_unit";
    const sourceColumn = kind === "adult" ? "registry" : "bank";
    for await (const rows of store.streamRows(
      `select l.${sourceColumn}, l.typing, ${kind === "cord" ? "l.mother_typing" : "null"}, i.set_id, i.hla_release, i.typing from ${table} l left join listing_imputation i on i.kind = '${kind}' and i.listing_id = l.id`,
    )) {
      for (const [source, listingTyping, mother, setId, release, imputedTyping] of rows) {
        const typing = basisOf(listingTyping as string, (mother as string | null) ?? null);
        const key = `${kind} ${source}`;
        if (!bySource.has(key))
          bySource.set(
            key,
            (await resolvePopulation(store.db, { scope: sourceScope(kind), subject: source as string }))
              ?.setId,
          );
        const current = bySource.get(key);
        if (current === undefined) continue;
        if (setId !== current || release !== engine.release.version || imputedTyping !== typing) stale++;
      }
    }
  }
  return stale;
}
