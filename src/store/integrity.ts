/**
 * The database's own consistency, below the audit trail: SQLite's integrity and foreign-key checks,
 * PostgreSQL's equivalents by query, row counts per table, and what a database error says about the
 * database (damaged or merely unreachable). Read-only: every query here is safe on a live database.
 */
import { sql } from "kysely";
import type { Store } from "./connect.js";

export type DatabaseState = "ok" | "damaged" | "unreachable";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface TableCount {
  table: string;
  rows: number;
}

/** SQLite prints at most this many problems per pragma; more add nothing to "the file is damaged". */
const MAX_PROBLEMS = 20;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function rows<T>(store: Store, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(store.db)).rows;
}

/** The query listing the application's tables (SQLite's internal ones and other schemas left out). */
export function tableListSql(dialect: Store["dialect"]): string {
  return dialect === "sqlite"
    ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
    : "select tablename as name from pg_tables where schemaname = current_schema() order by tablename";
}

export function countSql(table: string): string {
  return `select count(*) as n from ${quote(table)}`;
}

export async function tableNames(store: Store): Promise<string[]> {
  return (await rows<{ name: string }>(store, tableListSql(store.dialect))).map((r) => r.name);
}

/** Rows per table: reading every table end to end is itself a check that each one can be read. */
export async function tableCounts(store: Store): Promise<TableCount[]> {
  const out: TableCount[] = [];
  for (const table of await tableNames(store)) {
    const [r] = await rows<{ n: number | string }>(store, countSql(table));
    out.push({ table, rows: Number(r?.n ?? 0) });
  }
  return out;
}

/** The full check, as `cradle db check` and a restore run it. Slow on a large database: O(size). */
export async function storageChecks(store: Store): Promise<Check[]> {
  return store.dialect === "sqlite" ? sqliteChecks(store, "integrity_check") : postgresChecks(store);
}

/**
 * The check at server start: SQLite's quick_check (pages and records, not index contents), PostgreSQL's
 * every table answering a query. Seconds on the full demo, where the full check takes longer.
 */
export async function quickStorageChecks(store: Store): Promise<Check[]> {
  if (store.dialect === "sqlite") return sqliteChecks(store, "quick_check");
  const failed: string[] = [];
  const tables = await tableNames(store);
  for (const table of tables) {
    try {
      await rows(store, `select 1 from ${quote(table)} limit 1`);
    } catch (e) {
      failed.push(`${table}: ${(e as Error).message}`);
    }
  }
  return [
    {
      name: "tables readable",
      ok: failed.length === 0,
      detail: failed.length === 0 ? `${tables.length} tables answer` : failed.join("; "),
    },
  ];
}

async function sqliteChecks(store: Store, pragma: "integrity_check" | "quick_check"): Promise<Check[]> {
  const checks: Check[] = [];
  // Each pragma on its own: on a badly damaged file one may throw where the other still reports.
  try {
    const found = await rows<Record<string, string>>(store, `pragma ${pragma}(${MAX_PROBLEMS})`);
    const messages = found.map((r) => String(Object.values(r)[0]));
    checks.push({
      name: pragma,
      ok: messages.length === 1 && messages[0] === "ok",
      detail: messages.join("; "),
    });
  } catch (e) {
    checks.push({ name: pragma, ok: false, detail: classifyDatabaseError(e).message });
  }
  if (pragma === "integrity_check") {
    try {
      const orphans = await rows<{ table: string; parent: string }>(store, "pragma foreign_key_check");
      const byLink = new Map<string, number>();
      for (const o of orphans)
        byLink.set(`${o.table} → ${o.parent}`, (byLink.get(`${o.table} → ${o.parent}`) ?? 0) + 1);
      checks.push(foreignKeyCheck(byLink));
    } catch (e) {
      checks.push({ name: "foreign keys", ok: false, detail: classifyDatabaseError(e).message });
    }
  }
  return checks;
}

