/**
 * Search reports over HTTP, on SQLite and PostgreSQL: a search run for a registered patient is kept with
 * the record as it ranked then (criteria, release, the rows and their reasons), read back, exported as CSV;
 * an unknown patient, a report that does not start at rank 1, bad input and the wrong role are refused and
 * nothing is kept.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { cordRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { type Team, clock, registerHieBaby, team } from "../../test/support/therapy.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { SearchIndex } from "../matching/search-index.js";
import { saveAndIndex } from "../search/search-service.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

// Typed at A, B and DRB1 only: C and DQB1 are unknown for every pair, never mismatches.
const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
const MRN = "SR-0001";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

describe.each(DIALECTS)("search reports over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let t: Team;
  let index: SearchIndex;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    t = await team(store());
    const c = clock("2026-03-01T09:00:00Z");
    await registerHieBaby(store(), t, c, MRN, "2026-03-01T04:00:00-05:00", { hla: TYPING });
    index = new SearchIndex(hla.engine);
    for (const [id, tnc, bank] of [
      ["CORD-BIG", 1.2e9, "NYBC"],
      ["CORD-SMALL", 9e8, '=HYPERLINK("http://evil")'],
    ] as const) {
      expect(
        await saveAndIndex(store(), index, cordRecord(id, { tnc, typing: TYPING, bank })),
      ).toHaveProperty("listing");
    }
    app = await buildApp({
      store: store(),
      now: () => new Date(),
      hla,
      search: { index, loadedAt: new Date().toISOString(), loadMs: 0 },
    });
    for (const u of [t.coordinator, t.nurse, t.tech]) {
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: u.username, password: PASSWORD },
      });
      sessions[u.username] = {
        cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
        csrf: r.json().csrfToken,
      };
    }
  });
  afterAll(async () => app?.close());

  const as = (username: string) => {
    const s = sessions[username] as { cookie: string; csrf: string };
    return {
      post: (url: string, payload: unknown) =>
        app.inject({
          method: "POST",
          url,
          headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
          payload: JSON.stringify(payload),
        }),
      get: (url: string) => app.inject({ method: "GET", url, headers: { cookie: s.cookie } }),
    };
  };
  const search = { patientTyping: TYPING, kind: "cord", weightGrams: 9000, diagnosis: "nonmalignant" };
  const reportsOf = async (mrn: string) => {
    const r = await as(t.coordinator.username).get(`/api/patients/${mrn}/search-reports`);
    return r.statusCode === 200 ? (r.json().reports as { id: string }[]) : r.statusCode;
  };

  let kept: { id: string; rows: { id: string; match: string; rank: number }[] } & Record<string, unknown>;

  it("keeps the search with the patient's record as it ranked, on the release it ran on", async () => {
    const live = await as(t.coordinator.username).post("/api/search", search);
    expect(live.statusCode, live.body).toBe(200);
    const r = await as(t.coordinator.username).post(`/api/patients/${MRN}/search-reports`, {
      search,
      note: "first search for Baby Okafor",
    });
    expect(r.statusCode, r.body).toBe(201);
    kept = r.json();
    expect(kept).toMatchObject({
      patientMrn: MRN,
      kind: "cord",
      createdBy: t.coordinator.username,
      criteria: { ...search, offset: 0, limit: 50 },
      versions: { hla: "3.58.0" },
      counts: { total: 2, excluded: 0 },
      note: "first search for Baby Okafor",
    });
    // The same ranking the live search gives, rank by rank.
    expect(kept.rows.map((x) => x.id)).toEqual(live.json().hits.map((h: { id: string }) => h.id));
    expect(kept.rows.map((x) => x.rank)).toEqual([1, 2]);
    // C and DQB1 are untyped: 6 of the 6 typed positions match, and the report says which are unknown.
    expect(kept.rows[0]?.match).toBe("6/6 typed (C, DQB1 untyped)");
    const row = kept.rows[0] as unknown as { loci: { locus: string; typed: boolean }[]; tncPerKg: number };
    expect(row.loci.filter((l) => !l.typed).map((l) => l.locus)).toEqual(["C", "DQB1", "DPB1"]);
    // 1.2e9 TNC for a 9 kg baby, before any recovery factor the ranking applies: at most 1.33e8 per kg.
    expect(row.tncPerKg).toBeLessThanOrEqual(1.2e9 / 9 + 1);
    expect(row.tncPerKg).toBeGreaterThan(0);
  });

  it("lists it on the patient's record and reads it back whole", async () => {
    const list = await as(t.coordinator.username).get(`/api/patients/${MRN}/search-reports`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().reports).toEqual([
      expect.objectContaining({ id: kept.id, total: 2, top: "CORD-BIG (6/6 typed (C, DQB1 untyped))" }),
    ]);
    const one = await as(t.coordinator.username).get(`/api/search-reports/${kept.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual(kept);
  });

  it("exports the report as CSV, one row per hit, with formula cells made inert", async () => {
    const r = await as(t.coordinator.username).get(`/api/search-reports/${kept.id}.csv`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^text\/csv/);
    expect(r.headers["content-disposition"]).toMatch(/attachment; filename="cradle-search-report-.*\.csv"/);
    const rows = parse(r.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.rank, x.id, x.match])).toEqual([
      ["1", "CORD-BIG", "6/6 typed (C, DQB1 untyped)"],
      ["2", "CORD-SMALL", "6/6 typed (C, DQB1 untyped)"],
    ]);
    expect(rows[0]?.C_allele).toBe("untyped");
    expect(rows[0]?.A_allele).toBe("2/2");
    expect(rows[0]?.imgt_hla).toBe("3.58.0");
    // A spreadsheet would run "=HYPERLINK(…)" as a formula: the cell starts with a quote instead.
    expect(rows[1]?.source).toBe('\'=HYPERLINK("http://evil")');
  });

  it("stays as it ranked when the registry changes later", async () => {
    await saveAndIndex(store(), index, cordRecord("CORD-NEWER", { tnc: 2.5e9, typing: TYPING }));
    const one = await as(t.coordinator.username).get(`/api/search-reports/${kept.id}`);
    expect(one.json().rows.map((x: { id: string }) => x.id)).toEqual(["CORD-BIG", "CORD-SMALL"]);
  });

  it("refuses a patient nobody registered, keeping nothing", async () => {
    const r = await as(t.coordinator.username).post("/api/patients/NOBODY-123/search-reports", { search });
    expect(r.statusCode, r.body).toBe(404);
    expect(r.json()).toMatchObject({ code: "PATIENT_NOT_FOUND", details: { field: "mrn" } });
    expect(await reportsOf("NOBODY-123")).toBe(404);
  });

  it("refuses a report that does not start at rank 1 or keeps too many rows", async () => {
    for (const [over, field] of [
      [{ offset: 20 }, "search.offset"],
      [{ limit: 500 }, "search.limit"],
    ] as const) {
      const r = await as(t.coordinator.username).post(`/api/patients/${MRN}/search-reports`, {
        search: { ...search, ...over },
      });
      expect(r.statusCode, r.body).toBe(422);
      expect(String(r.json().details?.field)).toContain(field.split(".")[1]);
    }
    expect(await reportsOf(MRN)).toHaveLength(1);
  });

  it("refuses bad input naming the field, without coercion, keeping nothing", async () => {
    const cases: [unknown, string][] = [
      [{}, "search"],
      [{ search: null }, "search"],
      [{ search: { ...search, weightGrams: "9000" } }, "weightGrams"],
      [{ search: { ...search, weightGrams: Number.POSITIVE_INFINITY } }, "weightGrams"],
      [{ search: { ...search, kind: "__proto__" } }, "kind"],
      [{ search, note: "a\u0007bell" }, "note"],
      [{ search, note: "x".repeat(100_000) }, "note"],
      [{ search, note: "name\u202eevil" }, "note"],
      [{ search, extra: 1 }, "extra"],
      [JSON.parse('{"search": {}, "__proto__": {"admin": true}}'), ""],
    ];
    for (const [body, field] of cases) {
      const r = await as(t.coordinator.username).post(`/api/patients/${MRN}/search-reports`, body);
      expect(r.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`).toBe(422);
      expect(String(r.json().details?.field ?? ""), r.body).toContain(field);
    }
    const badMrn = await as(t.coordinator.username).post("/api/patients/bad%20mrn/search-reports", {
      search,
    });
    expect(badMrn.statusCode).toBe(422);
    expect(await reportsOf(MRN)).toHaveLength(1);
    const badId = await as(t.coordinator.username).get("/api/search-reports/not-a-uuid");
    expect(badId.statusCode).toBe(422);
    const missing = await as(t.coordinator.username).get(
      "/api/search-reports/7d5a0a3e-3c3a-4c61-9d0f-2b1f4f6f0a11",
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("SEARCH_REPORT_NOT_FOUND");
  });

  it("lets only those who search keep or read reports", async () => {
    for (const u of [t.nurse, t.tech]) {
      const w = await as(u.username).post(`/api/patients/${MRN}/search-reports`, { search });
      expect(w.statusCode, u.username).toBe(403);
      expect((await as(u.username).get(`/api/search-reports/${kept.id}`)).statusCode).toBe(403);
    }
    expect(await reportsOf(MRN)).toHaveLength(1);
  });
});
