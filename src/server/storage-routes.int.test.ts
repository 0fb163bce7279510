/**
 * The storage model over HTTP, on SQLite and PostgreSQL: a lab technologist defines a tank, a rack and a
 * box, stores a product in a slot and sees it in the box's grid; a coordinator may look but not define;
 * bad input is refused 422 naming the field (wrong types, null, `__proto__`, huge and control-character
 * strings, a number too large for JSON's doubles, zero and negative grid sizes) and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type People, people, registerCord } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import type { User } from "../accounts/users.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

describe.each(DIALECTS)("storage routes on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let p: People;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    p = await people(store());
    app = await buildApp({ store: store(), now: () => new Date(), ctcae: await testCtcae() });
    for (const u of [p.tech, p.qm, p.coordinator]) {
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: u.username, password: PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(200);
      sessions.set(u.username, {
        cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
        csrf: r.json().csrfToken,
      });
    }
  });
  afterAll(async () => app?.close());

  const as = (user: User, method: "GET" | "POST", url: string, payload?: object | string) => {
    const s = sessions.get(user.username) as { cookie: string; csrf: string };
    return app.inject({
      method,
      url,
      headers: {
        cookie: s.cookie,
        "x-csrf-token": s.csrf,
        ...(typeof payload === "string" ? { "content-type": "application/json" } : {}),
      },
      ...(payload === undefined ? {} : { payload }),
    });
  };
  const listed = async () => (await as(p.coordinator, "GET", "/api/storage/devices")).json();

  it("defines a tank, a rack and a box; stores a product; the grid and the list show it", async () => {
    const device = await as(p.tech, "POST", "/api/storage/devices", {
      name: "ln2-01",
      kind: "ln2-tank",
      temperature: "cryopreserved",
    });
    expect(device.statusCode, device.body).toBe(201);
    expect(device.json()).toMatchObject({ name: "LN2-01", racks: [] });
    expect((await as(p.qm, "POST", "/api/storage/racks", { device: "LN2-01", name: "R01" })).statusCode).toBe(
      201,
    );
    const box = await as(p.tech, "POST", "/api/storage/boxes", {
      device: "LN2-01",
      rack: "r01",
      name: "B01",
      rows: 2,
      columns: 3,
    });
    expect(box.statusCode, box.body).toBe(201);

    const unit = await registerCord(store(), p.tech);
    const stored = await as(p.tech, "POST", `/api/products/${unit.din}/storage`, {
      location: "ln2-01/r01/b01/b2",
    });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toEqual({ stored: "LN2-01/R01/B01/B2" });

    const grid = await as(p.coordinator, "GET", "/api/storage/grid?box=ln2-01/R01/b01");
    expect(grid.statusCode, grid.body).toBe(200);
    const g = grid.json();
    // 2 rows (A, B) × 3 columns: A1 A2 A3 B1 B2 B3, one taken.
    expect(g.cells.map((c: { position: string }) => c.position)).toEqual([
      "A1",
      "A2",
      "A3",
      "B1",
      "B2",
      "B3",
    ]);
    expect(g.free).toBe(5);
    expect(g.cells.find((c: { position: string }) => c.position === "B2")).toMatchObject({
      productId: unit.id,
      din: unit.din,
      productCode: null,
      key: "LN2-01/R01/B01/B2",
    });

    const second = await registerCord(store(), p.tech, { donorId: "INF-0002", motherId: "MOT-0002" });
    const clash = await as(p.tech, "POST", `/api/products/${second.din}/storage`, {
      location: "LN2-01 / R01 / B01 / b2",
    });
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().code).toBe("STORAGE_POSITION_OCCUPIED");

    const devices = await listed();
    expect(devices).toHaveLength(1);
    expect(devices[0].racks[0].boxes[0]).toMatchObject({ name: "B01", occupied: 1, capacity: 6 });
  });

  it("lets a coordinator read storage but not define it", async () => {
    const r = await as(p.coordinator, "POST", "/api/storage/devices", {
      name: "FRZ-9",
      kind: "freezer",
      temperature: "cryopreserved",
    });
    expect(r.statusCode).toBe(403);
    expect(await listed()).toHaveLength(1);
  });

  it("refuses bad input with 422 naming the field, and writes nothing", async () => {
    const before = JSON.stringify(await listed());
    const device = { name: "FRZ-2", kind: "freezer", temperature: "cryopreserved" };
    const box = { device: "LN2-01", rack: "R01", name: "B09", rows: 9, columns: 9 };
    const cases: [string, object | string, string][] = [
      ["/api/storage/devices", { ...device, name: 7 }, "name"],
      ["/api/storage/devices", { ...device, name: null }, "name"],
      ["/api/storage/devices", { ...device, kind: "bucket" }, "kind"],
      ["/api/storage/devices", { ...device, name: "F".repeat(100_000) }, "name"],
      ["/api/storage/devices", { ...device, name: "FRZ\u00072" }, "name"],
      ["/api/storage/devices", { ...device, name: "FRZ\u202e2" }, "name"],
      [
        "/api/storage/devices",
        '{"name":"FRZ-3","kind":"freezer","temperature":"room","__proto__":{"a":1}}',
        "__proto__",
      ],
      ["/api/storage/racks", { device: "LN2-01", name: ["R02"] }, "name"],
      ["/api/storage/boxes", { ...box, rows: 0 }, "rows"],
      ["/api/storage/boxes", { ...box, columns: -3 }, "columns"],
      ["/api/storage/boxes", { ...box, rows: 2.5 }, "rows"],
      ["/api/storage/boxes", { ...box, rows: "9" }, "rows"],
      // 1e999 is valid JSON and parses to Infinity.
      ["/api/storage/boxes", JSON.stringify(box).replace('"rows":9', '"rows":1e999'), "rows"],
      ["/api/storage/boxes", { ...box, rows: 27 }, "rows"],
      ["/api/storage/boxes", { ...box, layout: "spiral" }, "layout"],
    ];
    for (const [url, payload, field] of cases) {
      const r = await as(p.tech, "POST", url, payload);
      const label = `${url} ${typeof payload === "string" ? payload : JSON.stringify(payload)}`.slice(0, 200);
      expect(r.statusCode, `${label}: ${r.body}`).toBe(422);
      expect(r.json().code, label).toBe("INVALID_INPUT");
      expect(r.json().details?.field, `${label}: ${r.body}`).toBe(field);
    }
    for (const [query, field] of [
      ["?box=LN2-01/R01/B01%07", "box"],
      [`?box=${"A".repeat(300)}`, "box"],
      ["?box=LN2-01/R01/B01&box=LN2-01/R01/B02", "box"],
      ["?box=LN2-01/R01/B01&other=1", "other"],
    ] as const) {
      const r = await as(p.tech, "GET", `/api/storage/grid${query}`);
      expect(r.statusCode, `${query.slice(0, 40)}: ${r.body}`).toBe(422);
      expect(r.json().details?.field, `${query.slice(0, 40)}: ${r.body}`).toBe(field);
    }
    const missing = await as(p.tech, "GET", "/api/storage/grid?box=LN2-01/R01/B77");
    expect(missing.json().code).toBe("STORAGE_NOT_DEFINED");
    const issues = await as(p.tech, "GET", "/api/storage/issues?open=yes");
    expect(issues.statusCode).toBe(422);
    expect(issues.json().details?.field).toBe("open");
    expect(JSON.stringify(await listed())).toBe(before);
  });
});
