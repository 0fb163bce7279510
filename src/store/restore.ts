/**
 * `cradle db restore`, the database half: puts a backup's copy where it can be verified, and then either
 * into place or away. It never writes over data: an SQLite target must be missing or an empty file, a
 * PostgreSQL target must hold no tables. SQLite restores to a file beside the target and moves it into
 * place only after verification, so the target never holds an unverified copy; PostgreSQL restores in one
 * transaction (a failed pg_restore leaves the database as empty as it was) and a copy that fails
 * verification has its tables dropped again.
 */
import {
  constants,
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { CradleError } from "../errors.js";
import { type Dialect, parseDatabaseUrl } from "./connect.js";
import { countSql, tableListSql } from "./integrity.js";
import { connectPg, findPgTool, pgConnectError, pgConnection, pgToolVersion, runPgTool } from "./pg-tools.js";

export interface StagedRestore {
  dialect: Dialect;
  /** The target, without credentials. */
  target: string;
  /** Where the copy can be opened for verification. */
  stagingUrl: string;
  method: string;
  /** Moves the verified copy into place. */
  commit(): Promise<void>;
  /** Removes a copy that failed verification; says what it did. */
  discard(): Promise<string>;
}

/** What a backup file is, by its first bytes. */
export function backupFormat(file: string): Dialect {
  const head = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  throw new CradleError(
    "INVALID_INPUT",
    `${resolve(file)} is neither an SQLite database nor a pg_dump custom-format archive`,
    { field: "file", value: file },
  );
}

/**
 * Restores FILE into a copy beside (SQLite) or in (PostgreSQL) the target. `into` says the target was
 * named on purpose as a new one: an SQLite file may then not exist at all, and a PostgreSQL database that
 * does not exist yet is created.
 */
export async function stageRestore(file: string, targetUrl: string, into: boolean): Promise<StagedRestore> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new CradleError("INVALID_INPUT", `no backup file at ${resolve(file)}`, {
      field: "file",
      value: file,
    });
  const { dialect, target } = parseDatabaseUrl(targetUrl);
  const format = backupFormat(file);
  if (format !== dialect)
    throw new CradleError(
      "INVALID_INPUT",
      `${resolve(file)} is a ${format === "sqlite" ? "SQLite" : "PostgreSQL"} backup; the target is ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}`,
      { field: "file", value: file },
    );
  return dialect === "sqlite" ? stageSqlite(file, target, into) : stagePostgres(file, target, into);
}

/** Why an SQLite target may not receive a restore, or undefined when it may. */
function sqliteRefusal(path: string, into: boolean): string | undefined {
  const wal = `${path}-wal`;
  if (into && existsSync(path))
    return `${path} exists: --into names a new database, one that does not exist yet`;
  if (existsSync(path) && statSync(path).size > 0)
    return `${path} holds a database (${statSync(path).size} bytes): restore refuses to overwrite it; move it away or restore with --into NEW_PATH`;
  if (existsSync(wal) && statSync(wal).size > 0)
    return `${wal} holds unwritten changes of a live database: restore refuses to overwrite it`;
  return undefined;
}

async function stageSqlite(file: string, target: string, into: boolean): Promise<StagedRestore> {
  if (target === ":memory:")
    throw new CradleError("INVALID_INPUT", "cannot restore into an in-memory database", {
      field: "CRADLE_DATABASE_URL",
    });
  const path = resolve(target);
  const refused = sqliteRefusal(path, into);
  if (refused) throw new CradleError("INVALID_INPUT", refused, { field: "target", value: path });
  mkdirSync(dirname(path), { recursive: true });
  const staging = `${path}.restoring-${process.pid}`;
  copyFileSync(file, staging, constants.COPYFILE_EXCL);
  const removeStaging = () => {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
  };
  return {
    dialect: "sqlite",
    target: `sqlite ${path}`,
    stagingUrl: `sqlite://${staging}`,
    method: "file copy of the SQLite backup",
    commit: async () => {
      // Checked again: a server may have created the database while the copy was verified.
      const late = sqliteRefusal(path, into);
      if (late) {
        removeStaging();
        throw new CradleError("INVALID_INPUT", late, { field: "target", value: path });
      }
      if (existsSync(path))
        renameSync(staging, path); // an empty file, allowed above
      else {
        linkSync(staging, path); // fails rather than overwrite a file that appeared this instant
        rmSync(staging);
      }
      removeStaging();
    },
    discard: async () => {
      removeStaging();
      return `the restored copy was deleted; ${path} was left as it was`;
    },
  };
}

async function stagePostgres(file: string, url: string, into: boolean): Promise<StagedRestore> {
  const { default: pg } = await import("pg");
  const pgRestore = findPgTool("pg_restore");
  const version = await pgToolVersion(pgRestore);
  const location = `postgres ${url.replace(/\/\/[^@/]*@/, "//")}`;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    // 3D000: the database does not exist; --into may create it.
    if ((e as { code?: string }).code !== "3D000" || !into) throw pgConnectError(e, url);
    await createDatabase(url);
    return stagePostgres(file, url, false);
  }
  const tables = async () => (await client.query<{ name: string }>(tableListSql("postgres"))).rows;
  try {
    const present = await tables();
    if (present.length > 0) {
      let rows = 0;
      for (const t of present)
        rows += Number((await client.query<{ n: string }>(countSql(t.name))).rows[0]?.n);
      throw new CradleError(
        "INVALID_INPUT",
        `${location} is not empty (${present.length} tables, ${rows} rows): restore refuses to overwrite it; create an empty database and restore with --into postgres://…/NEW`,
        { field: "target", value: location },
      );
    }
  } finally {
    await client.end();
  }
  const conn = pgConnection(url);
  // One transaction: if any object fails, nothing is left behind.
  await runPgTool(
    pgRestore,
    [
      "--single-transaction",
      "--exit-on-error",
      "--no-owner",
      "--no-acl",
      "--no-password",
      `--dbname=${conn.url}`,
      file,
    ],
    conn.env,
  );
  return {
    dialect: "postgres",
    target: location,
    stagingUrl: url,
    method: `pg_restore (${version})`,
    commit: async () => {},
    discard: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const restored = (await c.query<{ name: string }>(tableListSql("postgres"))).rows;
        // The database had no tables before the restore: every table in it now came from the backup.
        await c.query("begin");
        for (const t of restored)
          await c.query(`drop table if exists "${t.name.replaceAll('"', '""')}" cascade`);
        await c.query("commit");
      } finally {
        await c.end();
      }
      return `the restored tables were dropped; ${location} is empty again`;
    },
  };
}

/** Creates the database a URL names, connected to the same server's `postgres` database. */
async function createDatabase(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await connectPg(admin, u.toString());
  try {
    await admin.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}
