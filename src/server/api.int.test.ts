/**
 * The API in process (Fastify inject), on SQLite and PostgreSQL: the whole permission matrix route by
 * route (401 without a session, 403 with a wrong role or without the CSRF token), 422 for bad input naming
 * the field, and a product registered, tested and released with a signature over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { ROLES, type Role, createUser } from "../accounts/users.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

const DIN = "G123426000001";

describe.each(DIALECTS)("API on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  const sessions = new Map<Role, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date(), hla, ctcae: await testCtcae() });
    for (const role of ROLES) {
      await createUser(
        store(),
        { username: `u-${role}`, printedName: `User ${role}`, roles: [role], password: PASSWORD },
        "system",
        new Date(),
      );
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: `u-${role}`, password: PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(200);
      const cookie = String(r.headers["set-cookie"]).split(";")[0] as string;
      expect(String(r.headers["set-cookie"])).toMatch(/HttpOnly/i);
      expect(String(r.headers["set-cookie"])).toMatch(/SameSite=Strict/i);
      sessions.set(role, { cookie, csrf: r.json().csrfToken });
    }
  });
  afterAll(async () => app?.close());

  const as = (role: Role, method: string, url: string, payload?: unknown, csrf = true) => {
    const s = sessions.get(role) as { cookie: string; csrf: string };
    return app.inject({
      method: method as "GET",
      url,
      headers: { cookie: s.cookie, ...(csrf ? { "x-csrf-token": s.csrf } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };

  it("walks the permission matrix: every route, every role", async () => {
    const routes = app.cradleRoutes;
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const url = route.url
        .replace(":din", DIN)
        .replace(":mrn", "MRN-404")
        .replace(":id", "7d5a0a3e-3c3a-4c61-9d0f-2b1f4f6f0a11")
        .replace(":number", "1")
        .replace(":protocol", "hie-autologous-cord-blood");
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : {};
      const anonymous = await app.inject({
        method: route.method as "GET",
        url,
        ...(body ? { payload: body } : {}),
      });
      if (route.access === "public") {
        expect(anonymous.statusCode, `${route.method} ${route.url} public`).not.toBe(401);
        continue;
      }
      expect(anonymous.statusCode, `${route.method} ${route.url} without a session`).toBe(401);
      // Signing out would end the sessions the walk uses; its own test below covers it.
      if (route.method === "DELETE" && route.url === "/api/session") continue;
      for (const role of ROLES) {
        const allowed = route.access === "signed-in" || route.access.includes(role);
        const r = await as(role, route.method, url, body);
        if (allowed)
          expect([401, 403], `${route.method} ${route.url} as ${role}: ${r.body}`).not.toContain(
            r.statusCode,
          );
        else expect(r.statusCode, `${route.method} ${route.url} as ${role}`).toBe(403);
      }
    }
  });

  it("answers 422 naming the field on every route that takes input", async () => {
    // Routes that take nothing from the caller but the session.
    const noInput = new Set([
      "GET /api/health",
      "GET /api/session",
      "GET /api/session/totp",
      "DELETE /api/session",
      "GET /api/reference",
      "GET /api/products/summary",
      "GET /api/audit/verify",
      "GET /api/audit/kinds",
      "GET /api/users",
      "GET /api/protocols",
      "GET /api/outcomes/actions",
      "GET /api/outcomes/forms",
      "GET /api/outcomes/report",
      "GET /api/outcomes/overdue",
      "GET /api/adverse-events/open-reports",
      "GET /api/research/analysis/dictionary.csv",
      "GET /api/therapy/held-orders",
      "GET /api/storage/devices",
      "GET /api/qc/plausible-ranges",
      "GET /api/quality/dashboard",
      "GET /api/quality/monitoring",
      "POST /api/quality/alarms/sweep",
      "GET /api/materials/lots",
      "GET /api/materials/equipment",
      "GET /api/recalls",
      "GET /api/frequency-sets",
      "GET /api/ranking-weights",
    ]);
    const bad: Record<string, string> = {
      "GET /api/products": "?limit=0",
      "GET /api/audit": "?limit=0",
      "GET /api/audit.csv": "?kind=not.a.kind",
      "GET /api/ctcae/terms": "?limit=0",
      "GET /api/patients": "?limit=0",
      "GET /api/therapy/due": "?horizonHours=0",
      "GET /api/outcomes/report.csv": "?table=patients",
      "GET /api/research/export": "?format=xml",
      "GET /api/research/analysis": "?format=xml",
      "GET /api/storage/grid": "?box=LN2%2F%00",
      "GET /api/storage/issues": "?open=maybe",
      "GET /api/quality/deviations": "?open=maybe",
      "GET /api/quality/capas": "?open=maybe",
      "GET /api/quality/alarms": "?open=maybe",
      "GET /api/quality/vigilance": "?open=maybe",
    };
    for (const route of app.cradleRoutes) {
      const key = `${route.method} ${route.url}`;
      if (noInput.has(key)) continue;
      const role =
        route.access === "public" || route.access === "signed-in" ? "admin" : (route.access[0] as Role);
      const url =
        route.url
          .replace(":din", "NOT-A-DIN")
          .replace(":mrn", "bad%20mrn")
          .replace(":id", "not-a-uuid")
          .replace(":number", "x")
          .replace(":protocol", "BAD%20PROTOCOL") + (bad[key] ?? "");
      const r = await as(role, route.method, url, route.method === "POST" ? { unexpected: [] } : undefined);
      expect(r.statusCode, `${key}: ${r.body}`).toBe(422);
      expect(r.json().message, key).toMatch(/\w/);
      expect(r.json().details?.field, `${key}: ${r.body}`).toBeTruthy();
    }
  });

  it("makes a user with a one-time password change it before anything else", async () => {
    await createUser(
      store(),
      {
        username: "newcomer",
        printedName: "New Comer",
        roles: ["coordinator"],
        password: "one-time-pass-123",
        mustChangePassword: true,
      },
      "u-admin",
      new Date(),
    );
    const r = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "newcomer", password: "one-time-pass-123" },
      remoteAddress: "10.0.0.2",
    });
    const cookie = String(r.headers["set-cookie"]).split(";")[0] as string;
    const headers = { cookie, "x-csrf-token": r.json().csrfToken as string };
    const blocked = await app.inject({ method: "GET", url: "/api/products", headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe("PASSWORD_CHANGE_REQUIRED");
    const same = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers,
      remoteAddress: "10.0.0.2",
      payload: { oldPassword: "one-time-pass-123", newPassword: "one-time-pass-123" },
    });
    expect(same.statusCode).toBe(422);
    const changed = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers,
      remoteAddress: "10.0.0.2",
      payload: { oldPassword: "one-time-pass-123", newPassword: "my own password 9" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    // The change ended every session of the user, this one too; the answer's new session works at once.
    expect((await app.inject({ method: "GET", url: "/api/products", headers })).statusCode).toBe(401);
    const renewed = String(changed.headers["set-cookie"]).split(";")[0] as string;
    expect(
      (await app.inject({ method: "GET", url: "/api/products", headers: { cookie: renewed } })).statusCode,
    ).toBe(200);
    const again = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "newcomer", password: "my own password 9" },
      remoteAddress: "10.0.0.2",
    });
    const cookie2 = String(again.headers["set-cookie"]).split(";")[0] as string;
    expect(
      (await app.inject({ method: "GET", url: "/api/products", headers: { cookie: cookie2 } })).statusCode,
    ).toBe(200);
  });

  it("refuses a change without the session's CSRF token", async () => {
    const r = await as("lab-technologist", "POST", `/api/products/${DIN}/discard`, { reason: "x" }, false);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe("CSRF");
  });

  it("answers 422 naming the field for bad input", async () => {
    const missing = await as("lab-technologist", "POST", "/api/products", { source: "cord-blood" });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().details.field).toBe("donorId");
    const bad = await as("lab-technologist", "POST", "/api/products", {
      fin: "G1234",
      source: "cord-blood",
      donorId: "INF-1",
      consentRef: "C",
      collectedAt: "2026-03-01T08:00:00Z",
      site: "St Mary",
      volumeMl: 80,
      productCode: "S1234X00",
      storageTemperature: "cryopreserved",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: "INVALID_INPUT", details: { field: "productCode" } });
    const gl = await as("physician", "POST", "/api/hla/validate", { glString: "A*01:01+A*99:99" });
    expect(gl.statusCode).toBe(422);
    expect(gl.json().code).toBe("HLA_UNKNOWN_ALLELE");
    const limit = await as("auditor", "GET", "/api/products?limit=5000");
    expect(limit.statusCode).toBe(422);
    expect(limit.json().details.field).toBe("limit");
  });

  it("refuses coerced, unknown, over-long and impossible bank input with 422 naming the field, writing nothing", async () => {
    const body = {
      fin: "G1234",
      source: "cord-blood",
      donorId: "INF-1",
      consentRef: "C",
      collectedAt: "2026-03-01T08:00:00Z",
      site: "St Mary",
      volumeMl: 80,
      productCode: "S1234V00",
      storageTemperature: "cryopreserved",
    };
    const events = async () => (await as("auditor", "GET", "/api/audit/verify")).json().events as number;
    const before = await events();
    const cases: [Record<string, unknown>, string][] = [
      [{ volumeMl: true }, "volumeMl"],
      [{ volumeMl: null }, "volumeMl"],
      [{ volumeMl: "80" }, "volumeMl"],
      [{ volumeMl: 1e300 }, "volumeMl"],
      [{ source: "toString" }, "source"],
      [{ storageTemperature: "__proto__" }, "storageTemperature"],
      [{ donorId: "x".repeat(1024 * 1024) }, "donorId"],
      [{ donorId: "INF\u00001" }, "donorId"],
      [{ collectedAt: "2026-02-30T10:00:00Z" }, "collectedAt"],
      [{ colour: "red" }, "colour"],
    ];
    for (const [over, field] of cases) {
      const r = await as("lab-technologist", "POST", "/api/products", { ...body, ...over });
      expect(r.statusCode, `${field}: ${r.body.slice(0, 200)}`).toBe(422);
      expect(r.json()).toMatchObject({ code: "INVALID_INPUT", details: { field } });
    }
    for (const [url, field] of [
      ["/api/products?limit=Infinity", "limit"],
      ["/api/products?limit=1e3", "limit"],
      ["/api/products?status=__proto__", "status"],
      ["/api/products?source=constructor", "source"],
      ["/api/products?colour=red", "colour"],
      [`/api/products/${DIN}?product=S1234V00%00`, "product"],
    ] as const) {
      const r = await as("auditor", "GET", url);
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(422);
      expect(r.json().details.field).toBe(field);
    }
    const step = await as("lab-technologist", "POST", `/api/products/${DIN}/qc`, {
      test: "tnc",
      stage: "post-processing",
      value: true,
      testedAt: new Date().toISOString(),
    });
    expect(step.statusCode).toBe(422);
    expect(step.json().details.field).toBe("value");
    expect(await events()).toBe(before);
  });

  it("registers, tests and releases a product over HTTP, with the signature", async () => {
    // The inventory page is cached between writes: a registration shows at once.
    const before = (await as("auditor", "GET", "/api/products?limit=5")).json().total as number;
    const reg = await as("lab-technologist", "POST", "/api/products", {
      fin: "G1234",
      source: "cord-blood",
      donorId: "INF-9",
      motherId: "MOT-9",
      consentRef: "C-9",
      collectedAt: "2026-03-01T08:00:00Z",
      site: "St Mary",
      volumeMl: 80,
      productCode: "S1234V00",
      aboRhD: "A+",
      storageTemperature: "cryopreserved",
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const din = reg.json().din as string;
    const after = (await as("auditor", "GET", "/api/products?limit=5")).json();
    expect(after.total).toBe(before + 1);
    expect(after.items[0].din).toBe(din);
    const t = new Date().toISOString();
    expect(
      (
        await as("lab-technologist", "POST", `/api/products/${din}/processing`, {
          step: "volume-reduction",
          performedAt: t,
          volumeAfterMl: 25,
          complete: true,
        })
      ).statusCode,
    ).toBe(200);
    const qc: [string, string, number | string][] = [
      ["tnc", "post-processing", 9e8],
      ["cd34", "post-processing", 2.5e6],
      ["viability", "post-processing", 88],
      ["sterility", "post-processing", "negative"],
      ["abo", "post-processing", "A+"],
      ["hla", "post-processing", "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01"],
      ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map(
        (m) => [m, "maternal", "negative"] as [string, string, string],
      ),
    ];
    for (const [test, stage, v] of qc) {
      const r = await as("lab-technologist", "POST", `/api/products/${din}/qc`, {
        test,
        stage,
        testedAt: t,
        ...(typeof v === "number" ? { value: v } : { result: v }),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const wrong = await as("quality-manager", "POST", `/api/products/${din}/release`, { password: "not it" });
    expect(wrong.statusCode).toBe(401);
    const released = await as("quality-manager", "POST", `/api/products/${din}/release`, {
      password: PASSWORD,
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().signature).toMatchObject({
      printedName: "User quality-manager",
      meaning: "released",
    });
    const page = await as("auditor", "GET", `/api/products/${din}`);
    expect(page.json().product.status).toBe("available");
    // The page's buttons come from the server: what this user may do to this product now.
    expect(page.json().actions).toEqual([]);
    expect((await as("coordinator", "GET", `/api/products/${din}`)).json().actions).toEqual(["reserve"]);
    expect(page.json().releaseCheck).toContainEqual({
      rule: "not-expired",
      passed: true,
      reason: "the product has no expiry",
    });
    expect(page.json().trace.products[0].signatures).toHaveLength(1);
    const list = await as("coordinator", "GET", "/api/products?status=available&limit=10");
    expect(list.json()).toMatchObject({ total: 1, items: [{ din }] });
    const svg = await as("coordinator", "GET", `/api/products/${din}/label.svg`);
    expect(svg.headers["content-type"]).toContain("image/svg+xml");
    const pdf = await as("coordinator", "GET", `/api/products/${din}/label.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const verify = await as("auditor", "GET", "/api/audit/verify");
    expect(verify.json().ok).toBe(true);
  });

  it("signs out: the cookie no longer works", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "u-auditor", password: PASSWORD },
      remoteAddress: "10.0.0.3",
    });
    const cookie = String(r.headers["set-cookie"]).split(";")[0] as string;
    const out = await app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie, "x-csrf-token": r.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    // Signing out ends every session of the user: the one the matrix above used too.
    expect((await as("auditor", "GET", "/api/session")).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it("serves health publicly and the OpenAPI document", async () => {
    expect((await app.inject({ method: "GET", url: "/api/health" })).json()).toMatchObject({ status: "ok" });
    // The description is for signed-in users (CRADLE_API_DOCS=signed-in, the default).
    expect((await app.inject({ method: "GET", url: "/api/docs/json" })).statusCode).toBe(401);
    const doc = await as("researcher", "GET", "/api/docs/json");
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toContain("/api/products/{din}/release");
  });

  it("sends security headers: API answers are never stored or framed, the docs keep their own policy", async () => {
    for (const r of [
      await as("auditor", "GET", "/api/products?limit=1"),
      await app.inject({ method: "GET", url: "/api/products" }), // 401 too
      await app.inject({ method: "GET", url: "/api/health" }),
    ]) {
      expect(r.headers["cache-control"]).toBe("no-store");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["x-frame-options"]).toBe("DENY");
      expect(r.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(r.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    }
    const docs = await as("researcher", "GET", "/api/docs/json");
    expect(docs.headers["cache-control"]).toBeUndefined();
    expect(docs.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers 401 to a missing, garbled or unknown session cookie", async () => {
    for (const cookie of [
      "",
      "other=1",
      "cradle_session=",
      "cradle_session=%E0%A4%A",
      "cradle_session=nope",
    ]) {
      const r = await app.inject({ method: "GET", url: "/api/products", headers: { cookie } });
      expect(r.statusCode, cookie).toBe(401);
      expect(r.json().code).toBe("AUTH_REQUIRED");
    }
  });

  it("limits sign-in attempts", async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (
        await app.inject({
          method: "POST",
          url: "/api/session",
          payload: { username: "nobody", password: "x" },
          remoteAddress: "10.9.9.9",
        })
      ).statusCode;
    }
    expect(last).toBe(429);
  });
});
