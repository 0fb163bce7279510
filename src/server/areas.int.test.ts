/**
 * The areas the session lists are the areas the server lets the user read: for every role, on SQLite and
 * PostgreSQL, each area's own routes answer (not 403) exactly when the session named that area. So the
 * web app, which draws its navigation and dashboard from the list, shows no link that answers FORBIDDEN
 * and hides none the user may open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { AREAS, type Area } from "../accounts/roles.js";
import { ROLES, createUser } from "../accounts/users.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { ACCESS } from "./access.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

/** A route each area's page reads; the outcomes page serves readers and the research export alike. */
const PROBES: Record<Area, readonly { method: "GET" | "POST"; url: string }[]> = {
  bank: [{ method: "GET", url: "/api/products?limit=1&offset=0" }],
  storage: [{ method: "POST", url: "/api/storage/devices" }],
  quality: [{ method: "GET", url: "/api/quality/dashboard" }],
  materials: [{ method: "POST", url: "/api/materials/lots" }],
  recalls: [
    { method: "POST", url: "/api/recalls" },
    {
      method: "POST",
      url: "/api/recalls/00000000-0000-4000-8000-000000000000/actions/00000000-0000-4000-8000-000000000001/close",
    },
  ],
  patients: [{ method: "GET", url: "/api/patients" }],
  search: [{ method: "POST", url: "/api/search" }],
  outcomes: [
    { method: "GET", url: "/api/outcomes/report" },
    { method: "GET", url: "/api/research/export" },
  ],
  audit: [{ method: "GET", url: "/api/audit" }],
  users: [{ method: "GET", url: "/api/users" }],
};

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

describe.each(DIALECTS)("session areas on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date(), hla });
  });
  afterAll(async () => app?.close());

  it("lets whoever may search reserve what it finds (the search page offers reserving to the search area)", () => {
    const reservers: readonly string[] = ACCESS.reserve;
    expect(ACCESS.search.filter((r) => !reservers.includes(r))).toEqual([]);
  });

  it("lets every clinical role open one product's record read-only, as a scanned DIN does", () => {
    // Clinical roles: all but the administrator of accounts and the researcher, who sees de-identified data.
    const clinical = ROLES.filter((r) => r !== "admin" && r !== "researcher");
    expect([...ACCESS.viewProduct].sort()).toEqual([...clinical].sort());
    // Viewing one product opens no area: the nurse's menu keeps no Inventory.
    expect(ACCESS.readBank).not.toContain("nurse");
  });

  it.each(ROLES)("lists for %s the areas the server lets it read", async (role) => {
    await createUser(
      store(),
      { username: `a-${role}`, printedName: `User ${role}`, roles: [role], password: PASSWORD },
      "system",
      new Date(),
    );
    const signIn = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: `a-${role}`, password: PASSWORD },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const { areas, csrfToken } = signIn.json() as { areas: Area[]; csrfToken: string };
    const headers = { cookie: String(signIn.headers["set-cookie"]).split(";")[0], "x-csrf-token": csrfToken };
    const whoAmI = await app.inject({ method: "GET", url: "/api/session", headers });
    expect(whoAmI.json().areas).toEqual(areas);

    const readable: Area[] = [];
    for (const area of AREAS) {
      let opens = false;
      for (const { method, url } of PROBES[area]) {
        const r = await app.inject({ method, url, headers, ...(method === "POST" ? { payload: {} } : {}) });
        expect(r.statusCode, `${role} ${method} ${url}: ${r.body}`).toBeLessThan(500);
        if (r.statusCode !== 403) opens = true;
      }
      if (opens) readable.push(area);
    }
    expect(areas).toEqual(readable);
  });
});
