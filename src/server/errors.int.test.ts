/**
 * The answers of the HTTP layer itself: an unexpected error is a 500 with a request id and nothing of its
 * internals (and is logged), malformed JSON and over-deep or prototype-keyed bodies are 422s naming the
 * problem, an unknown route is NOT_FOUND, and every code sent carries the status the catalogue gives it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useStore } from "../../test/support/databases.js";
import { ERROR_CODES, type ErrorCode, httpStatusOf } from "../errors.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

describe("the HTTP layer's own answers", () => {
  const store = useStore("sqlite");
  let app: Api;
  const logged: string[] = [];

  beforeAll(async () => {
    app = await buildApp({
      store: store(),
      now: () => new Date(),
      logger: { level: "error", stream: { write: (line: string) => void logged.push(line) } },
    });
    app.get("/api/test/boom", { config: { access: "public" } }, async () => {
      throw new Error("connection string postgres://secret@db/cradle");
    });
    app.post("/api/test/echo", { config: { access: "public" } }, async (request) => ({ got: request.body }));
  });
  afterAll(async () => app?.close());

  it("answers an unexpected error with 500, a request id and no internals, and logs it", async () => {
    const r = await app.inject({ method: "GET", url: "/api/test/boom" });
    expect(r.statusCode).toBe(500);
    const body = r.json();
    expect(body.code).toBe("INTERNAL");
    expect(body.requestId).toMatch(/\S+/);
    expect(r.body).not.toContain("secret");
    expect(r.body).not.toContain("Error");
    expect(logged.join("\n")).toContain("secret");
    expect(logged.join("\n")).toContain(body.requestId);
  });

  it("refuses JSON nested 5,000 deep with 422, not a crash", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const r = await app.inject({
      method: "POST",
      url: "/api/test/echo",
      headers: { "content-type": "application/json" },
      payload: deep,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe("INVALID_INPUT");
    expect(r.json().message).toMatch(/deeper than 16/);
  });

  it("refuses a __proto__ key anywhere in a body, naming where", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/test/echo",
      headers: { "content-type": "application/json" },
      payload: '{"a":{"__proto__":{"admin":true}}}',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.field).toBe("a.__proto__");
  });

  it("refuses text that is not JSON with 422", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/test/echo",
      headers: { "content-type": "application/json" },
      payload: '{"a":',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe("INVALID_INPUT");
  });

  it("refuses an over-long or malformed path part with 422 in the catalogue's shape", async () => {
    for (const url of [`/api/users/${"a".repeat(5000)}/disable`, "/api/products/%E0%A4%A"]) {
      const r = await app.inject({ method: "POST", url, payload: {} });
      expect(r.statusCode, url.slice(0, 40)).toBe(422);
      expect(r.json().code).toBe("INVALID_INPUT");
      expect(r.json().message).toMatch(/\S/);
      expect(r.json()).not.toHaveProperty("error");
    }
  });

  it("answers an unknown API route NOT_FOUND with the catalogue's status", async () => {
    const r = await app.inject({ method: "GET", url: "/api/nothing-here" });
    expect(r.statusCode).toBe(httpStatusOf("NOT_FOUND"));
    expect(r.json().code).toBe("NOT_FOUND");
  });

  it("answers without a session AUTH_REQUIRED with the catalogue's status", async () => {
    const r = await app.inject({ method: "GET", url: "/api/products" });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe("AUTH_REQUIRED");
  });

  it("gives every code a status a client can act on", () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const status = httpStatusOf(code);
      expect([401, 403, 404, 409, 413, 415, 422, 429, 500, 503], code).toContain(status);
    }
    expect(httpStatusOf("INVALID_INPUT")).toBe(422);
    expect(httpStatusOf("BEDSIDE_BLOCKED")).toBe(409);
  });
});
