/**
 * Frequency sets and match probabilities over HTTP, on SQLite and PostgreSQL. Expected values are worked
 * from the definition (P(H1, H2) ∝ f1·f2, twice that when H1 ≠ H2) on the set S over A~B~DRB1, written here:
 *   h1 A*01:01~B*08:01~DRB1*03:01 0.5    h2 A*02:01~B*07:02~DRB1*15:01 0.1    h5 A*02:01~B*07:02~DRB1*15:02 0.4
 * The patient A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01 is h1+h2 only (probability 1).
 * D-LOW, typed DRB1*03:01+DRB1*15:XX, is h1+h2 (2·0.5·0.1 = 0.1) or h1+h5 (2·0.5·0.4 = 0.4): 0.2 and 0.8;
 * DRB1*15:02 against 15:01 is an allele mismatch, so P(0 of 8) = 0.2, P(1 of 8) = 0.8, and DRB1 [0.2, 0.8, 0].
 * D-EXACT (15:01) is P(0) = 1; D-MM (15:02) P(1) = 1. D-CMM is D-EXACT with C mismatched: the grade counts
 * one mismatch, the set has no C, so P(0 of 8 over the set's loci) = 1 and it sorts above D-LOW by P(8/8)
 * while grading below it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { adultRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { type Team, clock, registerHieBaby, team } from "../../test/support/therapy.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { SearchIndex } from "../matching/search-index.js";
import { saveAndIndex } from "../search/search-service.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

const S = [
  "haplotype,count,freq",
  "A*01:01~B*08:01~DRB1*03:01,5,0.5",
  "A*02:01~B*07:02~DRB1*15:01,1,0.1",
  "A*02:01~B*07:02~DRB1*15:02,4,0.4",
].join("\n");
const AB = "A*01:01+A*02:01^B*08:01+B*07:02";
const PATIENT = `${AB}^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01`;
const DONORS: Record<string, string> = {
  "D-EXACT": `${AB}^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01`,
  "D-LOW": `${AB}^C*07:01+C*07:02^DRB1*03:01+DRB1*15:XX`,
  "D-CMM": `${AB}^C*07:01+C*04:01^DRB1*03:01+DRB1*15:01`,
  "D-MM": `${AB}^C*07:01+C*07:02^DRB1*03:01+DRB1*15:02`,
};
const MRN = "FQ-0001";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

describe.each(DIALECTS)("frequency sets and probabilities over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let t: Team;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    t = await team(store());
    await registerHieBaby(store(), t, clock("2026-03-01T09:00:00Z"), MRN, "2026-03-01T04:00:00-05:00", {
      hla: PATIENT,
    });
    const index = new SearchIndex(hla.engine);
    for (const [id, typing] of Object.entries(DONORS)) {
      expect(await saveAndIndex(store(), index, adultRecord(id, { typing }))).toHaveProperty("listing");
    }
    app = await buildApp({
      store: store(),
      now: () => new Date(),
      hla,
      search: { index, loadedAt: new Date().toISOString(), loadMs: 0 },
    });
    for (const u of [t.coordinator, t.qm, t.nurse, t.physician]) {
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

  const as = (u: { username: string }) => {
    const s = sessions[u.username] as { cookie: string; csrf: string };
    const send = (method: "POST" | "PUT", url: string, payload: unknown) =>
      app.inject({
        method,
        url,
        headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
        payload: JSON.stringify(payload),
      });
    return {
      post: (url: string, payload: unknown) => send("POST", url, payload),
      put: (url: string, payload: unknown) => send("PUT", url, payload),
      get: (url: string) => app.inject({ method: "GET", url, headers: { cookie: s.cookie } }),
    };
  };
  const search = (extra: Record<string, unknown> = {}) =>
    as(t.coordinator).post("/api/search", { patientTyping: PATIENT, kind: "adult", ...extra });
  const ids = (r: { json(): { hits: { id: string }[] } }) => r.json().hits.map((h) => h.id);

  it("without a frequency set a search shows no probability, and a sort by one is refused", async () => {
    const r = await search();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().probability).toBeUndefined();
    expect((await search({ sortBy: "p8" })).json()).toMatchObject({ code: "FREQUENCY_SET_NOT_FOUND" });
  });

  it("imports a set for the quality manager, refuses a nurse and hostile input, and imputes the listings", async () => {
    const body = { population: "TST", version: "1", source: "written in the test", csv: S };
    expect((await as(t.nurse).post("/api/frequency-sets", body)).statusCode).toBe(403);
    for (const bad of [
      { ...body, population: "../etc" },
      { ...body, csv: "A*01:01~B*08:01~DRB1*03:01,1,NaN" },
      { ...body, csv: `${S}\nA*01:01~B*08:01,1,0.1` },
      { ...body, extra: 1 },
    ]) {
      const r = await as(t.qm).post("/api/frequency-sets", bad);
      expect(r.statusCode, r.body).toBe(422);
    }
    const r = await as(t.qm).post("/api/frequency-sets", body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().set).toMatchObject({ population: "TST", haplotypes: 3, loci: ["A", "B", "DRB1"] });
    expect(r.json().imputation).toMatchObject({ imputed: 0, noSet: 4 });
    expect((await as(t.qm).post("/api/frequency-sets", body)).statusCode).toBe(409);
    const chosen = await as(t.coordinator).put("/api/population-choices", {
      scope: "default",
      population: "TST",
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(
      (await as(t.nurse).put("/api/population-choices", { scope: "global", population: "TST" })).statusCode,
    ).toBe(403);
    const imputed = await as(t.qm).post("/api/listing-imputations", {});
    expect(imputed.json()).toMatchObject({ imputed: 4, unrepresented: 0, unrepresentedShare: 0, noSet: 0 });
    const list = await as(t.physician).get("/api/frequency-sets");
    expect(list.json().choices).toMatchObject([{ scope: "default", subject: "", population: "TST" }]);
  });

  it("gives each candidate P(0 … 4) at 6, 8 and 10 and per locus, as worked by hand", async () => {
    const r = await search();
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.probability).toMatchObject({
      population: "TST",
      via: "default",
      patient: { unrepresented: false },
      computed: 4,
      unrepresented: 0,
    });
    const byId = Object.fromEntries(
      body.hits.map((h: { id: string; probability: unknown }) => [h.id, h.probability]),
    );
    const low = byId["D-LOW"];
    for (const [got, want] of [
      [low.overall["8"], [0.2, 0.8, 0, 0, 0]],
      [low.overall["6"], [0.2, 0.8, 0, 0, 0]],
      [low.loci.DRB1, [0.2, 0.8, 0]],
      [low.loci.A, [1, 0, 0]],
      [byId["D-EXACT"].overall["8"], [1, 0, 0, 0, 0]],
      [byId["D-MM"].overall["8"], [0, 1, 0, 0, 0]],
      [byId["D-CMM"].overall["8"], [1, 0, 0, 0, 0]],
    ] as [number[], number[]][]) {
      expect(got).toHaveLength(want.length);
      want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 12));
    }
    // P(0 of 8) 0.2 < 0.6 and P(≤ 1) 1 ≥ 0.95.
    expect(low.category).toBe("7/8 or better likely");
    expect(byId["D-EXACT"].category).toBe("8/8 likely");
  });

  it("sorts by P(8/8) and filters by it, saying so in each place's reason", async () => {
    expect(ids(await search())).toEqual(["D-EXACT", "D-LOW", "D-CMM", "D-MM"]);
    const sorted = await search({ sortBy: "p8" });
    expect(ids(sorted)).toEqual(["D-EXACT", "D-CMM", "D-LOW", "D-MM"]);
    expect(sorted.json().hits[2].reason).toMatch(/^P\(8\/8\) 0\.200; /);
    expect(sorted.json().hits.map((h: { rank: number }) => h.rank)).toEqual([1, 2, 3, 4]);
    const filtered = await search({ sortBy: "p8", minP8: 0.5 });
    expect(ids(filtered)).toEqual(["D-EXACT", "D-CMM"]);
    expect(filtered.json()).toMatchObject({ total: 2, probability: { beforeFilter: 4 } });
    expect(ids(await search({ minPLe1: 0.99, sortBy: "pLe1" }))).toEqual([
      "D-EXACT",
      "D-LOW",
      "D-CMM",
      "D-MM",
    ]);
    const page2 = await search({ sortBy: "p8", limit: 2, offset: 2 });
    expect(ids(page2)).toEqual(["D-LOW", "D-MM"]);
  });

  it("refuses hostile probability input and a cord-only sort for adults", async () => {
    for (const bad of [{ minP8: 2 }, { minP8: "0.5" }, { sortBy: "evil" }, { population: "x'; --" }]) {
      expect((await search(bad)).statusCode).toBe(422);
    }
    expect((await search({ sortBy: "pLe4" })).statusCode).toBe(422);
    expect((await search({ population: "NONE" })).json()).toMatchObject({ code: "FREQUENCY_SET_NOT_FOUND" });
  });

  it("keeps the probabilities in a saved report, with the patient's own population", async () => {
    const own = await as(t.coordinator).put("/api/population-choices", {
      scope: "patient",
      subject: MRN,
      population: "TST",
    });
    expect(own.statusCode, own.body).toBe(200);
    const unknown = await as(t.coordinator).put("/api/population-choices", {
      scope: "patient",
      subject: "NO-SUCH",
      population: "TST",
    });
    expect(unknown.statusCode).toBe(404);
    const r = await as(t.coordinator).post(`/api/patients/${MRN}/search-reports`, {
      search: { patientTyping: PATIENT, kind: "adult", sortBy: "p8" },
    });
    expect(r.statusCode, r.body).toBe(201);
    const kept = await as(t.coordinator).get(`/api/search-reports/${r.json().id}`);
    expect(kept.json().probability).toMatchObject({ population: "TST", via: "patient" });
    expect(kept.json().rows.map((x: { id: string }) => x.id)).toEqual(["D-EXACT", "D-CMM", "D-LOW", "D-MM"]);
    expect(kept.json().rows[2].probability.overall["8"][0]).toBeCloseTo(0.2, 12);
    const csv = await as(t.coordinator).get(`/api/search-reports/${r.json().id}.csv`);
    expect(csv.body.split("\n")[3]).toContain("0.2000");
  });

  it("uses the patient's own population in a live search for her, and refuses an unknown baby", async () => {
    const body = { patientTyping: PATIENT, kind: "adult", sortBy: "p8" };
    const mine = await as(t.coordinator).post(`/api/search?patient=${MRN}`, body);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().probability).toMatchObject({ population: "TST", via: "patient" });
    // The same search for no one in particular: the registry's default, not her choice.
    expect((await search({ sortBy: "p8" })).json().probability).toMatchObject({ via: "default" });
    const unknown = await as(t.coordinator).post("/api/search?patient=NO-SUCH-9", body);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "PATIENT_NOT_FOUND", details: { field: "patient" } });
    for (const bad of ["", "%00", "a'--", "x".repeat(31)]) {
      const r = await as(t.coordinator).post(`/api/search?patient=${bad}`, body);
      expect(r.statusCode, bad).toBe(422);
    }
    expect((await as(t.nurse).post(`/api/search?patient=${MRN}`, body)).statusCode).toBe(403);
  });
});
