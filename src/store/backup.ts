/**
 * `cradle db backup`: a consistent copy of a live database in one file. SQLite: better-sqlite3's online
 * backup API, all pages in one step, so the copy is one read transaction's snapshot while the server goes
 * on writing (WAL readers never block writers). PostgreSQL: pg_dump --format=custom on a snapshot exported
 * from a transaction that also reads the counts and the audit head, so the report describes exactly what
 * the dump holds. Either way the copy is written beside FILE and moved into place only when complete.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, linkSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { CradleError } from "../errors.js";
import { type Dialect, type Store, openStore, parseDatabaseUrl } from "./connect.js";
import {
  type Check,
  type TableCount,
  countSql,
  quickStorageChecks,
  tableCounts,
  tableListSql,
} from "./integrity.js";
import { connectPg, findPgTool, pgConnection, pgToolVersion, runPgTool } from "./pg-tools.js";

export interface AuditHeadRow {
  seq: number;
  hash: string;
}

export interface BackupReport {
  dialect: Dialect;
  file: string;
  method: string;
  bytes: number;
  sha256: string;
  tables: TableCount[];
  /** The audit trail's head in the copy: record it elsewhere to anchor the copy's chain. */
  auditHead: AuditHeadRow | null;
  /** SQLite: quick_check of the copy just written. */
  checks: Check[];
  ms: number;
}

export async function backupDatabase(
  url: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<BackupReport> {
  const t0 = performance.now();
  const out = resolve(file);
  if (existsSync(out) && !options.force)
    throw new CradleError("INVALID_INPUT", `${out} exists: give --force to overwrite it`, {
      field: "file",
      value: out,
    });
  if (!existsSync(dirname(out)))
    throw new CradleError("INVALID_INPUT", `the folder ${dirname(out)} does not exist`, {
      field: "file",
      value: out,
    });
  const { dialect, target } = parseDatabaseUrl(url);
  const partial = `${out}.partial-${process.pid}`;
  try {
    const made =
      dialect === "sqlite" ? await sqliteBackup(target, partial) : await postgresBackup(target, partial);
    place(partial, out, options.force === true);
    return {
      dialect,
      file: out,
      ...made,
      bytes: statSync(out).size,
      sha256: await sha256File(out),
      ms: performance.now() - t0,
    };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Moves the finished copy into place; without force, never over a file that appeared meanwhile. */
function place(partial: string, out: string, force: boolean): void {
  if (force) renameSync(partial, out);
  else {
    try {
      linkSync(partial, out);
    } catch (e) {
      if ((e as { code?: string }).code === "EEXIST")
        throw new CradleError("INVALID_INPUT", `${out} appeared during the backup: give --force`, {
          field: "file",
          value: out,
        });
      throw e;
    }
  }
}

async function sqliteBackup(path: string, partial: string) {
  if (path === ":memory:")
    throw new CradleError("INVALID_INPUT", "an in-memory database cannot be backed up", {
      field: "CRADLE_DATABASE_URL",
    });
  if (!existsSync(path))
    throw new CradleError("INVALID_INPUT", `no database at ${resolve(path)}`, {
      field: "CRADLE_DATABASE_URL",
      value: path,
    });
  const source = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    // The first step copies nothing; the handler then asks for every page in the next one.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // A backup is one self-contained file: no write-ahead log beside it.
  const copy = new SQLite(partial);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const store = await openStore(`sqlite://${partial}`, { inspect: true });
  try {
    return {
      method: "SQLite online backup API (better-sqlite3), one consistent snapshot",
      tables: await tableCounts(store),
      auditHead: await readAuditHead(store),
      checks: await quickStorageChecks(store),
    };
  } finally {
    await store.close();
  }
}

async function postgresBackup(url: string, partial: string) {
  const pgDump = findPgTool("pg_dump");
  const version = await pgToolVersion(pgDump);
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await connectPg(client, url);
  try {
    await client.query("begin isolation level repeatable read read only");
    const snapshot = (await client.query<{ id: string }>("select pg_export_snapshot() as id")).rows[0]?.id;
    // The counts and head are read in the snapshot pg_dump is about to copy.
    const tables: TableCount[] = [];
    for (const { name } of (await client.query<{ name: string }>(tableListSql("postgres"))).rows) {
      const n = (await client.query<{ n: string }>(countSql(name))).rows[0]?.n;
      tables.push({ table: name, rows: Number(n ?? 0) });
    }
    let auditHead: AuditHeadRow | null = null;
    if (tables.some((t) => t.table === "audit_head")) {
      const h = (
        await client.query<{ seq: string; hash: string }>(
          "select last_seq as seq, last_hash as hash from audit_head where id = 1",
        )
      ).rows[0];
      if (h) auditHead = { seq: Number(h.seq), hash: h.hash };
    }
    const conn = pgConnection(url);
    await runPgTool(
      pgDump,
      [
        "--format=custom",
        `--snapshot=${snapshot}`,
        "--no-password",
        `--file=${partial}`,
        `--dbname=${conn.url}`,
      ],
      conn.env,
    );
    await client.query("commit");
    return { method: `pg_dump --format=custom (${version})`, tables, auditHead, checks: [] };
  } finally {
    await client.end();
  }
}

/** The audit head row, or null when the database has no audit trail (not a Cradle database, or new). */
export async function readAuditHead(store: Store): Promise<AuditHeadRow | null> {
  try {
    const head = await store.db
      .selectFrom("auditHead")
      .select(["lastSeq", "lastHash"])
      .where("id", "=", 1)
      .executeTakeFirst();
    return head ? { seq: Number(head.lastSeq), hash: head.lastHash } : null;
  } catch {
    return null;
  }
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (d) => hash.update(d))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
