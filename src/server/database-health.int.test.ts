/**
 * /api/health tells the truth about the database on every dialect: 200 and "ok" while it answers and its
 * chain meets its head, 503 "damaged" when the head no longer points at the last event, 503 "unreachable"
 * when the database does not answer.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, createTestDatabase } from "../../test/support/databases.js";
import { createUser } from "../accounts/users.js";
import { openStore } from "../store/connect.js";
import { buildApp } from "./app.js";

describe.each(DIALECTS)("health on %s", (dialect) => {
  it("answers 200 ok, then 503 damaged when the audit head is rewritten, then 503 unreachable", async () => {
    const t = await createTestDatabase(dialect);
    const store = await openStore(t.url);
    try {
      await createUser(
        store,
        { username: "hanna", printedName: "Hanna Health", roles: ["lab-technologist"], password: PASSWORD },
        "system",
        new Date(),
      );
      const app = await buildApp({ store, now: () => new Date("2026-05-01T12:00:00Z") });
      const ok = await app.inject({ method: "GET", url: "/api/health" });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        status: "ok",
        database: { dialect, state: "ok", checkedAt: "2026-05-01T12:00:00.000Z" },
      });

      await sql`update audit_head set last_hash = ${"f".repeat(64)}`.execute(store.db);
      const damaged = await app.inject({ method: "GET", url: "/api/health" });
      expect(damaged.statusCode).toBe(503);
      expect(damaged.json()).toMatchObject({
        status: "unavailable",
        database: {
          dialect,
          state: "damaged",
          problem: expect.stringMatching(/does not point at the last event/),
        },
      });

      await store.close();
      const gone = await app.inject({ method: "GET", url: "/api/health" });
      expect(gone.statusCode).toBe(503);
      expect(gone.json().database).toMatchObject({ dialect, state: "unreachable" });
      await app.close();
    } finally {
      await store.close().catch(() => {});
      await t.drop();
    }
  });
});
