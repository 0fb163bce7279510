/**
 * Users, sign-in, the audit trail and the HLA check over HTTP, on SQLite and PostgreSQL: bad bodies and
 * queries answer 422 naming the field (never repeating a password) and write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { countUsers, createUser } from "../accounts/users.js";
import { auditCount } from "../audit/trail.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

describe.each(DIALECTS)("platform routes on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let session: { cookie: string; csrf: string };

  beforeAll(async () => {
    await createUser(
      store(),
      { username: "ada", printedName: "Ada Admin", roles: ["admin"], password: PASSWORD },
      "system",
      new Date(),
    );
    app = await buildApp({ store: store(), now: () => new Date(), hla });
    const r = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "ada", password: PASSWORD },
    });
    expect(r.statusCode, r.body).toBe(200);
    session = { cookie: String(r.headers["set-cookie"]).split(";")[0] as string, csrf: r.json().csrfToken };
  });
  afterAll(async () => app?.close());

  const call = (method: "GET" | "POST", url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
      ...(payload ? { payload } : {}),
    });
  const written = async () => [await countUsers(store()), await auditCount(store())];

  it("refuses a bad new user naming the field, and writes no user and no audit event", async () => {
    const before = await written();
    const good = {
      username: "nina",
      printedName: "Nina Nurse",
      roles: ["nurse"],
      password: "nurse password 1",
      reason: "new starter on ward 3",
    };
    const cases: [object, string][] = [
      [{ ...good, roles: ["__proto__"] }, "roles.0"],
      [{ ...good, roles: ["constructor"] }, "roles.0"],
      [{ ...good, roles: "nurse" }, "roles"],
      [{ ...good, username: true }, "username"],
      [{ ...good, username: "x".repeat(1_000_000) }, "username"],
      [{ ...good, printedName: "Nina\u0000" }, "printedName"],
      [{ ...good, password: "top secret\u0000 pass" }, "password"],
      [{ ...good, mustChangePassword: false }, "mustChangePassword"],
    ];
    for (const [body, field] of cases) {
      const r = await call("POST", "/api/users", body);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().details.field).toBe(field);
      expect(r.body).not.toContain("top secret");
    }
    expect(await written()).toEqual(before);
    const ok = await call("POST", "/api/users", good);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({
      user: { username: "nina", printedName: "Nina Nurse", roles: ["nurse"], mustChangePassword: true },
    });
  });

  it("refuses a sign-in body of the wrong shape as bad input, never echoing the password", async () => {
    for (const [body, field] of [
      [{ username: "ada", password: 12345678901 }, "password"],
      [{ username: "ada", password: "pass\u0000word 123" }, "password"],
      [{ username: "ada", password: PASSWORD, remember: true }, "remember"],
    ] as const) {
      const r = await app.inject({ method: "POST", url: "/api/session", payload: body });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().details.field).toBe(field);
      expect(r.body).not.toContain("pass\\u0000word");
    }
  });

  it("bounds the audit page: ?limit=Infinity, 1e3 or 501 are refused", async () => {
    for (const q of ["limit=Infinity", "limit=1e3", "limit=501", "offset=-1", "limit=true"]) {
      const r = await call("GET", `/api/audit?${q}`);
      expect(r.statusCode, `${q}: ${r.body}`).toBe(422);
    }
    const r = await call("GET", "/api/audit?limit=2");
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toHaveLength(2);
  });

  it("checks a typing as every stored typing is: five fields are refused", async () => {
    const bad = await call("POST", "/api/hla/validate", { glString: "A*01:01:01:01:01" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("HLA_UNKNOWN_ALLELE");
    const long = await call("POST", "/api/hla/validate", { glString: "A*01:01/".repeat(600) });
    expect(long.statusCode).toBe(422);
    expect(long.json().details.field).toBe("glString");
    const ok = await call("POST", "/api/hla/validate", { glString: "A*01:01:01:01+A*02:01" });
    expect(ok.json()).toEqual({ valid: true, lgx: "A*01:01+A*02:01" });
  });
});
