/**
 * The CTCAE term picker and adverse events over HTTP, on SQLite and PostgreSQL: terms with their allowed
 * grades and definitions as in NCI's spreadsheet; a query read strictly; without the dictionary loaded,
 * recording an adverse event answers 503 and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, team } from "../../test/support/therapy.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

describe.each(DIALECTS)("CTCAE over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let bare: Api;
  let t: Team;
  const sessions = new Map<Api, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date(), ctcae: await testCtcae() });
    bare = await buildApp({ store: store(), now: () => new Date() });
    t = await team(store());
    for (const a of [app, bare]) {
      const r = await a.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: t.nurse.username, password: PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(200);
      sessions.set(a, {
        cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
        csrf: r.json().csrfToken,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
  });
  const as = (a: Api, method: "GET" | "POST", url: string, payload?: object) => {
    const s = sessions.get(a) as { cookie: string; csrf: string };
    return a.inject({
      method,
      url,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      ...(payload ? { payload } : {}),
    });
  };

  it("answers terms with their SOC and allowed grades, and reads the query strictly", async () => {
    const r = await as(app, "GET", "/api/ctcae/terms?q=febrile%20neutro&limit=5");
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.version).toBe("5.0");
    expect(body.socs).toHaveLength(26);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      term: "Febrile neutropenia",
      meddraCode: 10016288,
      otherSpecify: false,
    });
    expect(body.items[0].grades.map((g: { grade: number }) => g.grade)).toEqual([3, 4, 5]);
    expect(body.items[0].grades[1].definition).toBe(
      "Life-threatening consequences; urgent intervention indicated",
    );
    for (const bad of ["limit=1e3", "limit=0", "limit=101", "soc=%00", "color=red"]) {
      const x = await as(app, "GET", `/api/ctcae/terms?${bad}`);
      expect(x.statusCode, `${bad}: ${x.body}`).toBe(422);
    }
  });

  it("refuses to record an adverse event without the dictionary, writing nothing", async () => {
    const r = await as(bare, "POST", "/api/adverse-events", {
      mrn: "MRN-1",
      term: "Fever",
      grade: 1,
      serious: false,
      attribution: "unrelated",
      expected: true,
      onsetAt: new Date().toISOString(),
      description: "",
    });
    expect(r.statusCode, r.body).toBe(503);
    expect(r.json().message).toContain("CRADLE_CTCAE_FILE");
    expect((await as(bare, "GET", "/api/ctcae/terms")).statusCode).toBe(503);
    const n = await store()
      .db.selectFrom("adverseEvent")
      .select((e) => e.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
