/**
 * The cost of reading a session on every request (issue 15: no cache, so no server admits an ended
 * session): sessionUser's one indexed query (session joined to its account), on SQLite and on PostgreSQL
 * when CRADLE_TEST_POSTGRES_URL names a server, 100 sessions open, 5,000 lookups after 500 warm-up ones.
 *
 *   npx vite-node bench/session-check.ts
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openSession, sessionUser } from "../src/accounts/sessions.js";
import { createUser } from "../src/accounts/users.js";
import { openStore } from "../src/store/connect.js";

const N = 5_000;

async function measure(name: string, url: string): Promise<void> {
  const store = await openStore(url);
  const at = new Date();
  await createUser(
    store,
    { username: "bench", printedName: "Bench User", roles: ["nurse"], password: "bench passphrase 1" },
    "system",
    at,
  );
  const ids: string[] = [];
  for (let i = 0; i < 100; i++) ids.push((await openSession(store, "bench", at)).id);
  for (let i = 0; i < 500; i++) await sessionUser(store, ids[i % ids.length] as string, at);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await sessionUser(store, ids[i % ids.length] as string, at);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / N;
  console.log(`| ${name} | ${us.toFixed(0)} µs |`);
  await store.close();
}

console.log("| database | sessionUser per request (mean of 5,000) |\n|---|---|");
await measure(
  "SQLite (file, WAL)",
  `sqlite://${join(mkdtempSync(join(tmpdir(), "cradle-bench-session-")), "s.db")}`,
);
const admin = process.env.CRADLE_TEST_POSTGRES_URL;
if (admin) {
  const db = `cradle_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${db}`);
  const url = new URL(admin);
  url.pathname = `/${db}`;
  try {
    await measure("PostgreSQL (local)", url.toString());
  } finally {
    await c.query(`drop database if exists ${db} with (force)`);
    await c.end();
  }
}
