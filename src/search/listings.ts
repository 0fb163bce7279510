import type { Transaction } from "kysely";
import { decimal, isCalendarDate } from "../contract/index.js";
import { isCradleError } from "../errors.js";
/**
 * Listings: the adult donors and cord blood units a search looks through. This service owns the
 * `adult_donor` and `cord_unit` tables. Imports validate every row (a bad row is reported by line and
 * field and changes nothing; good rows are imported), in transactions of whole rows.
 */
import { type HlaEngine, checkTyping as checkNames } from "../hla/index.js";
import { INDEX_LOCI, MAX_COMBINATIONS } from "../matching/constants.js";
import { combinationsOver, typingByLocus } from "../matching/typing.js";
import type { Store } from "../store/connect.js";
import type { AdultDonorTable, CordUnitTable, Database } from "../store/schema.js";
import {
  ABO_GROUPS,
  type Abo,
  CMV_STATUSES,
  DONOR_SEXES,
  type ListingKind,
  REQUIRED_LOCI,
} from "./constants.js";
import type { AdultDonor, CordUnit, Listing } from "./schemas.js";

export { ABO_GROUPS, type Abo, type ListingKind, REQUIRED_LOCI } from "./constants.js";
export type { AdultDonor, CordUnit, Listing } from "./schemas.js";

/** Why one row was refused: its line in the source, the field, the value and the reason. */
export interface RowError {
  line: number;
  field: string;
  value: unknown;
  reason: string;
}

type FieldCheck = { ok: true } | { ok: false; reason: string };

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  const s = text(v)?.toLowerCase();
  if (s === "true" || s === "1" || s === "yes") return true;
  if (s === "false" || s === "0" || s === "no") return false;
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const s = text(v);
  if (s === undefined || s === "") return undefined;
  // Strictly a plain decimal, as the API reads numbers: "0x10" or "1e400" is refused, not read.
  return decimal(s);
}

/** Checks one record; returns the listing, or every problem found in it. */
export function validateListing(
  engine: HlaEngine,
  record: Record<string, unknown>,
  line: number,
  defaultKind?: ListingKind,
): { listing: Listing } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line, field, value: record[field], reason });
  const kind = (text(record.kind) || defaultKind) as ListingKind | undefined;
  if (kind !== "adult" && kind !== "cord") {
    fail("kind", 'must be "adult" or "cord" (or give the kind of the whole file)');
    return { errors };
  }
  const required = (field: string): string => {
    const v = text(record[field]);
    if (v === undefined || v === "") fail(field, "is required");
    return v ?? "";
  };
  const oneOf = <T extends string>(field: string, values: readonly T[]): T => {
    const v = required(field);
    if (v !== "" && !values.includes(v as T)) fail(field, `must be one of ${values.join(", ")}`);
    return v as T;
  };
  const date = (field: string): string => {
    const v = required(field);
    if (v !== "" && !isCalendarDate(v)) fail(field, "must be a date written YYYY-MM-DD");
    return v;
  };

  const id = required("id");
  if (id !== "" && !/^[A-Za-z0-9._-]{1,64}$/.test(id))
    fail("id", "must be 1-64 letters, digits, '.', '_' or '-'");
  const typing = required("typing");
  if (typing !== "") {
    const check = checkTyping(engine, typing);
    if (!check.ok) fail("typing", check.reason);
  }
  const abo = oneOf("abo", ABO_GROUPS);

  if (kind === "adult") {
    const listing: AdultDonor = {
      kind,
      id,
      registry: required("registry"),
      sex: oneOf("sex", DONOR_SEXES),
      birthDate: date("birthDate"),
      cmv: oneOf("cmv", CMV_STATUSES),
      abo,
      typing,
    };
    return errors.length > 0 ? { errors } : { listing };
  }

  const flag = (field: string): boolean => {
    const b = bool(record[field]);
    if (b === undefined) fail(field, "must be true or false");
    return b ?? false;
  };
  const number = (
    field: string,
    opts: { optional?: boolean; min?: number; max?: number; integer?: boolean },
  ) => {
    const raw = record[field];
    const n = num(raw);
    if (n === undefined) {
      if (opts.optional && (raw === undefined || raw === null || text(raw) === "")) return null;
      fail(field, "must be a number");
      return null;
    }
    if (opts.integer && !Number.isInteger(n)) fail(field, "must be a whole number");
    else if (opts.min !== undefined && n < opts.min) fail(field, `must be at least ${opts.min}`);
    else if (opts.max !== undefined && n > opts.max) fail(field, `must be at most ${opts.max}`);
    return n;
  };
  const tnc = number("tnc", { min: 1 });
  // A count written in units of 10^7 or 10^8 cells ("12.5") would be a dose error a thousand-fold: refuse it.
  if (tnc !== null && tnc > 0 && tnc < 1e7) {
    errors.push({
      line,
      field: "tnc",
      value: record.tnc,
      reason: "must be a count of cells (e.g. 1.2e9), not ×10^7 or ×10^8",
    });
  }
  const listing: CordUnit = {
    kind,
    id,
    bank: required("bank"),
    accredited: flag("accredited"),
    collectedAt: date("collectedAt"),
    volumeMl: number("volumeMl", { min: 1, max: 500 }) ?? 0,
    tnc: tnc ?? 0,
    cd34: number("cd34", { optional: true, min: 0 }),
    viabilityPercent: number("viabilityPercent", { optional: true, min: 0, max: 100 }),
    abo,
    rbcDepleted: flag("rbcDepleted"),
    attachedSegments: number("attachedSegments", { min: 0, integer: true }) ?? 0,
    typing,
  };
  const mother = text(record.motherTyping);
  if (mother !== undefined && mother !== "") {
    const check = checkTyping(engine, mother);
    if (check.ok) listing.motherTyping = mother;
    else fail("motherTyping", check.reason);
  }
  return errors.length > 0 ? { errors } : { listing };
}

