/**
 * Behind a reverse proxy, on SQLite and PostgreSQL (issue 15): a listed proxy's X-Forwarded-For names the
 * client address the audit trail and the throttle record, and its X-Forwarded-Proto makes the session
 * cookie Secure; the same headers from any other peer are ignored. And /api/docs and source maps: for
 * signed-in users by default, for no one when off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { createUser } from "../accounts/users.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";
import { isDocs } from "./docs-access.js";

const PROXY = "10.20.0.5";
const CLIENT = "203.0.113.7";
const STRANGER = "198.51.100.9";

describe.each(DIALECTS)("behind a reverse proxy on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let off: Api;

  beforeAll(async () => {
    await createUser(
      store(),
      { username: "nina", printedName: "Nina Nurse", roles: ["nurse"], password: PASSWORD },
      "system",
      new Date(),
    );
    app = await buildApp({
      store: store(),
      now: () => new Date(),
      trustedProxies: ["10.20.0.0/24"],
      apiDocs: "signed-in",
    });
    off = await buildApp({ store: store(), now: () => new Date(), apiDocs: "off" });
  });
  afterAll(async () => {
    await app?.close();
    await off?.close();
  });

  const failureAddress = async () => {
    const row = await store()
      .db.selectFrom("auditEvent")
      .select("afterJson")
      .where("action", "=", "auth.failure")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    return JSON.parse(row.afterJson ?? "{}").address as string;
  };
  const signIn = (remoteAddress: string, password: string, headers: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "nina", password },
      remoteAddress,
      headers,
    });
  const forwarded = { "x-forwarded-for": CLIENT, "x-forwarded-proto": "https" };

  it("believes a trusted proxy: the client's address is recorded, the cookie is Secure", async () => {
    expect((await signIn(PROXY, "a wrong password here", forwarded)).statusCode).toBe(401);
    expect(await failureAddress()).toBe(CLIENT);
    const ok = await signIn(PROXY, PASSWORD, forwarded);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(String(ok.headers["set-cookie"])).toMatch(/;\s*Secure/i);
  });

  it("ignores X-Forwarded-For and -Proto from an untrusted peer", async () => {
    expect((await signIn(STRANGER, "a wrong password again", forwarded)).statusCode).toBe(401);
    expect(await failureAddress()).toBe(STRANGER);
    const ok = await signIn(STRANGER, PASSWORD, forwarded);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(String(ok.headers["set-cookie"])).not.toMatch(/Secure/i);
  });

  it("serves /api/docs to signed-in users only, and not at all when off", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/api/docs/json" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe("AUTH_REQUIRED");
    expect((await app.inject({ method: "GET", url: "/api/docs" })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/assets/index-abc.js.map" })).statusCode).toBe(401);
    const r = await signIn(STRANGER, PASSWORD, {});
    const cookie = String(r.headers["set-cookie"]).split(";")[0] as string;
    const doc = await app.inject({ method: "GET", url: "/api/docs/json", headers: { cookie } });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    // A signed-out session reads it no longer.
    const out = await app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie, "x-csrf-token": r.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: "GET", url: "/api/docs/json", headers: { cookie } })).statusCode).toBe(
      401,
    );
    for (const url of ["/api/docs", "/api/docs/json", "/assets/index-abc.js.map"]) {
      const r2 = await off.inject({ method: "GET", url, headers: { cookie } });
      expect(r2.statusCode, url).toBe(404);
    }
  });
});

describe("what counts as documentation", () => {
  it("is /api/docs and its files, and source maps outside /api", () => {
    expect(
      ["/api/docs", "/api/docs/json", "/api/docs/static/index.html", "/assets/a.js.map", "/x.map?v=1"].every(
        isDocs,
      ),
    ).toBe(true);
    expect(["/api/docsx", "/api/products", "/assets/a.js", "/api/users/a.map", "/"].some(isDocs)).toBe(false);
  });
});
