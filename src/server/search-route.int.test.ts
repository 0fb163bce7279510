/**
 * Find a graft over HTTP, on SQLite and PostgreSQL: the answer names the units this bank can reserve, and
 * an answer asked again is never older than the listings or the bank it came from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type People, act, people, releasedCord } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { cordRecord } from "../../test/support/listings.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { hieBaby } from "../../test/support/therapy.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { SearchIndex } from "../matching/search-index.js";
import { saveAndIndex } from "../search/search-service.js";
import { registerPatient } from "../therapy/index.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

const cord = (id: string, tnc: number) => cordRecord(id, { tnc, typing: TYPING });

describe.each(DIALECTS)("find a graft over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let p: People;
  let din: string;
  let index: SearchIndex;
  let session: { cookie: string; csrf: string };

  beforeAll(async () => {
    p = await people(store());
    // A unit this bank holds, released: its listing id is its DIN.
    din = (await releasedCord(store(), p, TYPING, { donorId: "INF-SEARCH" })).din;
    index = new SearchIndex(hla.engine);
    for (const [id, tnc] of [
      [din, 1.2e9],
      ["OTHER-BANK-1", 9e8],
    ] as const) {
      const saved = await saveAndIndex(store(), index, cord(id, tnc));
      expect(saved).toHaveProperty("listing");
    }
    app = await buildApp({
      store: store(),
      now: () => new Date(),
      hla,
      search: { index, loadedAt: new Date().toISOString(), loadMs: 0 },
    });
    const r = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: p.coordinator.username, password: PASSWORD },
    });
    session = { cookie: String(r.headers["set-cookie"]).split(";")[0] as string, csrf: r.json().csrfToken };
  });
  afterAll(async () => app?.close());

  const post = (url: string, payload: object) =>
    app.inject({
      method: "POST",
      url,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
      payload,
    });
  const find = async () => {
    const r = await post("/api/search", {
      patientTyping: TYPING,
      kind: "cord",
      weightGrams: 9000,
      diagnosis: "nonmalignant",
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; hits: { id: string; rank: number; bankProduct: string | null }[] };
  };

  it("ranks the units and names the one this bank can reserve", async () => {
    const first = await find();
    expect(first.hits.map((h) => h.id)).toEqual([din, "OTHER-BANK-1"]);
    expect(first.hits[0]?.bankProduct).toBe("S1234V00");
    expect(first.hits[1]?.bankProduct).toBeNull();
    expect(await find()).toEqual(first);
  });

  it("answers again with a listing added since", async () => {
    await saveAndIndex(store(), index, cord("NEW-BIG-UNIT", 2.5e9));
    const after = await find();
    expect(after.total).toBe(3);
    expect(after.hits[0]?.id).toBe("NEW-BIG-UNIT");
  });

  it("no longer offers a unit once it is reserved", async () => {
    // Reservations are for registered patients only.
    await registerPatient(store(), hieBaby("INF-0101", "2026-02-20T08:00:00Z"), act(p.coordinator));
    const r = await post(`/api/products/${din}/reservation`, {
      patientId: "INF-0101",
      reason: "cord search",
    });
    expect(r.statusCode, r.body).toBe(200);
    const hit = (await find()).hits.find((h) => h.id === din);
    expect(hit?.bankProduct).toBeNull();
  });

  it("answers 422 naming the field for a patient typing the release does not know", async () => {
    const r = await post("/api/search", {
      patientTyping: "A*01:01+A*99:99^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01",
      kind: "cord",
      weightGrams: 9000,
      diagnosis: "nonmalignant",
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe("HLA_UNKNOWN_ALLELE");
  });

  it("refuses a bad search naming the field, without coercion", async () => {
    const good = { patientTyping: TYPING, kind: "cord", weightGrams: 9000, diagnosis: "nonmalignant" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, kind: "__proto__" }, "kind"],
      [{ ...good, kind: "toString" }, "kind"],
      [{ ...good, diagnosis: "constructor" }, "diagnosis"],
      [{ ...good, weightGrams: "9000" }, "weightGrams"],
      [{ ...good, weightGrams: true }, "weightGrams"],
      [{ ...good, weightGrams: null }, "weightGrams"],
      [{ ...good, weightGrams: 1e300 }, "weightGrams"],
      [{ ...good, maxMismatches: 9 }, "maxMismatches"],
      [{ ...good, loci: 9 }, "loci"],
      [{ ...good, limit: 201 }, "limit"],
      [{ ...good, offset: -1 }, "offset"],
      [{ ...good, antibodies: ["A2\u0000"] }, "antibodies.0"],
      [{ ...good, maxPerLocus: { DPB1: 0 } }, "maxPerLocus.DPB1"],
      [{ ...good, maxPerLocus: { DRB1: 3 } }, "maxPerLocus.DRB1"],
      [{ ...good, tncFloor: 0 }, "tncFloor"],
      [{ ...good, patientTyping: "A*01:01+".repeat(600) }, "patientTyping"],
    ];
    for (const [body, field] of cases) {
      const r = await post("/api/search", body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(422);
      expect(r.json().details.field, r.body).toBe(field);
    }
  });

  it("gives each hit the reason for its place (the search service's words)", async () => {
    const r = await post("/api/search", {
      patientTyping: TYPING,
      kind: "cord",
      weightGrams: 9000,
      diagnosis: "nonmalignant",
    });
    const hits = r.json().hits as { reason: string }[];
    expect(hits[0]?.reason).toMatch(
      /^\d\/\d( typed)?( \([A-Z0-9, ]+ untyped\))? allele, cord \d\/6, (no mismatch|mismatch [a-z-]+), TNC \d\.\d×10\^\d+\/kg/,
    );
  });
});