function checkTyping(engine: HlaEngine, typing: string): FieldCheck {
  try {
    checkNames(engine, typing);
    const loci = typingByLocus(typing, engine.release);
    const missing = REQUIRED_LOCI.filter((l) => !loci.has(l));
    if (missing.length > 0)
      return { ok: false, reason: `must type ${REQUIRED_LOCI.join(", ")}; ${missing.join(", ")} missing` };
    const combinations = combinationsOver(loci, INDEX_LOCI);
    if (combinations > MAX_COMBINATIONS)
      return {
        ok: false,
        reason: `its genotype alternatives ("|") make ${combinations} combinations over ${INDEX_LOCI.join(", ")}; a search scores each, so at most ${MAX_COMBINATIONS}`,
      };
    return { ok: true };
  } catch (e) {
    if (isCradleError(e)) return { ok: false, reason: `${e.code}: ${e.message}` };
    throw e;
  }
}

function adultRow(l: AdultDonor): Omit<AdultDonorTable, "createdAt"> {
  return {
    id: l.id,
    registry: l.registry,
    sex: l.sex,
    birthDate: l.birthDate,
    cmv: l.cmv,
    abo: l.abo,
    typing: l.typing,
  };
}

function cordRow(l: CordUnit): Omit<CordUnitTable, "createdAt"> {
  return {
    id: l.id,
    bank: l.bank,
    accredited: l.accredited ? 1 : 0,
    collectedAt: l.collectedAt,
    volumeMl: l.volumeMl,
    tnc: l.tnc,
    cd34: l.cd34,
    viabilityPercent: l.viabilityPercent,
    abo: l.abo,
    rbcDepleted: l.rbcDepleted ? 1 : 0,
    attachedSegments: l.attachedSegments,
    typing: l.typing,
    motherTyping: l.motherTyping ?? null,
  };
}

export interface ImportResult {
  imported: { adult: number; cord: number };
  rejected: RowError[];
  /** Rows read, good and bad. */
  rows: number;
}

export interface SourceRecord {
  line: number;
  record?: Record<string, unknown>;
  /** A row the reader could not parse at all (bad JSON, wrong column count). */
  error?: string;
}

const BATCH = 500;

/**
 * Imports listings: each good row is written whole, in transactions of up to 500 rows; a bad row is
 * reported and skipped; an id already in the registry (or earlier in the file) is a bad row.
 */
