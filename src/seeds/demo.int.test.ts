import { beforeAll, describe, expect, it } from "vitest";
/**
 * The demo program, checked as a user would see it after a first start: a small demo (a tenth of the bank,
 * a hundredth of the registry) loaded into a fresh database, on SQLite and on PostgreSQL when there is one.
 */
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { authenticate } from "../accounts/users.js";
import { verifyAudit } from "../audit/trail.js";
import { PRODUCT_STATUSES, inventorySummary } from "../bank/index.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { countListings } from "../search/listings.js";
import { listPatients, patientRecord } from "../therapy/index.js";
import { DEMO_USERS, loadDemo } from "./index.js";

const PASSWORD = "demo password seeds";
const NOW = new Date("2026-12-01T12:00:00Z");
const SIZE = { products: 250, adults: 2_000, cords: 200 };

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

describe.each(DIALECTS)("the demo program on %s", (dialect) => {
  const store = useStore(dialect);
  let loaded: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    loaded = await loadDemo({
      store: store(),
      engine: hla.engine,
      ctcae: await testCtcae(),
      ...SIZE,
      seed: 2026,
      now: NOW,
      password: PASSWORD,
      log: () => {},
    });
  }, 300_000);

  it("every demo user signs in with the demo password and holds its role", async () => {
    for (const u of DEMO_USERS) {
      const user = await authenticate(store(), u.username, PASSWORD, NOW);
      expect(user.roles, u.username).toEqual([u.role]);
    }
    await expect(authenticate(store(), "lab", "not the password", NOW)).rejects.toMatchObject({
      code: "AUTH_FAILED",
    });
  });

  it("holds products in every status the README promises", async () => {
    const held = new Set((await inventorySummary(store())).map((r) => r.status));
    expect(PRODUCT_STATUSES.filter((s) => !held.has(s))).toEqual([]);
  });

  it("has a registry to search: the generated adults and cords, and the bank's own cord units", async () => {
    const counts = await countListings(store());
    expect(counts.adult).toBe(SIZE.adults);
    expect(counts.cord).toBeGreaterThan(SIZE.cords);
    expect(loaded).toMatchObject({ products: SIZE.products, adults: SIZE.adults, cords: counts.cord });
  });

  it("has patients with treatment plans", async () => {
    // Read as the demo's physician would: the service checks the reader's role.
    const physician = await authenticate(store(), "physician", PASSWORD, NOW);
    const act = { user: physician, at: NOW };
    const { items } = await listPatients(store(), { limit: 500 }, act);
    const plans = await Promise.all(items.map((p) => patientRecord(store(), p.mrn, act)));
    expect(plans.filter((r) => r.plans.length > 0).length).toBeGreaterThanOrEqual(4);
  });

  it("wrote an audit trail whose chain verifies", async () => {
    const v = await verifyAudit(store());
    expect(v).toMatchObject({ ok: true });
    expect(v.events).toBeGreaterThan(SIZE.products);
  });
});
