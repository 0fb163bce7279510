/**
 * Sessions across servers (issue 15), on one PostgreSQL database and on one SQLite file: two app instances
 * share the database as two servers behind a load balancer do. Signing out, changing the password, and an
 * admin's disable, role change or "end sessions" on server A end every session of the user, and the very
 * next request on server B is refused (no delay, no cache). The idle timeout runs on an injected clock.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, type TestDatabase, createTestDatabase } from "../../test/support/databases.js";
import { SESSION_HOURS, TOUCH_MS } from "../accounts/sessions.js";
import { createUser } from "../accounts/users.js";
import { config } from "../config/index.js";
import { type Store, openStore } from "../store/connect.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

interface Signed {
  cookie: string;
  csrf: string;
}

/** Two stores on one database: SQLite in a file (two connections), PostgreSQL in a fresh database. */
async function sharedDatabase(dialect: "sqlite" | "postgres"): Promise<TestDatabase> {
  if (dialect === "postgres") return createTestDatabase("postgres");
  const dir = mkdtempSync(join(tmpdir(), "cradle-sessions-"));
  return { name: "sqlite", url: `sqlite://${join(dir, "shared.db")}`, drop: async () => {} };
}

describe.each(DIALECTS)("sessions on two servers sharing %s", (dialect) => {
  let db: TestDatabase;
  let storeA: Store;
  let storeB: Store;
  let a: Api;
  let b: Api;
  let clock = Date.parse("2026-06-01T08:00:00Z");
  const now = () => new Date(clock);

  beforeAll(async () => {
    db = await sharedDatabase(dialect);
    storeA = await openStore(db.url);
    storeB = await openStore(db.url);
    for (const [username, roles] of [
      ["ada", ["admin"]],
      ["nina", ["nurse"]],
      ["cora", ["coordinator"]],
    ] as const) {
      await createUser(
        storeA,
        { username, printedName: `${username} Person`, roles: [...roles], password: PASSWORD },
        "system",
        now(),
      );
    }
    a = await buildApp({ store: storeA, now });
    b = await buildApp({ store: storeB, now });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await storeA?.close();
    await storeB?.close();
    await db?.drop();
  });

  const signIn = async (app: Api, username: string, password = PASSWORD): Promise<Signed> => {
    const r = await app.inject({ method: "POST", url: "/api/session", payload: { username, password } });
    expect(r.statusCode, r.body).toBe(200);
    return { cookie: String(r.headers["set-cookie"]).split(";")[0] as string, csrf: r.json().csrfToken };
  };
  const call = (
    app: Api,
    s: Signed,
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      ...(payload ? { payload } : {}),
    });
  const whoAmI = async (app: Api, s: Signed) => (await call(app, s, "GET", "/api/session")).statusCode;

  it("signing out on A ends every session of the user: the next request on B is 401", async () => {
    const onA = await signIn(a, "nina");
    const onB = await signIn(b, "nina");
    const other = await signIn(b, "cora");
    expect(await whoAmI(b, onA)).toBe(200);
    expect((await call(a, onA, "DELETE", "/api/session")).statusCode).toBe(204);
    expect(await whoAmI(b, onA)).toBe(401);
    expect(await whoAmI(b, onB)).toBe(401);
    expect(await whoAmI(a, onB)).toBe(401);
    // Another user's session is untouched.
    expect(await whoAmI(b, other)).toBe(200);
  });

  it("changing the password on A ends the user's sessions on B; A's answer carries a fresh session", async () => {
    const onA = await signIn(a, "cora");
    const onB = await signIn(b, "cora");
    expect(await whoAmI(b, onB)).toBe(200);
    const next = "a second passphrase of hers";
    const r = await call(a, onA, "POST", "/api/session/password", {
      oldPassword: PASSWORD,
      newPassword: next,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await whoAmI(b, onB)).toBe(401);
    expect(await whoAmI(b, onA)).toBe(401);
    const fresh = {
      cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
      csrf: r.json().csrfToken,
    };
    expect(await whoAmI(b, fresh)).toBe(200);
    // Put the password back for the tests after this one.
    const back = await call(b, fresh, "POST", "/api/session/password", {
      oldPassword: next,
      newPassword: PASSWORD,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  // After the reset below, nina's password is the one-time password it answered.
  let ninaPassword = PASSWORD;
  for (const [what, url, method, body] of [
    ["disable", "/api/users/nina/disable", "POST", { reason: "left the unit" }],
    [
      "role change",
      "/api/users/nina/roles",
      "PUT",
      { roles: ["coordinator"], reason: "moved to coordination" },
    ],
    ["end sessions", "/api/users/nina/end-sessions", "POST", { reason: "badge lost" }],
    ["password reset", "/api/users/nina/password-reset", "POST", { reason: "forgot it" }],
  ] as const) {
    it(`an admin's ${what} on A ends the user's sessions: the next request on B is 401`, async () => {
      const admin = await signIn(a, "ada");
      // The user is enabled, a nurse, with the known password at the start of each case.
      await call(a, admin, "POST", "/api/users/nina/enable", { reason: "back" });
      await call(a, admin, "PUT", "/api/users/nina/roles", { roles: ["nurse"], reason: "as before" });
      const nina = await signIn(b, "nina", ninaPassword);
      expect(await whoAmI(b, nina)).toBe(200);
      const r = await call(a, admin, method, url, body);
      expect(r.statusCode, r.body).toBe(200);
      expect(await whoAmI(b, nina)).toBe(401);
      if (what === "password reset") ninaPassword = r.json().oneTimePassword;
    });
  }

  it("a disabled user cannot sign in on either server; enabled again, can", async () => {
    const admin = await signIn(b, "ada");
    expect(
      (await call(b, admin, "POST", "/api/users/nina/disable", { reason: "suspended" })).statusCode,
    ).toBe(200);
    for (const app of [a, b]) {
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: "nina", password: ninaPassword },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe("AUTH_FAILED");
    }
    expect(
      (await call(a, admin, "POST", "/api/users/nina/enable", { reason: "reinstated" })).statusCode,
    ).toBe(200);
    await signIn(a, "nina", ninaPassword);
  });

  it("ends a session idle for the configured minutes, on an injected clock; use keeps it alive", async () => {
    const idle = config().sessionIdleMinutes;
    expect(idle).toBe(15);
    const s = await signIn(a, "cora");
    // Used every (idle − 1) minutes: still alive after far more than the idle timeout in all.
    for (let i = 0; i < 4; i++) {
      clock += (idle - 1) * 60_000;
      expect(await whoAmI(i % 2 === 0 ? a : b, s), `after ${(i + 1) * (idle - 1)} min`).toBe(200);
    }
    // Unused for the idle timeout: ended, on both servers.
    clock += idle * 60_000;
    expect(await whoAmI(b, s)).toBe(401);
    expect(await whoAmI(a, s)).toBe(401);
    // A session a request used less than TOUCH_MS ago may end that much early, never late.
    const t = await signIn(a, "cora");
    clock += TOUCH_MS - 1;
    expect(await whoAmI(a, t)).toBe(200);
    clock += idle * 60_000 - TOUCH_MS + 1;
    expect(await whoAmI(a, t)).toBe(401);
  });

  it("ends a session at its absolute end however busy it is", async () => {
    const s = await signIn(a, "cora");
    const end = clock + SESSION_HOURS * 3600_000;
    while (clock + 10 * 60_000 < end) {
      clock += 10 * 60_000;
      expect(await whoAmI(b, s)).toBe(200);
    }
    clock = end;
    expect(await whoAmI(b, s)).toBe(401);
  });
});
