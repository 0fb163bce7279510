/**
 * The audit trail over HTTP, on SQLite and PostgreSQL (issue 14): GET /api/audit filtered by entity, user,
 * kind and time, its bad values refused naming the field; GET /api/audit.csv with the same filters; and the
 * history of a product (one, or every division of its DIN), a patient and a plan, to the roles that read them.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { testCtcae } from "../../test/support/ctcae.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import type { Role } from "../accounts/roles.js";
import { appendAudit } from "../audit/trail.js";
import { write } from "../store/write.js";
import { activateProtocol } from "../therapy/index.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

const MRN = "MRN-AUDIT-1";

/** Events of our own, far from the baby's, to filter: at 2030-01-0{day}T12:00Z. */
const MINE = [
  { day: 1, actor: "zed", action: "label.print", entityId: "G999926000001:S1234V00", reason: null },
  {
    day: 2,
    actor: "zed",
    action: "label.reprint",
    entityId: "G999926000001:S1234V00",
    reason: "=1+2 smudged",
  },
  {
    day: 3,
    actor: "yan",
    action: "product.release.refused",
    entityId: "G999926000001:S1234V00",
    reason: "tnc low",
  },
  {
    day: 4,
    actor: "yan",
    action: "signature.refused",
    entityId: "G999926000002:S1234V00",
    reason: "bad password",
  },
] as const;

