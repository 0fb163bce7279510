/**
 * Who may read what (issue 15), on SQLite and PostgreSQL: every GET route the app registers (taken from
 * the app's own route list, so a new one cannot be forgotten), asked by every role about one baby and one
 * donated unit. A patient's name, MRN, birth time or mother's MRN appears in an answer only to a role that
 * may read patients; a donor's or mother's id only to a role that may read the bank. The admin reads the
 * audit trail with those values redacted, while the chain still verifies over the stored rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, act, cordCollection } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { clock, registerHieBaby, team } from "../../test/support/therapy.js";
import { ROLES, type Role } from "../accounts/roles.js";
import { createUser } from "../accounts/users.js";
import { registerCollection } from "../bank/products.js";
import { ACCESS } from "./access.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

const MRN = "MRN-WALK-7781";
const BIRTH = "2026-04-02T03:17:00+02:00";
const PATIENT_MARKERS = [MRN, "Zephyrine", "Quixotella", `M-${MRN}`, "2026-04-02T01:17:00"];
const DONOR_MARKERS = ["DONOR-WALK-55", "MOTHER-WALK-56"];

describe.each(DIALECTS)("who sees patient and donor values on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let din = "";
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    const t = await team(store(), "w-");
    const c = clock(BIRTH);
    await registerHieBaby(store(), t, c, MRN, BIRTH, { givenName: "Zephyrine", familyName: "Quixotella" });
    const product = await registerCollection(
      store(),
      cordCollection({ donorId: "DONOR-WALK-55", motherId: "MOTHER-WALK-56", fin: "W7781" }),
      act(t.tech),
    );
    din = product.din;
    app = await buildApp({ store: store(), now: () => new Date(), ctcae: await testCtcae() });
    for (const role of ROLES) {
      await createUser(
        store(),
        { username: `walk-${role}`, printedName: `Walk ${role}`, roles: [role], password: PASSWORD },
        "system",
        new Date(),
      );
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: `walk-${role}`, password: PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(200);
      cookies.set(role, String(r.headers["set-cookie"]).split(";")[0] as string);
    }
  });
  afterAll(async () => app?.close());

  const get = (role: Role, url: string) =>
    app.inject({ method: "GET", url, headers: { cookie: cookies.get(role) as string } });

  it("walks every GET route for every role: identifying values only to those who may read them", async () => {
    const routes = app.cradleRoutes.filter((r) => r.method === "GET" && r.access !== "public");
    expect(routes.length).toBeGreaterThan(20);
    const seen = { patients: 0, donors: 0 };
    const leaks: string[] = [];
    for (const route of routes) {
      const url = route.url
        .replace(":mrn", encodeURIComponent(MRN))
        .replace(":din", din)
        .replace(/:[A-Za-z]+/g, "7d5a0a3e-3c3a-4c61-9d0f-2b1f4f6f0a11");
      for (const role of ROLES) {
        const r = await get(
          role,
          url.includes("/api/audit") && !url.includes("verify") ? `${url}?limit=500` : url,
        );
        expect(r.statusCode, `${role} GET ${url}`).toBeLessThan(500);
        if (r.statusCode !== 200) continue;
        const patients = (ACCESS.readPatients as readonly Role[]).includes(role);
        const donors = (ACCESS.readBank as readonly Role[]).includes(role);
        for (const m of PATIENT_MARKERS)
          if (r.body.includes(m)) {
            if (patients) seen.patients++;
            else leaks.push(`${role} GET ${route.url}: ${m}`);
          }
        for (const m of DONOR_MARKERS)
          if (r.body.includes(m)) {
            if (donors) seen.donors++;
            else leaks.push(`${role} GET ${route.url}: ${m}`);
          }
      }
    }
    expect(leaks).toEqual([]);
    // The walk reached the values: those who may read them do see them somewhere.
    expect(seen.patients).toBeGreaterThan(0);
    expect(seen.donors).toBeGreaterThan(0);
  });

  it("shows the admin the patient's events redacted, and the auditor in full; the chain verifies", async () => {
    const admin = (await get("admin", "/api/audit?limit=500")).json() as {
      items: { entityType: string; entityId: string; after: unknown }[];
    };
    const registered = admin.items.find((e) => e.entityType === "patient");
    expect(registered?.entityId).toBe("[redacted]");
    expect(JSON.stringify(registered?.after)).toContain("[redacted]");
    const auditor = (await get("auditor", "/api/audit?limit=500")).json() as {
      items: { entityType: string; entityId: string }[];
    };
    expect(auditor.items.find((e) => e.entityType === "patient")?.entityId).toBe(MRN);
    expect((await get("admin", "/api/audit/verify")).json().ok).toBe(true);
  });
});
