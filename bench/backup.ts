/**
 * Backup, restore and check times (`cradle db backup | restore | check`, issue 15) on a database holding
 * the demo program at a given scale (1 = the full first-start demo: 2,500 products, 200,000 adult donors,
 * 20,000 cord units), on SQLite and, when CRADLE_BENCH_POSTGRES_URL or CRADLE_TEST_POSTGRES_URL names a
 * server whose role may create databases, on PostgreSQL. Each database is made fresh and dropped after.
 * Restore time includes the full verification of the copy (integrity, foreign keys, the whole audit chain).
 *
 *   npm run bench:backup            a tenth of the demo
 *   npm run bench:backup -- 1       the full demo (several minutes to load)
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { checkDatabase } from "../src/audit/database-check.js";
import { restoreVerified } from "../src/audit/verified-restore.js";
import { loadDemo } from "../src/seeds/index.js";
import { backupDatabase } from "../src/store/backup.js";
import { openStore } from "../src/store/connect.js";
import { benchEngine, freqFile } from "./reference.js";

const scale = Number(process.argv[2] ?? 0.1);
const pgAdmin = process.env.CRADLE_BENCH_POSTGRES_URL ?? process.env.CRADLE_TEST_POSTGRES_URL;
const dir = mkdtempSync(join(tmpdir(), "cradle-bench-backup-"));
const engine = benchEngine();

async function pgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cradle_bench_${randomBytes(5).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(pgAdmin as string);
  u.pathname = `/${name}`;
  // Not WITH (FORCE): a non-superuser may not end the autovacuum worker that a fresh load wakes, while a
  // plain drop stops it; retried while it shuts down.
  const drop = async () => {
    for (let i = 0; ; i++) {
      try {
        return await admin(`drop database if exists ${name}`);
      } catch (e) {
        if (i === 10) throw e;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  return { url: u.toString(), drop };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measure(dialect: "sqlite" | "postgres"): Promise<string[]> {
  const made: { url: string; drop: () => Promise<void> }[] = [];
  const fresh = async (name: string) => {
    const d =
      dialect === "sqlite"
        ? { url: `sqlite://${join(dir, `${name}.db`)}`, drop: async () => {} }
        : await pgDatabase();
    made.push(d);
    return d;
  };
  try {
    const source = await fresh("source");
    const store = await openStore(source.url);
    const t0 = performance.now();
    await loadDemo({
      store,
      engine,
      frequenciesFile: freqFile,
      adults: Math.round(200_000 * scale),
      cords: Math.round(20_000 * scale),
      products: Math.round(2_500 * scale),
      seed: 2026,
      now: new Date("2026-11-01T12:00:00Z"),
      password: "bench password 1",
      log: () => {},
    });
    const loadMs = performance.now() - t0;
    await store.close();
    const file = join(dir, `${dialect}.backup`);
    const backup = await backupDatabase(source.url, file);
    const target = await fresh("restored");
    const restored = await restoreVerified(file, target.url, true);
    if (!restored.ok) throw new Error(`restore failed: ${JSON.stringify(restored.check.checks)}`);
    const full = await checkDatabase(target.url, "full");
    const quick = await checkDatabase(target.url, "quick");
    const rows = backup.tables.reduce((a, t) => a + t.rows, 0);
    const sourceBytes = dialect === "sqlite" ? statSync(join(dir, "source.db")).size : undefined;
    return [
      dialect,
      `${rows.toLocaleString("en")} rows, ${backup.auditHead?.seq.toLocaleString("en")} audit events${sourceBytes ? `, ${(sourceBytes / 1e6).toFixed(0)} MB file` : ""}`,
      s(loadMs),
      `${s(backup.ms)} (${(backup.bytes / 1e6).toFixed(1)} MB)`,
      s(restored.ms),
      s(full.ms),
      s(quick.ms),
    ];
  } finally {
    for (const d of made) await d.drop();
  }
}

const header = [
  "dialect",
  "database",
  "demo load",
  "backup (file)",
  "restore + verify",
  "db check",
  "quick check (start)",
];
// Each row is printed when measured: a full-scale PostgreSQL load takes many minutes.
console.log(`backup and restore, demo at scale ${scale} (${new Date().toISOString().slice(0, 10)})\n`);
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map(() => "---").join("|")}|`);
console.log(`| ${(await measure("sqlite")).join(" | ")} |`);
if (pgAdmin) console.log(`| ${(await measure("postgres")).join(" | ")} |`);
rmSync(dir, { recursive: true, force: true });
if (!pgAdmin) console.log("\n(PostgreSQL not measured: set CRADLE_BENCH_POSTGRES_URL)");
