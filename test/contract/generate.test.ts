/**
 * The generator held to itself: on a route whose schemas are strict (the contract's blocks), every case it
 * makes is refused 422 naming its field, so a failure in the contract test is the route's, never the
 * generator's; on the same route with loose schemas, cases get through, so the contract test can fail.
 * The routes run through the server's own input pipeline (strict-input.ts, errors.ts), without a database.
 */
import Fastify, { type FastifySchema } from "fastify";
import { Type } from "typebox";
import { describe, expect, it } from "vitest";
import {
  CalendarDate,
  Enum,
  Id,
  Instant,
  Int,
  Line,
  List,
  Num,
  Obj,
  Paging,
  Text,
} from "../../src/contract/index.js";
import { errorHandler } from "../../src/server/errors.js";
import { registerStrictInput } from "../../src/server/strict-input.js";
import { routeCases } from "./cases.js";
import { type Outcome, passed } from "./report.js";

const STRICT = {
  params: Obj({ mrn: Id({ pattern: "^[A-Za-z0-9][A-Za-z0-9-]{2,29}$" }), n: Int(1, 99) }),
  querystring: Obj({ ...Paging(), status: Type.Optional(Enum(["quarantine", "released"])) }),
  body: Obj({
    name: Line(200),
    notes: Type.Optional(Text()),
    kind: Enum(["cord", "adult"]),
    loci: Type.Union([Type.Literal(8), Type.Literal(10)]),
    at: Instant(),
    on: Type.Optional(CalendarDate()),
    grams: Num(0, 150_000, { exclusiveMinimum: true }),
    dose: Int(1, 12),
    flag: Type.Boolean(),
    parent: Type.Union([Id(), Type.Null()]),
    vitals: Obj({ heartRate: Int(20, 300), spo2: Type.Optional(Num(0, 100)) }),
    reactions: Type.Optional(List(Obj({ description: Line(), severity: Enum(["mild", "severe"]) }), 20)),
    form: Type.Optional(
      Type.Union([
        Obj({ kind: Type.Literal("a"), x: Int(0, 5) }),
        Obj({ kind: Type.Literal("b"), y: Line() }),
      ]),
    ),
  }),
};

const PROTO_PARAM = "a __proto__ parameter";

const LOOSE = {
  params: Type.Object({ mrn: Type.String(), n: Type.Integer() }),
  querystring: Type.Object({ limit: Type.Integer({ default: 50 }) }),
  body: Type.Object({ name: Type.String(), at: Type.String(), grams: Type.Number() }),
};

/** A server with the app's input pipeline and body limit, and one route. */
function server(schema: FastifySchema) {
  const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
  app.setErrorHandler(errorHandler);
  registerStrictInput(app);
  app.post("/p/:mrn/:n", { schema }, async () => ({ ok: true }));
  return app;
}

async function outcomes(schema: FastifySchema): Promise<Outcome[]> {
  const app = server(schema);
  const { cases, gap } = routeCases({ method: "POST", url: "/p/:mrn/:n", schema: schema as never });
  expect(gap).toBeUndefined();
  const out: Outcome[] = [];
  for (const c of cases) {
    const r = await app.inject({
      method: "POST",
      url: c.url,
      headers: { "content-type": "application/json" },
      ...(c.payload === undefined ? {} : { payload: c.payload }),
    });
    const b = r.json();
    out.push({ c, status: r.statusCode, code: b.code, field: b.details?.field, message: b.message });
  }
  await app.close();
  return out;
}

describe("the bad-input generator", () => {
  it("makes only cases a strict route refuses with 422 naming the field", async () => {
    const got = await outcomes(STRICT);
    expect(got.length).toBeGreaterThan(200);
    // Fields inside a union of forms are broken too; the refusal may name the union alone.
    expect(got.filter((o) => o.c.field === "form").length).toBeGreaterThan(20);
    const wrong = got
      .filter((o) => !passed(o))
      .map((o) => `${o.c.part}.${o.c.field} ${o.c.what}: ${o.status} ${o.field}`);
    expect(wrong).toEqual([]);
  });

  // fromText reads a query into an object without a prototype, so `?__proto__=1` stays a key and is refused.
  it("makes a __proto__ query parameter, which a strict route refuses", async () => {
    const got = await outcomes(STRICT);
    const proto = got.filter((o) => o.c.what === PROTO_PARAM);
    expect(proto.length).toBe(1);
    expect(proto.filter((o) => !passed(o))).toEqual([]);
  });

  it("makes cases a loose route lets through, so the contract test can fail", async () => {
    const got = await outcomes(LOOSE);
    const through = new Set(got.filter((o) => !passed(o)).map((o) => `${o.c.part}.${o.c.field}`));
    for (const f of [
      "body.name",
      "body.at",
      "body.grams",
      "body.unexpectedField",
      "querystring.limit",
      "params.mrn",
    ])
      expect(through, f).toContain(f);
  });

  it("starts each case from a valid base: the unbroken request is accepted", async () => {
    const app = server(STRICT);
    const { cases } = routeCases({ method: "POST", url: "/p/:mrn/:n", schema: STRICT as never });
    // The unknown-parameter case differs from its base by that parameter alone: its body and path are the base.
    const c = cases.find((x) => x.what === "an unknown parameter");
    const base = { url: (c?.url ?? "").replace(/[?&]unexpectedField=1$/, ""), payload: c?.payload };
    const r = await app.inject({
      method: "POST",
      url: base.url,
      headers: { "content-type": "application/json" },
      payload: base.payload ?? "",
    });
    expect(r.statusCode, r.body).toBe(200);
    await app.close();
  });
});
