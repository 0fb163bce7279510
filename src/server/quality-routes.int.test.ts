/**
 * The quality system over HTTP, on SQLite and PostgreSQL: a quality manager sets a tank's monitoring and
 * creates its token; the monitoring system posts with it (a wrong, missing or rotated token answers 401,
 * audited); a repeat post is one reading, a changed value 409; a CSV upload; the dashboard lists the
 * alarm and the deviation's clock; a coordinator may not read the quality system; hostile bodies 422.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type People, defineBoxes, people, registerCord } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import type { User } from "../accounts/users.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

describe.each(DIALECTS)("quality routes on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let p: People;
  let now = new Date("2026-06-01T02:00:00Z");
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    p = await people(store());
    app = await buildApp({ store: store(), now: () => now });
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
  const post = (token: string | undefined, body: object | string) =>
    app.inject({
      method: "POST",
      url: "/api/monitoring/readings",
      headers: {
        "content-type": "application/json",
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      payload: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("a monitoring system posts with its token; wrong and rotated tokens are refused; repeats are one reading; the dashboard shows the alarm", async () => {
    await defineBoxes(store(), p.tech, ["LN2-Q/R1/B1"]);
    const set = await as(p.qm, "POST", "/api/quality/monitoring", { device: "ln2-q", escalateTo: "tina" });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ device: "LN2-Q", maxCelsius: -150, hasToken: false });
    expect((await as(p.tech, "POST", "/api/quality/monitoring/LN2-Q/token")).statusCode).toBe(403);
    const issued = await as(p.qm, "POST", "/api/quality/monitoring/LN2-Q/token");
    expect(issued.statusCode, issued.body).toBe(200);
    const token = issued.json().token as string;
    const body = {
      device: "LN2-Q",
      readings: [{ at: "2026-06-01T01:59:00Z", celsius: -188.2, ln2Level: 71 }],
    };
    expect((await post(undefined, body)).statusCode).toBe(401);
    expect((await post("not-the-token", body)).json().code).toBe("DEVICE_TOKEN_INVALID");
    const ok = await post(token, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stored: 1, duplicates: 0 });
    expect((await post(token, body)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    const changed = await post(token, { ...body, readings: [{ ...body.readings[0], celsius: -120 }] });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("READING_CONFLICT");
    const rotated = (await as(p.qm, "POST", "/api/quality/monitoring/LN2-Q/token")).json().token as string;
    expect((await post(token, body)).statusCode).toBe(401);
    now = new Date("2026-06-01T02:01:00Z");
    const warm = await post(rotated, {
      device: "LN2-Q",
      readings: [{ at: "2026-06-01T02:00:30Z", celsius: -148 }],
    });
    expect(warm.json().alarmsRaised).toHaveLength(1);
    for (const hostile of [
      '{"device":"LN2-Q","readings":[{"at":"2026-06-01T02:00:40Z","celsius":NaN}]}',
      '{"device":"LN2-Q","readings":[{"at":"2026-06-01T02:00:40Z","celsius":1e999}]}',
      '{"device":"LN2-Q","readings":[{"at":"2026-06-01T02:00:40Z","celsius":-190,"__proto__":{}}]}',
      '{"device":"LN2-Q","readings":[{"at":"2026-02-30T02:00:40Z","celsius":-190}]}',
      '{"device":"LN2-Q","readings":[]}',
      "null",
    ]) {
      const r = await post(rotated, hostile);
      expect([400, 422], `${hostile}: ${r.body}`).toContain(r.statusCode);
    }
    const dash = await as(p.qm, "GET", "/api/quality/dashboard");
    expect(dash.statusCode, dash.body).toBe(200);
    expect(dash.json().alarms.map((a: { device: string; state: string }) => [a.device, a.state])).toEqual([
      ["LN2-Q", "open"],
    ]);
    const csv = await as(p.tech, "POST", "/api/quality/monitoring/LN2-Q/readings", {
      csv: "at,celsius,ln2_level\n2026-06-01T02:00:50Z,-170,70\n2026-06-01T02:00:55Z,-180,70\n",
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json()).toMatchObject({ stored: 2 });
    const bad = await as(p.tech, "POST", "/api/quality/monitoring/LN2-Q/readings", {
      csv: "at,celsius\n2026-06-01T02:00:58Z,Infinity",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain("line 2");
    expect((await as(p.coordinator, "GET", "/api/quality/dashboard")).statusCode).toBe(403);
  });

  it("records a deviation over HTTP, refuses hostile bodies 422, and shows it on the dashboard", async () => {
    now = new Date("2026-06-01T02:05:00Z");
    const unit = await registerCord(store(), p.tech, { donorId: "INF-HTTP" });
    const d = await as(p.tech, "POST", "/api/quality/deviations", {
      kind: "unplanned",
      discoveredAt: "2026-06-01T01:00:00Z",
      description: "sample taken outside the validated window",
      products: [{ din: unit.din }],
    });
    expect(d.statusCode, d.body).toBe(201);
    for (const bad of [
      {
        kind: "unplanned",
        discoveredAt: "2026-02-30T00:00:00Z",
        description: "impossible date here",
        products: [{ din: unit.din }],
      },
      {
        kind: "unplanned",
        discoveredAt: "2026-06-01T01:00:00Z",
        description: null,
        products: [{ din: unit.din }],
      },
      {
        kind: "nope",
        discoveredAt: "2026-06-01T01:00:00Z",
        description: "wrong kind of deviation",
        products: [{ din: unit.din }],
      },
    ]) {
      const r = await as(p.tech, "POST", "/api/quality/deviations", bad);
      expect(r.statusCode, r.body).toBe(422);
    }
    const dash = (await as(p.qm, "GET", "/api/quality/dashboard")).json();
    expect(dash.deviations.map((x: { id: string }) => x.id)).toContain(d.json().id);
    const page = await as(p.tech, "GET", `/api/quality/deviations/${d.json().id}`);
    expect(page.json().links).toEqual([{ kind: "product", ref: unit.id, din: unit.din }]);
  });

  it("a deviation's record: its CAPAs and, once closed, the signer's printed name, time and meaning", async () => {
    now = new Date("2026-06-01T02:10:00Z");
    const unit = await registerCord(store(), p.tech, { donorId: "INF-RECORD" });
    const d = await as(p.tech, "POST", "/api/quality/deviations", {
      kind: "planned",
      discoveredAt: "2026-06-01T02:08:00Z",
      description: "planned change of the thaw medium supplier",
      products: [{ din: unit.din }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as string;
    const url = `/api/quality/deviations/${id}/record`;
    const first = await as(p.tech, "GET", url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ deviation: { id, state: "open" }, signature: null, capas: [] });
    const capa = await as(p.qm, "POST", "/api/quality/capas", {
      deviationId: id,
      kind: "preventive",
      description: "qualify the new supplier's medium before use",
      owner: p.tech.username,
      dueDate: "2026-07-01",
    });
    expect(capa.statusCode, capa.body).toBe(201);
    // A CAPA of another deviation, or of none, is not this record's.
    await as(p.qm, "POST", "/api/quality/capas", {
      kind: "corrective",
      description: "an unrelated corrective action",
      owner: p.tech.username,
      dueDate: "2026-07-02",
    });
    const assessed = await as(p.qm, "POST", `/api/quality/deviations/${id}/assess`, {
      impact: "no effect on the product's potency or safety",
      reportable: false,
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const closed = await as(p.qm, "POST", `/api/quality/deviations/${id}/close`, {
      decision: "accept",
      reason: "validated change, products unaffected",
      password: PASSWORD,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const record = (await as(p.tech, "GET", url)).json();
    expect(record.deviation).toMatchObject({ state: "closed", decision: "accept", closedBy: p.qm.username });
    expect(record.capas.map((c: { id: string }) => c.id)).toEqual([capa.json().id]);
    expect(record.signature).toMatchObject({
      username: p.qm.username,
      printedName: "Quinn Quality",
      meaning: "approved",
      entityId: id,
    });
    expect((await as(p.coordinator, "GET", url)).statusCode).toBe(403);
    expect((await as(p.tech, "GET", "/api/quality/deviations/not-a-uuid/record")).statusCode).toBe(422);
    const unknown = await as(
      p.tech,
      "GET",
      "/api/quality/deviations/00000000-0000-4000-8000-000000000000/record",
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("QUALITY_RECORD_NOT_FOUND");
  });
});
