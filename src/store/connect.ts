/**
 * Opening the database: SQLite through better-sqlite3 (WAL) by default, PostgreSQL through pg when
 * CRADLE_DATABASE_URL is postgres://…; the same Kysely interface either way. Migrations run on open.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";
import { config } from "../config/index.js";
import { CradleError } from "../errors.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";
export const DEFAULT_DATABASE_URL = "sqlite://./data/cradle.db";

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it is, without credentials. */
  location: string;
  /** Migrations this open applied (empty when the schema was current). */
  migrated: string[];
  /**
   * Streams the rows of a read-only query as arrays, for bulk reads (an index load reads millions):
   * better-sqlite3's iterator on SQLite, pages by Kysely on PostgreSQL.
   */
  streamRows(sqlText: string): AsyncGenerator<unknown[][]>;
  close(): Promise<void>;
}

/** Parses CRADLE_DATABASE_URL: sqlite://PATH (":memory:" too) or postgres://… / postgresql://…. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; target: string } {
  if (url.startsWith("sqlite://")) {
    const path = url.slice("sqlite://".length);
    if (path === "")
      throw new CradleError("INVALID_INPUT", `database URL "${url}" has no file path`, {
        field: "CRADLE_DATABASE_URL",
      });
    return { dialect: "sqlite", target: path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", target: url };
  throw new CradleError("INVALID_INPUT", `database URL "${url}" is neither sqlite://PATH nor postgres://…`, {
    field: "CRADLE_DATABASE_URL",
    value: url,
  });
}

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => ({ ...MIGRATIONS }),
};

/**
 * Ends the pool and waits until every connection has said goodbye: pg's own end resolves while the sockets
 * are still closing, and a database dropped just after would see them terminated mid-way.
 */
async function endPool(db: Kysely<Database>, pool: import("pg").Pool): Promise<void> {
  let open = pool.totalCount;
  const gone = new Promise<void>((done) => {
    if (open === 0) return done();
    pool.on("remove", () => {
      open -= 1;
      if (open <= 0) done();
    });
    setTimeout(done, 5_000).unref();
  });
  await db.destroy();
  await gone;
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await new Migrator({
    db,
    provider,
    migrationTableName: "cradle_migration",
  }).migrateToLatest();
  if (error) {
    throw new CradleError("INVALID_INPUT", `database migration failed: ${(error as Error).message}`, {
      cause: String(error),
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Kysely prepares every SQLite statement afresh; a web page asks the same few queries thousands of times.
 * This keeps the last 500 prepared statements by their SQL text. Kysely runs one query at a time on the
 * connection, so a cached statement is never in use twice at once.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sqlText: string) => {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
        cache.set(sqlText, stmt);
      }
      return stmt as unknown as ReturnType<SqliteDatabase["prepare"]>;
    },
  };
}

export interface OpenOptions {
  /**
   * Opens for inspection only (checks, verification, a backup's copy): no migration, no journal-mode
   * change, the SQLite file must exist and is opened read-only, PostgreSQL transactions are read-only.
   * A damaged or older database is looked at as it is, never written to.
   */
  inspect?: boolean;
}

export async function openStore(url = config().databaseUrl, options: OpenOptions = {}): Promise<Store> {
  const { dialect, target } = parseDatabaseUrl(url);
  const inspect = options.inspect === true;
  let db: Kysely<Database>;
  let location: string;
  let streamRows: Store["streamRows"];
  let closeDb: (() => Promise<void>) | undefined;
  if (dialect === "sqlite") {
    let sqlite: SQLite.Database;
    if (inspect) {
      sqlite = new SQLite(target, { readonly: true, fileMustExist: true });
    } else {
      if (target !== ":memory:") mkdirSync(dirname(resolve(target)), { recursive: true });
      sqlite = new SQLite(target);
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("foreign_keys = ON");
      sqlite.pragma("synchronous = NORMAL");
    }
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new CamelCasePlugin()],
    });
    location = target === ":memory:" ? "sqlite (in memory)" : `sqlite ${resolve(target)}`;
    // A stream reads through a read-only connection of its own (a file in WAL mode: a snapshot, beside the
    // writer): between its chunks other work runs, and SQLite refuses any write on a connection whose
    // statement is still open. An in-memory database has one connection only, so it streams on it.
    let reader: SQLite.Database | undefined;
    const streamer = () => {
      if (inspect || target === ":memory:") return sqlite;
      reader ??= new SQLite(target, { readonly: true, fileMustExist: true });
      return reader;
    };
    closeDb = async () => {
      reader?.close();
      await db.destroy();
    };
    streamRows = async function* (sqlText: string) {
      const rows: unknown[][] = [];
      for (const row of streamer().prepare(sqlText).raw(true).iterate() as Iterable<unknown[]>) {
        rows.push(row);
        if (rows.length === 50_000) yield rows.splice(0);
      }
      if (rows.length > 0) yield rows;
    };
  } else {
    // pg is loaded only for PostgreSQL: SQLite users do not wait for it.
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: target,
      max: 10,
      ...(inspect ? { options: "-c default_transaction_read_only=on" } : {}),
    });
    // An idle connection the server ends (a restart, an administrator, a dropped database) is removed by
    // the pool; without a listener its error would end the whole process.
    pool.on("error", (e) => process.emitWarning(`PostgreSQL closed an idle connection: ${e.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    closeDb = () => endPool(db, pool);
    location = `postgres ${target.replace(/\/\/[^@/]*@/, "//")}`;
    streamRows = async function* (sqlText: string) {
      // A cursor in a transaction of its own, fetched 50,000 rows at a time.
      const client = await pool.connect();
      try {
        await client.query("begin");
        await client.query(`declare cradle_stream no scroll cursor for ${sqlText}`);
        for (;;) {
          const r = await client.query({ text: "fetch 50000 from cradle_stream", rowMode: "array" });
          if (r.rows.length === 0) break;
          yield r.rows as unknown[][];
        }
        await client.query("commit");
      } catch (e) {
        await client.query("rollback");
        throw e;
      } finally {
        client.release();
      }
    };
  }
  const migrated = inspect ? [] : await migrate(db);
  return { db, dialect, location, migrated, streamRows, close: closeDb ?? (() => db.destroy()) };
}
