/**
 * An account that has not replaced its one-time password can do nothing but change it (issue 15): every
 * route the app registers, walked from the app's own route list so a new route cannot be forgotten, answers
 * 403 PASSWORD_CHANGE_REQUIRED to such a session, except who-am-I, sign-out and the password change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { ROLES } from "../accounts/roles.js";
import { createUser } from "../accounts/users.js";
import { buildApp } from "./app.js";
import { OPEN_WHILE_PASSWORD_PENDING } from "./auth.js";
import type { Api } from "./context.js";

describe.each(DIALECTS)("the one-time password gate on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let headers: { cookie: string; "x-csrf-token": string };

  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date() });
    // Every role at once: no route is refused for the role before the gate is reached.
    await createUser(
      store(),
      {
        username: "pat",
        printedName: "Pat Pending",
        roles: [...ROLES],
        password: PASSWORD,
        mustChangePassword: true,
      },
      "system",
      new Date(),
    );
    const r = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "pat", password: PASSWORD },
    });
    expect(r.statusCode, r.body).toBe(200);
    headers = {
      cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
      "x-csrf-token": r.json().csrfToken,
    };
  });
  afterAll(async () => app?.close());

  it("refuses every registered route but the session's own", async () => {
    const routes = app.cradleRoutes.filter((r) => r.access !== "public");
    expect(routes.length).toBeGreaterThan(40);
    const open: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (OPEN_WHILE_PASSWORD_PENDING.has(key)) {
        open.push(key);
        continue;
      }
      // Any value for the parameters: the gate answers before a route reads them.
      const url = route.url.replace(/:[A-Za-z]+/g, "x1");
      const r = await app.inject({
        method: route.method as "GET",
        url,
        headers,
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }),
      });
      expect(r.statusCode, `${key}: ${r.body}`).toBe(403);
      expect(r.json().code, key).toBe("PASSWORD_CHANGE_REQUIRED");
    }
    expect(open.sort()).toEqual(["DELETE /api/session", "GET /api/session", "POST /api/session/password"]);
    // And the session works for what it may do.
    expect((await app.inject({ method: "GET", url: "/api/session", headers })).statusCode).toBe(200);
  });
});
