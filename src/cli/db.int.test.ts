/**
 * `cradle db backup | restore | check`, `cradle audit verify` and `cradle serve` on good and damaged
 * databases, through the built bin (issue 15, part 4): a damaged file gets a clear report and exit 1,
 * never a stack trace; the server refuses to start on it with exit 2.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, registerCord } from "../../test/support/bank.js";
import { cradle } from "../../test/support/cli.js";
import { POSTGRES_AVAILABLE, createTestDatabase } from "../../test/support/databases.js";
import { openStore } from "../store/connect.js";

const DIR = mkdtempSync(join(tmpdir(), "cradle-db-cli-"));
const SOURCE = join(DIR, "source.db");
const sqliteEnv = (path: string) => ({ CRADLE_DATABASE_URL: `sqlite://${path}`, CRADLE_DEMO: "0" });

async function fill(url: string): Promise<void> {
  const store = await openStore(url);
  try {
    const p = await people(store);
    for (let i = 0; i < 5; i++)
      await registerCord(store, p.tech, { donorId: `INF-${i}`, motherId: `MOT-${i}` });
  } finally {
    await store.close();
  }
}

/** Overwrites one page of an SQLite file (the root page of `table`) with garbage, as a failing disk would. */
function corruptPage(path: string, table: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const root = (
    db.prepare("select rootpage from sqlite_master where name = ?").get(table) as { rootpage: number }
  ).rootpage;
  db.close();
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

beforeAll(async () => {
  await fill(`sqlite://${SOURCE}`);
});
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe("cradle db on SQLite", () => {
  const backup = join(DIR, "source.backup");

  it("backs up and says what it wrote; refuses to overwrite the file without --force", async () => {
    const r = await cradle(["db", "backup", backup], undefined, undefined, sqliteEnv(SOURCE));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`backup written to ${backup}`);
    expect(r.out).toMatch(/method\s+SQLite online backup API/);
    expect(r.out).toMatch(/size\s+[\d.]+ MB \(\d+ bytes\), sha256 [0-9a-f]{64}/);
    expect(r.out).toMatch(/audit head\s+\d+ [0-9a-f]{64}/);
    expect(r.out).toMatch(/quick_check\s+ok/);
    const again = await cradle(["db", "backup", backup], undefined, undefined, sqliteEnv(SOURCE));
    expect(again.code).toBe(2);
    expect(again.err).toContain("exists: give --force");
    const forced = await cradle(["db", "backup", backup, "--force"], undefined, undefined, sqliteEnv(SOURCE));
    expect(forced.code, forced.err).toBe(0);
  });

  it("restores only into a new database, verified, and the copy checks healthy", async () => {
    const refused = await cradle(["db", "restore", backup], undefined, undefined, sqliteEnv(SOURCE));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("restore refuses to overwrite it");
    const copy = join(DIR, "restored.db");
    const r = await cradle(
      ["db", "restore", backup, "--into", copy],
      undefined,
      undefined,
      sqliteEnv(SOURCE),
    );
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/ok\s+audit trail\s+\d+ events, every link intact/);
    expect(r.out).toContain(`RESTORED: sqlite ${copy} verified`);
    const check = await cradle(["db", "check"], undefined, undefined, sqliteEnv(copy));
    expect(check.code, check.out).toBe(0);
    expect(check.out).toMatch(/ok\s+integrity_check\s+ok/);
    expect(check.out).toMatch(/ok\s+foreign keys\s+every reference/);
    expect(check.out).toMatch(/collection\s+5\n/);
    expect(check.out).toContain("verdict: HEALTHY");
  });

  it("finds a damaged page: check exits 1 naming it, audit verify explains without a stack trace, serve refuses", async () => {
    const damaged = join(DIR, "damaged.db");
    copyFileSync(backup, damaged);
    corruptPage(damaged, "audit_event");
    const check = await cradle(["db", "check"], undefined, undefined, sqliteEnv(damaged));
    expect(check.code, check.out + check.err).toBe(1);
    expect(check.out).toMatch(/FAILED\s+integrity_check/);
    expect(check.out).toMatch(/verdict: DAMAGED: .*integrity_check/);
    noStackTrace(check.out + check.err);

    const verify = await cradle(["audit", "verify"], undefined, undefined, sqliteEnv(damaged));
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/AUDIT TRAIL UNREADABLE: the database is damaged: .*malformed/);
    noStackTrace(verify.out + verify.err);

    const serve = await cradle(["serve", "--port", "0"], undefined, undefined, sqliteEnv(damaged));
    expect(serve.code).toBe(2);
    expect(serve.err).toMatch(/refusing to start: the database sqlite .*damaged\.db is damaged: quick_check/);
    noStackTrace(serve.out + serve.err);
  });

  it("finds a plain copy of a live WAL file incomplete rather than crashing", async () => {
    const live = join(DIR, "live.db");
    const store = await openStore(`sqlite://${live}`);
    try {
      await people(store); // the schema and these rows sit in the write-ahead log, not yet in the file
      copyFileSync(live, join(DIR, "plain-copy.db"));
    } finally {
      await store.close();
    }
    const verify = await cradle(
      ["audit", "verify"],
      undefined,
      undefined,
      sqliteEnv(join(DIR, "plain-copy.db")),
    );
    expect(verify.code).toBe(1);
    expect(verify.out).toContain("AUDIT TRAIL UNREADABLE");
    noStackTrace(verify.out + verify.err);
  });

  it("finds an audit row changed by SQL: check exits 1 naming the event, and so does serve when it is the latest", async () => {
    const edited = join(DIR, "edited.db");
    copyFileSync(backup, edited);
    const db = new Database(edited);
    const last = (db.prepare("select max(seq) as seq from audit_event").get() as { seq: number }).seq;
    db.prepare("update audit_event set reason = 'rewritten' where seq = ?").run(last);
    db.close();
    const check = await cradle(["db", "check"], undefined, undefined, sqliteEnv(edited));
    expect(check.code).toBe(1);
    expect(check.out).toMatch(
      new RegExp(`FAILED\\s+audit trail\\s+broken at event ${last}: event ${last} was altered`),
    );
    expect(check.out).toMatch(/ok\s+integrity_check\s+ok/);
    expect(check.out).toMatch(/verdict: DAMAGED: audit trail/);
    const serve = await cradle(["serve", "--port", "0"], undefined, undefined, sqliteEnv(edited));
    expect(serve.code).toBe(2);
    expect(serve.err).toMatch(new RegExp(`audit trail \\(latest events\\): event ${last} was altered`));
  });
});

