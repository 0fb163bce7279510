/**
 * The contract test of issue 13: every route of the real app, on SQLite and PostgreSQL, sent bad requests
 * made from its own schemas (generate.ts, cases.ts). Each must answer 422 INVALID_INPUT naming the broken
 * field; none may answer 5xx; and the run must change no row of any table, the audit trail included.
 * The user holds every role and sends the CSRF token, so access never hides a missing check.
 *
 * CRADLE_CONTRACT_REPORT=1 prints the whole report and does not fail: what the route owners have left.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, createUser } from "../../src/accounts/users.js";
import { type OpenedHla, openHla } from "../../src/hla/reference/open.js";
import { SearchIndex } from "../../src/matching/search-index.js";
import { buildApp } from "../../src/server/app.js";
import type { Api } from "../../src/server/context.js";
import type { Store } from "../../src/store/connect.js";
import { PASSWORD } from "../support/bank.js";
import { testCtcae } from "../support/ctcae.js";
import { DIALECTS, useStore } from "../support/databases.js";
import { HLA_3580, MAC_SUBSET } from "../support/shared.js";
import { type RouteCases, routeCases } from "./cases.js";
import type { BadCase } from "./generate.js";
import { type Outcome, figures, report } from "./report.js";

const REPORT_ONLY = process.env.CRADLE_CONTRACT_REPORT === "1";
/** Requests in flight at once: enough to keep both databases busy, few enough for a shared machine. */
const PARALLEL = 8;

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

/** Row count and a hash of the contents of every table in the database: any insert, update or delete shows. */
async function snapshot(store: Store): Promise<Map<string, { rows: number; hash: string }>> {
  const tables = await store.db.introspection.getTables();
  const out = new Map<string, { rows: number; hash: string }>();
  for (const t of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(store.db);
    const text = rows.map((r) => JSON.stringify(r)).sort();
    out.set(t.name, { rows: rows.length, hash: createHash("sha256").update(text.join("\n")).digest("hex") });
  }
  return out;
}

/** Tables that differ, each with the rows it gained or lost (at least 1 when rows were only updated). */
function writesBetween(
  before: Map<string, { rows: number; hash: string }>,
  after: Map<string, { rows: number; hash: string }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [t, a] of after) {
    const b = before.get(t);
    if (b?.hash !== a.hash) out.set(t, Math.max(1, Math.abs(a.rows - (b?.rows ?? 0))));
  }
  return out;
}

async function auditSeq(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom("auditEvent")
    .select((e) => e.fn.max("seq").as("seq"))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** The audit events written since seq, counted by action: what a write that slipped through did. */
async function auditSince(store: Store, seq: number): Promise<string> {
  const rows = await store.db
    .selectFrom("auditEvent")
    .select(["action", "entityType"])
    .where("seq", ">", seq)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows)
    counts.set(`${r.action} ${r.entityType}`, (counts.get(`${r.action} ${r.entityType}`) ?? 0) + 1);
  return counts.size ? `\naudit events written: ${[...counts].map(([k, n]) => `${k}×${n}`).join(", ")}` : "";
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(app: Api, username: string, address: string): Promise<Session> {
  const r = await app.inject({
    method: "POST",
    url: "/api/session",
    payload: { username, password: PASSWORD },
    remoteAddress: address,
  });
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: String(r.headers["set-cookie"]).split(";")[0] as string, csrf: r.json().csrfToken };
}

/** Sends one case and reads the answer; a distinct address per request keeps sign-in's rate limit away. */
async function send(app: Api, c: BadCase, s: Session, n: number): Promise<Outcome> {
  const r = await app.inject({
    method: c.route.split(" ")[0] as "GET",
    url: c.url,
    headers: {
      cookie: s.cookie,
      "x-csrf-token": s.csrf,
      ...(c.payload === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(c.payload === undefined ? {} : { payload: c.payload }),
    remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  });
  let body: { code?: string; message?: string; details?: { field?: unknown } } = {};
  try {
    body = r.json();
  } catch {
    // Not JSON (a label, a CSV): the status says enough.
  }
  return {
    c,
    status: r.statusCode,
    ...(body.code ? { code: body.code } : {}),
    ...(typeof body.details?.field === "string" ? { field: body.details.field } : {}),
    ...(typeof body.message === "string" ? { message: body.message } : {}),
  };
}

async function runAll(cases: BadCase[], one: (c: BadCase, n: number) => Promise<Outcome>) {
  const out: Outcome[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < cases.length) {
        const i = next++;
        out[i] = await one(cases[i] as BadCase, i);
      }
    }),
  );
  return out;
}

describe.each(DIALECTS)("bad input on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  afterAll(async () => app?.close());

  it("refuses every generated bad request: 422 naming the field, never 5xx, nothing written", async () => {
    // The HLA release and a (empty) search index loaded, as on a real server: no route answers 503 for lack
    // of them, so a bad value that slips through validation reaches the service.
    const search = { index: new SearchIndex(hla.engine), loadedAt: new Date().toISOString(), loadMs: 0 };
    app = await buildApp({ store: store(), now: () => new Date(), hla, search, ctcae: await testCtcae() });
    for (const username of ["contract", "contract-session"])
      await createUser(
        store(),
        { username, printedName: `Contract ${username}`, roles: [...ROLES], password: PASSWORD },
        "system",
        new Date(),
      );
    const main = await signIn(app, "contract", "10.255.0.1");
    // Session routes get a session of their own: a sign-out that slips through must not end the others'.
    const own = await signIn(app, "contract-session", "10.255.0.2");

    const generated: RouteCases[] = app.cradleRoutes.map(routeCases);
    const isSession = (c: BadCase) => c.route.includes(" /api/session");
    const cases = generated.flatMap((g) => g.cases);
    // Sign-out last, so that if it lets a case through no other case loses its session.
    cases.sort(
      (a, b) => Number(a.route === "DELETE /api/session") - Number(b.route === "DELETE /api/session"),
    );
    expect(cases.length, "the generator made no cases").toBeGreaterThan(100);

    const before = await snapshot(store());
    const lastSeq = await auditSeq(store());
    const outcomes = await runAll(cases, (c, n) => send(app, c, isSession(c) ? own : main, n));
    const after = await snapshot(store());
    const writes = writesBetween(before, after);
    const written = await auditSince(store(), lastSeq);

    const gaps = generated.filter((g) => g.gap).map((g) => `${g.route}: ${g.gap}`);
    const text =
      report(dialect, outcomes, writes, gaps, REPORT_ONLY ? Number.POSITIVE_INFINITY : 25) + written;
    console.log(text);
    if (REPORT_ONLY) return;
    // One assertion for the four promises, so a failing run shows them all at once, the report above it.
    const f = figures(outcomes, writes);
    expect(
      { server5xx: f.server5xx, writes: Object.fromEntries(writes), gaps, failing: f.cases - f.refused },
      "bad input on this database: see the report printed above",
    ).toEqual({ server5xx: 0, writes: {}, gaps: [], failing: 0 });
  }, 300_000);
});