/** Orphan rows counted per link "child → parent". */
function foreignKeyCheck(byLink: Map<string, number>, prefix = ""): Check {
  const total = [...byLink.values()].reduce((a, b) => a + b, 0);
  return {
    name: "foreign keys",
    ok: total === 0,
    detail:
      prefix +
      (total === 0
        ? "every reference points at an existing row"
        : `${total} rows point at missing rows: ${[...byLink].map(([k, n]) => `${k} ${n}`).join(", ")}`),
  };
}

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childCols: string[];
  parentCols: string[];
}

/**
 * PostgreSQL keeps its own pages checksummed (when the cluster was initialised so) and has no integrity
 * pragma: the honest equivalent is every table read end to end (the counts), every foreign key's orphans
 * counted by a query, and amcheck's B-tree checks when the extension is installed.
 */
async function postgresChecks(store: Store): Promise<Check[]> {
  const keys = await rows<ForeignKey>(
    store,
    `select c.conname as name, cl.relname as child, pl.relname as parent,
       (select json_agg(a.attname order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as child_cols,
       (select json_agg(a.attname order by k.ord) from unnest(c.confkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as parent_cols
     from pg_constraint c
     join pg_class cl on cl.oid = c.conrelid
     join pg_class pl on pl.oid = c.confrelid
     join pg_namespace n on n.oid = cl.relnamespace
     where c.contype = 'f' and n.nspname = current_schema()
     order by 2, 1`,
  );
  const orphans = new Map<string, number>();
  for (const k of keys) {
    // A MATCH SIMPLE key with any null column references nothing, so only fully set keys can be orphans.
    const set = k.childCols.map((c) => `c.${quote(c)} is not null`).join(" and ");
    const join = k.childCols.map((c, i) => `p.${quote(k.parentCols[i] ?? c)} = c.${quote(c)}`).join(" and ");
    const [r] = await rows<{ n: number | string }>(
      store,
      `select count(*) as n from ${quote(k.child)} c where ${set} and not exists (select 1 from ${quote(k.parent)} p where ${join})`,
    );
    const n = Number(r?.n ?? 0);
    if (n > 0) orphans.set(`${k.child} → ${k.parent}`, (orphans.get(`${k.child} → ${k.parent}`) ?? 0) + n);
  }
  const checks: Check[] = [foreignKeyCheck(orphans, `${keys.length} keys: `)];
  const amcheck = await rows(store, "select 1 from pg_extension where extname = 'amcheck'");
  if (amcheck.length === 0) {
    checks.push({
      name: "indexes (amcheck)",
      ok: true,
      detail: "not checked: the amcheck extension is not installed in this database",
    });
  } else {
    const bad: string[] = [];
    const indexes = await rows<{ name: string }>(
      store,
      `select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid
       join pg_am am on am.oid = i.relam join pg_namespace n on n.oid = i.relnamespace
       where am.amname = 'btree' and n.nspname = current_schema() order by 1`,
    );
    for (const i of indexes) {
      try {
        await rows(store, `select bt_index_check(${sqlString(quote(i.name))}::regclass)`);
      } catch (e) {
        bad.push(`${i.name}: ${(e as Error).message}`);
      }
    }
    checks.push({
      name: "indexes (amcheck)",
      ok: bad.length === 0,
      detail: bad.length === 0 ? `${indexes.length} B-tree indexes consistent` : bad.join("; "),
    });
  }
  return checks;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * What an error met while reading says about the database: damaged (the file or the data is bad, or it is
 * not a Cradle database) or unreachable (no file, no server, no permission: the data may be fine).
 */
export function classifyDatabaseError(e: unknown): { state: "damaged" | "unreachable"; message: string } {
  const err = e as { code?: string; message?: string };
  const code = typeof err.code === "string" ? err.code : "";
  const message = `${err.message ?? String(e)}${code ? ` (${code})` : ""}`;
  if (/^SQLITE_(CORRUPT|NOTADB|ERROR|FORMAT|MISMATCH)/.test(code)) return { state: "damaged", message };
  // PostgreSQL: data_corrupted, index_corrupted, a missing table or column.
  if (["XX001", "XX002", "42P01", "42703"].includes(code)) return { state: "damaged", message };
  return { state: "unreachable", message };
}
