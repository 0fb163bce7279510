/**
 * The site's ranking weights over HTTP, on SQLite and PostgreSQL: a search manager sets them with a
 * reason (audited, before and after), bad values are refused naming the field and change nothing, a
 * physician reads but cannot change them, and a search then ranks equal mismatches by the scores and says
 * so in each hit's reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type People, people } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { adultRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { createUser } from "../accounts/users.js";
import { auditOf } from "../audit/trail.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { SearchIndex } from "../matching/search-index.js";
import { saveAndIndex } from "../search/search-service.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

const PATIENT = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
// Both match 8/8 at the same grades; the first listed is typed less precisely at A (a first-field code).
const VAGUE = "A*01:XX+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

describe.each(DIALECTS)("ranking weights over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let p: People;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    p = await people(store());
    await createUser(
      store(),
      { username: "phil", printedName: "Phil Physician", roles: ["physician"], password: PASSWORD },
      "system",
      new Date("2026-01-01T00:00:00Z"),
    );
    const index = new SearchIndex(hla.engine);
    await saveAndIndex(store(), index, adultRecord("DONOR-VAGUE", { typing: VAGUE }));
    await saveAndIndex(store(), index, adultRecord("DONOR-PRECISE", { typing: PATIENT }));
    app = await buildApp({
      store: store(),
      now: () => new Date(),
      hla,
      search: { index, loadedAt: new Date().toISOString(), loadMs: 0 },
    });
    for (const username of [p.coordinator.username, "phil"]) {
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username, password: PASSWORD },
      });
      sessions.set(username, {
        cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
        csrf: r.json().csrfToken,
      });
    }
  });
  afterAll(async () => app?.close());

  const as = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown) => {
    const s = sessions.get(who) as { cookie: string; csrf: string };
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === "string" ? payload : JSON.stringify(payload) }),
    });
  };
  const cora = () => p.coordinator.username;
  const searchOrder = async () => {
    const r = await as(cora(), "POST", "/api/search", { patientTyping: PATIENT, kind: "adult" });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().hits as { id: string; reason: string; scores?: { grade: number; confidence: number } }[];
  };

  it("starts at zeros (the built-in order), is set with a reason and audited, and reorders equal mismatches", async () => {
    const start = await as(cora(), "GET", "/api/ranking-weights");
    expect(start.statusCode).toBe(200);
    expect(start.json()).toMatchObject({ inUse: false, updatedAt: null, updatedBy: null });
    expect(Object.values(start.json().weights.grade).every((w) => w === 0)).toBe(true);
    // Built-in order: equal on every key, so the first saved comes first; no scores in the reason.
    const before = await searchOrder();
    expect(before.map((h) => h.id)).toEqual(["DONOR-VAGUE", "DONOR-PRECISE"]);
    expect(before[0]?.reason).not.toMatch(/score/);
    expect(before[0]).not.toHaveProperty("scores");

    const set = await as(cora(), "PUT", "/api/ranking-weights", {
      confidence: { exact: 3, potential: 1 },
      grade: { Mismatch: -5 },
      reason: "prefer donors typed at high resolution (site SOP 12)",
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      inUse: true,
      updatedBy: cora(),
      weights: {
        confidence: { exact: 3, potential: 1, definite: 0, mismatch: 0 },
        grade: { Mismatch: -5, Protein: 0 },
      },
    });
    const [event] = await auditOf(store(), "ranking-weights", "site");
    expect(event).toMatchObject({ action: "search.ranking-weights.set", actor: cora() });
    expect(event?.before).toMatchObject({ confidence: { exact: 0 } });
    expect(event?.after).toMatchObject({ confidence: { exact: 3 } });
    expect(event?.reason).toBe("prefer donors typed at high resolution (site SOP 12)");

    // A*01:01 against A*01:01 is one P group on both sides (exact); A*01:XX is many (potential).
    const after = await searchOrder();
    expect(after.map((h) => h.id)).toEqual(["DONOR-PRECISE", "DONOR-VAGUE"]);
    expect(after[0]?.scores?.confidence).toBeGreaterThan(after[1]?.scores?.confidence as number);
    expect(after[0]?.reason).toMatch(
      /^6\/6 typed \(C, DQB1 untyped\) allele, grade score 0, confidence score \d+/,
    );
  });

  it("refuses bad weights naming the field, and changes nothing", async () => {
    const current = (await as(cora(), "GET", "/api/ranking-weights")).json();
    const events = (await auditOf(store(), "ranking-weights", "site")).length;
    const reason = "test";
    const bad: [unknown, string][] = [
      [{ grade: { Protein: 11 }, reason }, "Protein"],
      [{ grade: { Protein: -11 }, reason }, "Protein"],
      [{ grade: { Protein: 1.5 }, reason }, "Protein"],
      [{ grade: { Protein: "5" }, reason }, "Protein"],
      [{ grade: { Protein: null }, reason }, "Protein"],
      [{ grade: { Perfect: 1 }, reason }, "Perfect"],
      [{ confidence: { certain: 1 }, reason }, "certain"],
      [{ grade: { Protein: 1 } }, "reason"],
      [{ grade: { Protein: 1 }, reason: "   " }, "reason"],
      [{ grade: { Protein: 1 }, reason: "why\u0007" }, "reason"],
      [{ grade: { Protein: 1 }, reason: "\u200b\u200b" }, "reason"],
      [{ grade: { Protein: 1 }, reason: "line\u2028break" }, "reason"],
      [{ grade: { Protein: 1 }, reason, basedOn: "yesterday" }, "basedOn"],
      [{ grade: { Protein: 1 }, reason: "x".repeat(100_000) }, "reason"],
      [{ reason }, "grade"],
      [{ grade: [], reason }, "grade"],
      [{ weights: {}, reason }, "weights"],
    ];
    for (const [body, field] of bad) {
      const r = await as(cora(), "PUT", "/api/ranking-weights", body);
      expect(r.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`).toBe(422);
      expect(JSON.stringify(r.json().details), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    for (const raw of [
      '{"grade":{"__proto__":{"Protein":9}},"reason":"x"}',
      '{"grade":{"Protein":1e999},"reason":"x"}',
    ]) {
      const r = await as(cora(), "PUT", "/api/ranking-weights", raw);
      expect(r.statusCode, `${raw}: ${r.body}`).toBe(422);
    }
    expect((await as(cora(), "GET", "/api/ranking-weights")).json()).toEqual(current);
    expect((await auditOf(store(), "ranking-weights", "site")).length).toBe(events);
  });

  it("refuses a change made from a view another manager has changed since; setting what is in force writes nothing", async () => {
    const view = (await as(cora(), "GET", "/api/ranking-weights")).json();
    const events = (await auditOf(store(), "ranking-weights", "site")).length;
    // Made from a view before the first change (never changed): the weights changed since.
    const stale = await as(cora(), "PUT", "/api/ranking-weights", {
      grade: { GGroup: 2 },
      reason: "from an old page",
      basedOn: null,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ code: "RANKING_WEIGHTS_CHANGED", details: { field: "basedOn" } });
    const same = await as(cora(), "PUT", "/api/ranking-weights", {
      confidence: { exact: view.weights.confidence.exact },
      reason: "no change",
      basedOn: view.updatedAt,
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual(view);
    expect((await auditOf(store(), "ranking-weights", "site")).length).toBe(events);
    // A search says which weights it ranked by.
    const r = await as(cora(), "POST", "/api/search", { patientTyping: PATIENT, kind: "adult" });
    expect(r.json().rankingWeights).toEqual(view.weights);
  });

  it("lets a physician read the weights but not change them", async () => {
    expect((await as("phil", "GET", "/api/ranking-weights")).statusCode).toBe(200);
    const r = await as("phil", "PUT", "/api/ranking-weights", { grade: { Protein: 1 }, reason: "mine" });
    expect(r.statusCode).toBe(403);
    expect((await as(cora(), "GET", "/api/ranking-weights")).json().weights.grade.Protein).toBe(0);
  });
});