export async function importListings(
  store: Store,
  engine: HlaEngine,
  source: AsyncIterable<SourceRecord>,
  options: { kind?: ListingKind; onProgress?: (rows: number) => void } = {},
): Promise<ImportResult> {
  const result: ImportResult = { imported: { adult: 0, cord: 0 }, rejected: [], rows: 0 };
  const seen = new Map<string, number>();
  let batch: { line: number; listing: Listing }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await store.db.transaction().execute(async (tx) => {
      for (const kind of ["adult", "cord"] as const) {
        const rows = current.filter((r) => r.listing.kind === kind);
        if (rows.length === 0) continue;
        const table = kind === "adult" ? "adultDonor" : "cordUnit";
        const ids = rows.map((r) => r.listing.id);
        const existing = new Set(
          (await tx.selectFrom(table).select("id").where("id", "in", ids).execute()).map((r) => r.id),
        );
        const fresh = rows.filter((r) => {
          if (!existing.has(r.listing.id)) return true;
          result.rejected.push({
            line: r.line,
            field: "id",
            value: r.listing.id,
            reason: "is already in the registry",
          });
          return false;
        });
        if (fresh.length === 0) continue;
        if (kind === "adult") {
          await tx
            .insertInto("adultDonor")
            .values(fresh.map((r) => adultRow(r.listing as AdultDonor)))
            .execute();
        } else {
          await tx
            .insertInto("cordUnit")
            .values(fresh.map((r) => cordRow(r.listing as CordUnit)))
            .execute();
        }
        await recordChanges(
          tx,
          fresh.map((r) => ({ kind, id: r.listing.id })),
        );
        result.imported[kind] += fresh.length;
      }
    });
  };

  for await (const { line, record, error } of source) {
    result.rows++;
    if (error || !record) {
      result.rejected.push({ line, field: "(row)", value: undefined, reason: error ?? "empty row" });
      continue;
    }
    const v = validateListing(engine, record, line, options.kind);
    if ("errors" in v) {
      result.rejected.push(...v.errors);
      continue;
    }
    const dup = seen.get(v.listing.id);
    if (dup !== undefined) {
      result.rejected.push({
        line,
        field: "id",
        value: v.listing.id,
        reason: `repeats the id of line ${dup}`,
      });
      continue;
    }
    seen.set(v.listing.id, line);
    batch.push({ line, listing: v.listing });
    if (batch.length >= BATCH) await flush();
    if (result.rows % 10_000 === 0) options.onProgress?.(result.rows);
  }
  await flush();
  options.onProgress?.(result.rows);
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * Numbers the listings a transaction writes, from the head row (whose lock orders the numbers as the
 * transactions commit), so other processes' indexes follow them (`changesSince`).
 */
async function recordChanges(tx: Transaction<Database>, changes: { kind: ListingKind; id: string }[]) {
  if (changes.length === 0) return;
  const head = await tx
    .updateTable("listingHead")
    .set((eb) => ({ lastSeq: eb("lastSeq", "+", changes.length) }))
    .where("id", "=", 1)
    .returning("lastSeq")
    .executeTakeFirstOrThrow();
  const first = Number(head.lastSeq) - changes.length + 1;
  for (let i = 0; i < changes.length; i += 500) {
    await tx
      .insertInto("listingChange")
      .values(
        changes.slice(i, i + 500).map((c, j) => ({ seq: first + i + j, kind: c.kind, listingId: c.id })),
      )
      .execute();
  }
}

/** The last listing change's number. */
export async function listingHead(store: Store): Promise<number> {
  const head = await store.db
    .selectFrom("listingHead")
    .select("lastSeq")
    .where("id", "=", 1)
    .executeTakeFirst();
  return Number(head?.lastSeq ?? 0);
}

/** The listings changed after `afterSeq` up to `upToSeq`, each once, as they are now (absent: deleted). */
export async function changesSince(
  store: Store,
  afterSeq: number,
  upToSeq: number,
): Promise<{ kind: ListingKind; id: string; listing: Listing | undefined }[]> {
  const rows = await store.db
    .selectFrom("listingChange")
    .select(["kind", "listingId"])
    .distinct()
    .where("seq", ">", afterSeq)
    .where("seq", "<=", upToSeq)
    .execute();
  const out: { kind: ListingKind; id: string; listing: Listing | undefined }[] = [];
  for (const kind of ["adult", "cord"] as const) {
    const ids = rows.filter((r) => r.kind === kind).map((r) => r.listingId);
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const found =
        kind === "adult"
          ? await store.db.selectFrom("adultDonor").selectAll().where("id", "in", part).execute()
          : await store.db.selectFrom("cordUnit").selectAll().where("id", "in", part).execute();
      const byId = new Map(
        found.map((r) => [r.id, toListing(kind, r as unknown as Record<string, unknown>)]),
      );
      for (const id of part) out.push({ kind, id, listing: byId.get(id) });
    }
  }
  return out;
}