describe.each(DIALECTS)("the audit trail over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let din = "";
  let codes: string[] = [];
  let planId = "";
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    const t = await team(store(), "a-");
    const birth = new Date(Date.now() - 7 * 3_600_000).toISOString();
    const c = clock(birth);
    await activateProtocol(store(), "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
    const { plan } = await treatedHieBaby(store(), t, c, MRN, birth, "G7001");
    planId = plan.id;
    const products = await store().db.selectFrom("product").select(["din", "id"]).execute();
    din = products[0]?.din as string;
    codes = products.filter((p) => p.din === din).map((p) => p.id);
    for (const m of MINE)
      await write(store(), (tx) =>
        appendAudit(tx, {
          actor: m.actor,
          action: m.action,
          entityType: "product",
          entityId: m.entityId,
          after: { n: m.day },
          ...(m.reason ? { reason: m.reason } : {}),
          at: new Date(`2030-01-0${m.day}T12:00:00Z`),
        }),
      );
    app = await buildApp({ store: store(), now: () => new Date(), ctcae: await testCtcae() });
    const users: [string, Role][] = [
      [t.qm.username, "quality-manager"],
      [t.tech.username, "lab-technologist"],
      [t.nurse.username, "nurse"],
      [t.physician.username, "physician"],
    ];
    for (const [username, role] of users) {
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username, password: PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(200);
      cookies.set(role, String(r.headers["set-cookie"]).split(";")[0] as string);
    }
  });
  afterAll(async () => app?.close());

  const get = (role: Role, url: string) =>
    app.inject({ method: "GET", url, headers: { cookie: cookies.get(role) as string } });
  const page = async (query: string) => {
    const r = await get("quality-manager", `/api/audit?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as {
      items: { seq: number; actor: string; action: string; entityId: string; at: string }[];
      total: number;
    };
  };

  it("filters by user, kind (one or several), entity id or DIN, and time; newest first with the total", async () => {
    const byZed = await page("user=zed");
    expect(byZed.total).toBe(2);
    expect(byZed.items.map((e) => e.action)).toEqual(["label.reprint", "label.print"]);
    expect((await page("kind=signature.refused,product.release.refused&user=yan")).total).toBe(2);
    expect((await page("kind=label.reprint")).items.map((e) => e.actor)).toEqual(["zed"]);
    // A DIN finds its products; a full product id finds that product alone.
    expect((await page("entityId=G999926000001")).total).toBe(3);
    expect((await page("entityId=G999926000002:S1234V00")).total).toBe(1);
    expect((await page("entityType=product&entityId=G999926000003")).total).toBe(0);
    // from is inclusive, to exclusive; the same instants written in other zones find the same events.
    expect(
      (await page("from=2030-01-02T12:00:00Z&to=2030-01-04T12:00:00Z")).items.map((e) => e.action),
    ).toEqual(["product.release.refused", "label.reprint"]);
    expect(
      (
        await page(
          `from=${encodeURIComponent("2030-01-02T07:00:00-05:00")}&to=${encodeURIComponent("2030-01-04T13:00:00+01:00")}`,
        )
      ).total,
    ).toBe(2);
    // Paging: the newest two, then the next.
    const all = await page("from=2030-01-01T00:00:00Z");
    expect(all.total).toBe(4);
    const second = await page("from=2030-01-01T00:00:00Z&limit=2&offset=2");
    expect(second.items.map((e) => e.seq)).toEqual(all.items.slice(2).map((e) => e.seq));
  });

  it("refuses bad filter values with 422 naming the field, and writes nothing", async () => {
    const before = (await page("limit=1")).total;
    const bad: [string, string][] = [
      ["from=2026-02-30T00:00:00Z", "from"],
      ["from=2026-03-01T00:00:00", "from"],
      ["from=2026-03-01", "from"],
      ["to=Infinity", "to"],
      ["from=null", "from"],
      ["from=2030-01-03T00:00:00Z&to=2030-01-02T00:00:00Z", "from"],
      ["kind=product.relase", "kind"],
      ["kind=LABEL.PRINT", "kind"],
      ["kind=", "kind"],
      [`kind=${"label.print,".repeat(25)}label.print`, "kind"],
      ["user=a%00b", "user"],
      [`user=${"u".repeat(5000)}`, "user"],
      ["entityId=a%0Ab", "entityId"],
      ["limit=Infinity", "limit"],
      ["limit=501", "limit"],
      ["limit=1e2", "limit"],
      ["offset=-1", "offset"],
      ["user=a&user=b", "user"],
      ["__proto__=x", "__proto__"],
      ["actor=zed", "actor"],
    ];
    for (const [query, field] of bad) {
      const r = await get("quality-manager", `/api/audit?${query}`);
      expect(r.statusCode, `${query}: ${r.body}`).toBe(422);
      expect(r.json().code).toBe("INVALID_INPUT");
      expect(r.json().details?.field, query).toBe(field);
      if (query === "limit=501") continue;
      const csv = await get("quality-manager", `/api/audit.csv?${query}`);
      expect(csv.statusCode, `csv ${query}`).toBe(422);
    }
    // The export takes up to 100,000 rows at once.
    expect((await get("quality-manager", "/api/audit.csv?limit=501")).statusCode).toBe(200);
    expect((await get("quality-manager", "/api/audit.csv?limit=100001")).json().details.field).toBe("limit");
    expect((await get("quality-manager", "/api/audit?kind=product.relase")).json().message).toContain(
      '"product.relase"',
    );
    expect((await page("limit=1")).total).toBe(before);
  });

  it("exports the same filtered events as a CSV attachment, header first, formulas made inert", async () => {
    const r = await get("quality-manager", "/api/audit.csv?user=zed");
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^text\/csv/);
    expect(r.headers["content-disposition"]).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const [head, ...rows] = parse(r.body) as string[][];
    expect(head?.slice(0, 4)).toEqual(["seq", "at", "actor", "action"]);
    expect(rows.map((x) => x[3])).toEqual(["label.reprint", "label.print"]);
    expect(rows[0]?.[1]).toBe("2030-01-02T12:00:00.000Z");
    expect(rows[0]?.[6]).toBe("'=1+2 smudged");
    expect((await get("lab-technologist", "/api/audit.csv")).statusCode).toBe(403);
  });

  it("shows a product's history: one product's own, or by DIN the collection's and every division's", async () => {
    expect(codes.length).toBeGreaterThan(1);
    const byDin = await get("lab-technologist", `/api/products/${din}/audit`);
    expect(byDin.statusCode, byDin.body).toBe(200);
    const events = byDin.json() as { seq: number; entityType: string; entityId: string; action: string }[];
    expect(events.some((e) => e.entityType === "collection" && e.action === "collection.register")).toBe(
      true,
    );
    const ids = new Set(events.filter((e) => e.entityType === "product").map((e) => e.entityId));
    expect(ids.size).toBeGreaterThan(1);
    for (const id of ids) expect(codes).toContain(id);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    const one = codes[1] as string;
    const mine = await get("lab-technologist", `/api/products/${din}/audit?product=${one.split(":")[1]}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(new Set((mine.json() as { entityId: string }[]).map((e) => e.entityId))).toEqual(new Set([one]));
    // A nurse opens the product's page read-only, and its history with donor values redacted.
    const nurse = await get("nurse", `/api/products/${din}/audit`);
    expect(nurse.statusCode, nurse.body).toBe(200);
    const register = (nurse.json() as { action: string; after: Record<string, unknown> }[]).find(
      (e) => e.action === "collection.register",
    );
    expect(register?.after.donorId).toBe("[redacted]");
  });

  it("shows a patient's and a plan's history to those who read patients", async () => {
    const patient = await get("physician", `/api/patients/${MRN}/audit`);
    expect(patient.statusCode, patient.body).toBe(200);
    const actions = (patient.json() as { action: string }[]).map((e) => e.action);
    for (const a of ["patient.register", "plan.enrol", "dose.order", "bedside.verified", "infusion.record"])
      expect(actions).toContain(a);
    const plan = await get("nurse", `/api/plans/${planId}/audit`);
    expect(plan.statusCode, plan.body).toBe(200);
    const planActions = (plan.json() as { action: string }[]).map((e) => e.action);
    for (const a of ["plan.enrol", "dose.order", "bedside.verified", "infusion.record"])
      expect(planActions).toContain(a);
    expect(planActions).not.toContain("patient.register");
    expect((await get("lab-technologist", `/api/patients/${MRN}/audit`)).statusCode).toBe(403);
    expect((await get("lab-technologist", `/api/plans/${planId}/audit`)).statusCode).toBe(403);
  });

  it("keeps a reader without patient access from finding a patient's events by MRN", async () => {
    // The quality manager reads patients; the lab cannot read the audit at all: the trail's own readers are kept.
    expect((await get("lab-technologist", "/api/audit")).statusCode).toBe(403);
    expect((await page(`entityId=${MRN}`)).total).toBeGreaterThan(0);
  });
});
