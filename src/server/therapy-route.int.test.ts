/**
 * Therapy over HTTP, on SQLite and PostgreSQL: bodies, queries and paths read strictly (no coercion of
 * JSON types, numbers in a query only from digits), each refusal a 422 naming the field with nothing
 * written; answers hold to their response schemas and carry the actions the signed-in user may take.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, hieBaby, team } from "../../test/support/therapy.js";
import { refusalOf } from "../contract/validate.js";
import {
  DueListSchema,
  PatientPageSchema,
  PatientRecordSchema,
  PatientSchema,
  WeightSchema,
} from "../therapy/schemas.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

describe.each(DIALECTS)("therapy over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let t: Team;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const birth = new Date(Date.now() - 6 * 3_600_000).toISOString();

  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date() });
    t = await team(store());
    for (const u of [t.coordinator, t.nurse, t.physician, t.qm]) {
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

  const as = (user: { username: string }, method: "GET" | "POST", url: string, payload?: object) => {
    const s = sessions.get(user.username) as { cookie: string; csrf: string };
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      ...(payload ? { payload } : {}),
    });
  };
  const rows = async () => {
    const n = async (table: "patient" | "patientWeight" | "auditEvent") =>
      Number(
        (await store().db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow())
          .n,
      );
    return [await n("patient"), await n("patientWeight"), await n("auditEvent")];
  };
  const refused = async (r: Awaited<ReturnType<typeof as>>, field: string) => {
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: "INVALID_INPUT", details: { field } });
  };

  it("refuses coerced and out-of-range input with the field named, writing nothing", async () => {
    const before = await rows();
    const baby = hieBaby("MRN-8001", birth);
    await refused(await as(t.coordinator, "POST", "/api/patients", { ...baby, mrn: true }), "mrn");
    await refused(
      await as(t.coordinator, "POST", "/api/patients", { ...baby, birthWeightGrams: null }),
      "birthWeightGrams",
    );
    await refused(
      await as(t.coordinator, "POST", "/api/patients", { ...baby, gestationalWeeks: "38" }),
      "gestationalWeeks",
    );
    await refused(await as(t.coordinator, "POST", "/api/patients", { ...baby, sex: "toString" }), "sex");
    await refused(
      await as(t.coordinator, "POST", "/api/patients", { ...baby, diagnosis: "x".repeat(100_000) }),
      "diagnosis",
    );
    await refused(await as(t.coordinator, "GET", "/api/patients?limit=Infinity"), "limit");
    await refused(await as(t.coordinator, "GET", "/api/patients?limit=1e3"), "limit");
    await refused(await as(t.coordinator, "GET", "/api/therapy/due?horizonHours=NaN"), "horizonHours");
    await refused(
      await as(t.coordinator, "GET", "/api/patients/MRN-8001/eligibility?protocol=__proto__"),
      "protocol",
    );
    expect(await rows()).toEqual(before);
  });

  it("answers in the schemas' shape, with the actions each user may take", async () => {
    const created = await as(t.coordinator, "POST", "/api/patients", hieBaby("MRN-8002", birth));
    expect(created.statusCode, created.body).toBe(201);
    expect(refusalOf(PatientSchema, created.json())).toBeNull();
    await refused(
      await as(t.nurse, "POST", "/api/patients/MRN-8002/weights", {
        grams: true,
        measuredAt: new Date().toISOString(),
      }),
      "grams",
    );
    const weight = await as(t.nurse, "POST", "/api/patients/MRN-8002/weights", {
      grams: 3150,
      measuredAt: new Date().toISOString(),
    });
    expect(weight.statusCode, weight.body).toBe(201);
    expect(refusalOf(WeightSchema, weight.json())).toBeNull();

    const page = await as(t.coordinator, "GET", "/api/patients?limit=10");
    expect(refusalOf(PatientPageSchema, page.json())).toBeNull();
    expect(page.json().actions).toEqual(["registerPatient"]);
    expect((await as(t.qm, "GET", "/api/patients")).json().actions).toEqual([]);

    const record = await as(t.physician, "GET", "/api/patients/mrn-8002");
    expect(record.statusCode, record.body).toBe(200);
    expect(refusalOf(PatientRecordSchema, record.json())).toBeNull();
    expect(record.json().actions).toEqual(["recordWeight", "enrol"]);
    expect((await as(t.nurse, "GET", "/api/patients/MRN-8002")).json().actions).toEqual(["recordWeight"]);
    expect((await as(t.coordinator, "GET", "/api/patients/MRN-8002")).json().actions).toEqual([]);
    expect(refusalOf(DueListSchema, (await as(t.nurse, "GET", "/api/therapy/due")).json())).toBeNull();
  });
});