/** A stored row as a listing (flags back to booleans, counts to numbers). */
export function toListing(kind: ListingKind, r: Record<string, unknown>): Listing {
  if (kind === "adult") {
    const a = r as unknown as AdultDonorTable;
    return {
      kind,
      id: a.id,
      registry: a.registry,
      sex: a.sex as AdultDonor["sex"],
      birthDate: a.birthDate,
      cmv: a.cmv as AdultDonor["cmv"],
      abo: a.abo as Abo,
      typing: a.typing,
    };
  }
  const c = r as unknown as CordUnitTable;
  return {
    kind,
    id: c.id,
    bank: c.bank,
    accredited: Number(c.accredited) === 1,
    collectedAt: c.collectedAt,
    volumeMl: Number(c.volumeMl),
    tnc: Number(c.tnc),
    cd34: c.cd34 === null ? null : Number(c.cd34),
    viabilityPercent: c.viabilityPercent === null ? null : Number(c.viabilityPercent),
    abo: c.abo as Abo,
    rbcDepleted: Number(c.rbcDepleted) === 1,
    attachedSegments: Number(c.attachedSegments),
    typing: c.typing,
    ...(c.motherTyping ? { motherTyping: c.motherTyping } : {}),
  };
}

/** Every listing of a kind, in id order, read a page at a time (for loading the search index). */
export async function* allListings(
  store: Store,
  kind: ListingKind,
  pageSize = 20_000,
): AsyncGenerator<Listing[]> {
  let after = "";
  for (;;) {
    const page =
      kind === "adult"
        ? await store.db
            .selectFrom("adultDonor")
            .select(["id", "registry", "sex", "birthDate", "cmv", "abo", "typing"])
            .where("id", ">", after)
            .orderBy("id")
            .limit(pageSize)
            .execute()
        : await store.db
            .selectFrom("cordUnit")
            .select([
              "id",
              "bank",
              "accredited",
              "collectedAt",
              "volumeMl",
              "tnc",
              "cd34",
              "viabilityPercent",
              "abo",
              "rbcDepleted",
              "attachedSegments",
              "typing",
              "motherTyping",
            ])
            .where("id", ">", after)
            .orderBy("id")
            .limit(pageSize)
            .execute();
    if (page.length === 0) return;
    yield page.map((r) => toListing(kind, r as Record<string, unknown>));
    after = (page[page.length - 1] as { id: string }).id;
  }
}

export async function countListings(store: Store): Promise<{ adult: number; cord: number }> {
  const a = await store.db
    .selectFrom("adultDonor")
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const c = await store.db
    .selectFrom("cordUnit")
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return { adult: Number(a?.n ?? 0), cord: Number(c?.n ?? 0) };
}

/** Adds or replaces one listing, validated as an import row is; returns the problems, or none. */
export async function saveListing(
  store: Store,
  engine: HlaEngine,
  record: Record<string, unknown>,
  kind?: ListingKind,
): Promise<{ listing: Listing } | { errors: RowError[] }> {
  const v = validateListing(engine, record, 1, kind);
  if ("errors" in v) return v;
  const l = v.listing;
  await store.db.transaction().execute(async (tx) => {
    if (l.kind === "adult") {
      const row = adultRow(l);
      await tx
        .insertInto("adultDonor")
        .values(row)
        .onConflict((oc) => oc.column("id").doUpdateSet(row))
        .execute();
    } else {
      const row = cordRow(l);
      await tx
        .insertInto("cordUnit")
        .values(row)
        .onConflict((oc) => oc.column("id").doUpdateSet(row))
        .execute();
    }
    await recordChanges(tx, [{ kind: l.kind, id: l.id }]);
  });
  return v;
}

/** Deletes one listing; returns whether it was there. */
export async function deleteListing(store: Store, kind: ListingKind, id: string): Promise<boolean> {
  return store.db.transaction().execute(async (tx) => {
    const r =
      kind === "adult"
        ? await tx.deleteFrom("adultDonor").where("id", "=", id).executeTakeFirst()
        : await tx.deleteFrom("cordUnit").where("id", "=", id).executeTakeFirst();
    const gone = Number(r.numDeletedRows) > 0;
    if (gone) await recordChanges(tx, [{ kind, id }]);
    return gone;
  });
}
