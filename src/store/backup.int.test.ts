/**
 * Backup and restore on every dialect (issue 15, part 4): a backup taken while products keep being
 * registered restores into a fresh database whose audit chain verifies and which holds every row committed
 * before the backup began; a restore never overwrites a database that holds data; a copy whose chain does
 * not verify is removed, not reported restored.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { DIALECTS, type TestDatabase, createTestDatabase } from "../../test/support/databases.js";
import { checkDatabase } from "../audit/database-check.js";
import { verifyAudit } from "../audit/trail.js";
import { restoreVerified } from "../audit/verified-restore.js";
import { type BackupReport, backupDatabase } from "./backup.js";
import { type Store, openStore } from "./connect.js";

const DIR = mkdtempSync(join(tmpdir(), "cradle-backup-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

async function freshDatabase(dialect: "sqlite" | "postgres", name: string): Promise<TestDatabase> {
  if (dialect === "sqlite")
    return { name: dialect, url: `sqlite://${join(DIR, name)}`, drop: async () => {} };
  return createTestDatabase("postgres");
}

/**
 * Another process writing as a server would: the built services (dist/, built before the tests) register
 * one cord collection per transaction, with its audit rows, and print a line after each commit.
 */
const WRITER = `
const [{ openStore }, { createUser }, { registerCollection }] = await Promise.all([
  import(process.env.DIST + "/store/connect.js"),
  import(process.env.DIST + "/accounts/users.js"),
  import(process.env.DIST + "/bank/products.js"),
]);
const store = await openStore(process.env.CRADLE_DATABASE_URL);
const user = await createUser(store, { username: "loader", printedName: "Load Writer", roles: ["lab-technologist"], password: "correct horse battery" }, "system", new Date());
let stop = false;
process.stdin.on("data", () => {}).on("end", () => { stop = true; });
for (let i = 0; i < 5000 && !stop; i++) {
  await registerCollection(store, {
    fin: "G1234", source: "cord-blood", donorId: "INF-" + i, motherId: "MOT-" + i, consentRef: "C-" + i,
    collectedAt: "2026-02-27T10:15:00+01:00", site: "St Mary Maternity", volumeMl: 82, productCode: "S1234V00",
    aboRhD: "O+", storageTemperature: "cryopreserved",
  }, { user, at: new Date() });
  process.stdout.write("committed\\n");
  // Between transactions the loop yields, as a server does between requests, and hears stdin close.
  await new Promise((r) => setImmediate(r));
}
await store.close();
`;

function startWriter(url: string) {
  const child = spawn(process.execPath, ["--input-type=module", "-e", WRITER], {
    env: { ...process.env, CRADLE_DATABASE_URL: url, DIST: join(ROOT, "dist", "src") },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let committed = 0;
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    committed += d.toString().split("\n").length - 1;
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<void>((resolve, reject) =>
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`writer failed: ${err}`)))),
  );
  return {
    committed: () => {
      if (child.exitCode !== null && child.exitCode !== 0) throw new Error(`writer failed: ${err}`);
      return committed;
    },
    stop: async () => {
      child.stdin.end();
      await done;
    },
  };
}

async function count(store: Store, table: "collection" | "auditEvent"): Promise<number> {
  const r = await store.db
    .selectFrom(table)
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(DIALECTS)("backup and restore on %s", (dialect) => {
  let source: TestDatabase;
  let store: Store;
  const dbs: TestDatabase[] = [];
  const fresh = async (name: string) => {
    const d = await freshDatabase(dialect, `${dialect}-${name}.db`);
    dbs.push(d);
    return d;
  };

  beforeAll(async () => {
    source = await fresh("source");
    store = await openStore(source.url);
  });
  afterAll(async () => {
    await store?.close();
    for (const d of dbs) await d.drop();
  });

  it("a backup taken while another process registers products restores, verifies, and holds what was committed before it", async () => {
    const writer = startWriter(source.url);
    const file = join(DIR, `${dialect}-load.backup`);
    let before = 0;
    let backup: BackupReport | undefined;
    try {
      while (writer.committed() < 25) await new Promise((r) => setTimeout(r, 10));
      before = writer.committed();
      backup = await backupDatabase(source.url, file);
      // The writer goes on after the backup: it was writing all along.
      const after = writer.committed();
      while (writer.committed() < after + 5) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await writer.stop();
    }
    expect(backup?.auditHead?.seq).toBeGreaterThan(0);
    const collections = backup?.tables.find((t) => t.table === "collection")?.rows ?? 0;
    expect(collections).toBeGreaterThanOrEqual(before);
    expect(collections).toBeLessThan(writer.committed());

    const target = await fresh("restored");
    const restored = await restoreVerified(file, target.url, true);
    expect(restored.ok, JSON.stringify(restored.check.checks)).toBe(true);
    expect(restored.check.audit).toMatchObject({ ok: true });
    const copy = await openStore(target.url, { inspect: true });
    try {
      expect(await count(copy, "collection")).toBe(collections);
      const v = await verifyAudit(copy);
      expect(v).toMatchObject({
        ok: true,
        headSeq: backup?.auditHead?.seq,
        headHash: backup?.auditHead?.hash,
      });
    } finally {
      await copy.close();
    }
  });

  it("refuses to restore over a database that holds data, and over an existing --into target", async () => {
    const file = join(DIR, `${dialect}-refuse.backup`);
    await backupDatabase(source.url, file);
    await expect(restoreVerified(file, source.url, false)).rejects.toThrow(/refuses to overwrite/);
    if (dialect === "sqlite") {
      const empty = join(DIR, "exists-empty.db");
      writeFileSync(empty, "");
      await expect(restoreVerified(file, `sqlite://${empty}`, true)).rejects.toThrow(/does not exist yet/);
    }
    expect((await checkDatabase(source.url)).state).toBe("ok"); // untouched
  });

  it("refuses to overwrite an existing backup file without --force", async () => {
    const file = join(DIR, `${dialect}-twice.backup`);
    await backupDatabase(source.url, file);
    await expect(backupDatabase(source.url, file)).rejects.toThrow(/exists: give --force/);
    expect((await backupDatabase(source.url, file, { force: true })).bytes).toBeGreaterThan(0);
  });

  it("removes a restored copy whose audit chain does not verify, and says where it broke", async () => {
    await sql`update audit_event set reason = 'edited' where seq = 3`.execute(store.db);
    const file = join(DIR, `${dialect}-tampered.backup`);
    await backupDatabase(source.url, file);
    const target = await fresh("tampered");
    const r = await restoreVerified(file, target.url, true);
    expect(r.ok).toBe(false);
    expect(r.check.checks.find((c) => !c.ok)?.detail).toMatch(/event 3 was altered/);
    if (dialect === "sqlite") expect(existsSync(target.url.slice("sqlite://".length))).toBe(false);
    else {
      const c = await openStore(target.url, { inspect: true });
      const tables = await sql`select tablename from pg_tables where schemaname = current_schema()`.execute(
        c.db,
      );
      await c.close();
      expect(tables.rows).toEqual([]);
    }
  });
});
