/**
 * Sign-in time for a known and an unknown user name (issue 15): the one authentication path checks an
 * unknown user's password against a dummy hash of the same scrypt parameters, so the two should cost the
 * same. Over HTTP (POST /api/session, in-process) on a fresh SQLite database, ~50 attempts each with a wrong
 * password, the server's clock moved past the counting window between attempts so no throttle answers
 * first. Prints medians; never pass/fail.
 *
 *   npm run build && node dist/bench/auth-timing.js [attempts]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUser } from "../src/accounts/users.js";
import { buildApp } from "../src/server/app.js";
import { openStore } from "../src/store/connect.js";

const attempts = Number(process.argv[2] ?? 50);
const dir = mkdtempSync(join(tmpdir(), "cradle-bench-auth-"));
const store = await openStore(`sqlite://${join(dir, "auth.db")}`);
let now = Date.parse("2026-06-01T08:00:00Z");
const app = await buildApp({ store, now: () => new Date(now) });
await createUser(
  store,
  { username: "known", printedName: "Known User", roles: ["nurse"], password: "the right passphrase" },
  "system",
  new Date(now),
);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function time(username: string, password: string): Promise<{ ms: number; status: number }> {
  // Past the 15-minute window: every attempt is a first failure, never throttled.
  now += 16 * 60_000;
  const t0 = performance.now();
  const r = await app.inject({ method: "POST", url: "/api/session", payload: { username, password } });
  return { ms: performance.now() - t0, status: r.statusCode };
}

// Warm up scrypt, the dummy hash and the routes.
for (let i = 0; i < 3; i++) {
  await time("known", "warming up the path");
  await time("nobody", "warming up the path");
}
const known: number[] = [];
const unknown: number[] = [];
const right: number[] = [];
const statuses = new Set<number>();
for (let i = 0; i < attempts; i++) {
  // Interleaved, so drift in the machine's load falls on both alike.
  const k = await time("known", `wrong guess ${i}`);
  const u = await time(`nobody${i}`, `wrong guess ${i}`);
  const g = await time("known", "the right passphrase");
  known.push(k.ms);
  unknown.push(u.ms);
  right.push(g.ms);
  statuses.add(k.status).add(u.status);
}
const mk = median(known);
const mu = median(unknown);
console.log(`sign-in timing over ${attempts} attempts each (POST /api/session, SQLite, in-process)`);
console.log(`  known user, wrong password    median ${mk.toFixed(1)} ms`);
console.log(`  unknown user                  median ${mu.toFixed(1)} ms`);
console.log(`  known user, right password    median ${median(right).toFixed(1)} ms`);
console.log(`  difference unknown vs known   ${(((mu - mk) / mk) * 100).toFixed(1)} %`);
console.log(`  answers to the wrong ones     ${[...statuses].join(", ")}`);
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