describe.runIf(POSTGRES_AVAILABLE)("cradle db on PostgreSQL", () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let into: URL;
  beforeAll(async () => {
    source = await createTestDatabase("postgres");
    await fill(source.url);
    into = new URL(source.url);
    into.pathname = `${into.pathname}_restored`;
  });
  afterAll(async () => {
    await source?.drop();
    const admin = new pg.Client({ connectionString: process.env.CRADLE_TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${into.pathname.slice(1)} with (force)`);
    await admin.end();
  });

  it("backs up with pg_dump, restores into a new database it creates, and the copy checks healthy", async () => {
    const env = { CRADLE_DATABASE_URL: source.url };
    const file = join(DIR, "pg.backup");
    const b = await cradle(["db", "backup", file], undefined, undefined, env);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/method\s+pg_dump --format=custom \(pg_dump \(PostgreSQL\) \d+/);
    const refused = await cradle(["db", "restore", file], undefined, undefined, env);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/is not empty \(\d+ tables, \d+ rows\): restore refuses to overwrite it/);
    const r = await cradle(["db", "restore", file, "--into", into.toString()], undefined, undefined, env);
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toContain("RESTORED");
    const check = await cradle(["db", "check"], undefined, undefined, {
      CRADLE_DATABASE_URL: into.toString(),
    });
    expect(check.code, check.out).toBe(0);
    expect(check.out).toMatch(/ok\s+foreign keys\s+\d+ keys: every reference/);
    expect(check.out).toMatch(/collection\s+5\n/);
    expect(check.out).not.toContain(source.url.split("@")[0]); // no password printed
  });
});
