/**
 * A nurse who scans a bag's DIN sees the product read-only (issue 14), on SQLite and PostgreSQL: the
 * record and its label preview answer, with no action offered; the inventory, the bank's lists and every
 * step stay closed to the nurse.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type People, people, releasedCord } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { createUser } from "../accounts/users.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

describe.each(DIALECTS)("a product viewed by a nurse on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let p: People;
  let din: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    p = await people(store());
    din = (await releasedCord(store(), p, TYPING, { donorId: "INF-VIEW" })).din;
    await createUser(
      store(),
      { username: "nell", printedName: "Nell Nurse", roles: ["nurse"], password: PASSWORD },
      "system",
      new Date("2026-01-01T00:00:00Z"),
    );
    app = await buildApp({ store: store(), now: () => new Date() });
    const r = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "nell", password: PASSWORD },
    });
    headers = {
      cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
      "x-csrf-token": r.json().csrfToken,
    };
  });
  afterAll(async () => app?.close());

  it("answers the record with its status and no action, and the label preview", async () => {
    const r = await app.inject({ method: "GET", url: `/api/products/${din}`, headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().product).toMatchObject({ din, status: "available" });
    expect(r.json().actions).toEqual([]);
    // The nurse reads the bag, not the bank: the donor's id and HLA typing are hidden, as in the audit.
    expect(r.json().product.donorId).toBe("[redacted]");
    expect(r.body).not.toContain("INF-VIEW");
    expect(r.body).not.toContain("A*01:01");
    // Of the banking consent, its state alone (none is recorded for this donor).
    expect(r.json().bankingConsent).toEqual({ state: "none" });
    const label = await app.inject({ method: "GET", url: `/api/products/${din}/label.svg`, headers });
    expect(label.statusCode).toBe(200);
    expect(label.body).toContain("PREVIEW");
    const pdf = await app.inject({ method: "GET", url: `/api/products/${din}/label.pdf`, headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toMatch(/^application\/pdf/);
  });

  it("keeps the inventory, the bank's lists and every step closed", async () => {
    for (const url of ["/api/products?limit=1", "/api/products/summary", `/api/products/${din}/trace`]) {
      expect((await app.inject({ method: "GET", url, headers })).statusCode, url).toBe(403);
    }
    const reserve = await app.inject({
      method: "POST",
      url: `/api/products/${din}/reservation`,
      headers,
      payload: { patientId: "INF-VIEW", reason: "nurse tries" },
    });
    expect(reserve.statusCode).toBe(403);
    const after = await app.inject({ method: "GET", url: `/api/products/${din}`, headers });
    expect(after.json().product.status).toBe("available");
  });
});
