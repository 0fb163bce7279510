/**
 * Guessing passwords over HTTP, on SQLite and PostgreSQL (issue 15). A signed-in nurse who names another
 * user as bedside co-signer learns nothing about that user's password: an unknown order answers 404 and a
 * check blocked for any other reason answers BEDSIDE_BLOCKED whatever the password; every wrong guess
 * counts toward that account's lockout, after which its own sign-in with the right password is refused.
 * Sign-in answers a wrong user and a wrong password alike, with 429 and Retry-After once throttled.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { type Team, clock, team, treatedHieBaby } from "../../test/support/therapy.js";
import { createUser } from "../accounts/users.js";
import { auditOf } from "../audit/trail.js";
import { activateProtocol, getCheck } from "../therapy/index.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

describe.each(DIALECTS)("password guessing over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let t: Team;
  let nurse: { cookie: string; csrf: string };
  let scan: { orderId: string; wristband: string; din: string; productCode: string };
  // The server's clock, moved on a minute per guess so the per-account wait never answers first.
  let now = Date.now();
  const tick = () => {
    now += 61_000;
  };

  const signIn = (username: string, password: string, remoteAddress = "10.7.0.1") =>
    app.inject({ method: "POST", url: "/api/session", payload: { username, password }, remoteAddress });

  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date(now) });
    t = await team(store());
    const birth = new Date(now - 7 * 3_600_000).toISOString();
    const c = clock(birth);
    await activateProtocol(store(), "hie-autologous-cord-blood", PASSWORD, c.act(t.physician, 1));
    const { infusion } = await treatedHieBaby(store(), t, c, "MRN-9101", birth);
    // The same bag again: the order was given already, so the check blocks whoever signs.
    const given = await getCheck(store().db, infusion.checkId);
    scan = {
      orderId: infusion.orderId,
      wristband: "MRN-9101",
      din: given.scannedDin,
      productCode: given.scannedProductCode,
    };
    const r = await signIn(t.nurse.username, PASSWORD);
    expect(r.statusCode, r.body).toBe(200);
    nurse = { cookie: String(r.headers["set-cookie"]).split(";")[0] as string, csrf: r.json().csrfToken };
  });
  afterAll(async () => app?.close());

  const bedside = (orderId: string, cosignerPassword: string) =>
    app.inject({
      method: "POST",
      url: "/api/bedside-checks",
      headers: { cookie: nurse.cookie, "x-csrf-token": nurse.csrf },
      payload: {
        ...scan,
        orderId,
        administeredBy: { username: t.nurse.username, password: PASSWORD },
        verifiedBy: { username: t.nurse2.username, password: cosignerPassword },
      },
    });
  /** What a caller sees of a bedside answer: status, code and which rules failed (ids differ per check). */
  const seen = (r: Awaited<ReturnType<typeof bedside>>) => {
    const b = r.json();
    return {
      status: r.statusCode,
      code: b.code,
      failed: (b.details?.results ?? [])
        .filter((x: { passed: boolean }) => !x.passed)
        .map((x: { rule: string }) => x.rule),
    };
  };

  it("answers an unknown order alike for a right and a wrong co-signer password", async () => {
    const unknown = randomUUID();
    tick();
    const right = seen(await bedside(unknown, PASSWORD));
    tick();
    const wrong = seen(await bedside(unknown, "not nora's password"));
    expect(right.status).toBe(404);
    expect(wrong).toEqual(right);
  });

  it("answers a blocked check alike for a right and a wrong password, counting each wrong one", async () => {
    tick();
    const right = seen(await bedside(scan.orderId, PASSWORD));
    expect(right.code).toBe("BEDSIDE_BLOCKED");
    for (let i = 0; i < 5; i++) {
      tick();
      expect(seen(await bedside(scan.orderId, `guess ${i} for nora`))).toEqual(right);
    }
    // Nora is locked now: her own sign-in with the right password is refused like a wrong one.
    tick();
    const locked = await signIn(t.nurse2.username, PASSWORD, "10.7.9.9");
    const wrongUser = await signIn("no-such-user", PASSWORD, "10.7.9.9");
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe("AUTH_FAILED");
    expect(locked.json().message.replace(t.nurse2.username, "X")).toBe(
      wrongUser.json().message.replace("no-such-user", "X"),
    );
    // While locked, the right password through the bedside answers as before too.
    tick();
    expect(seen(await bedside(scan.orderId, PASSWORD))).toEqual(right);
    const events = await auditOf(store(), "user", t.nurse2.username);
    expect(events.filter((e) => e.action === "auth.failure").length).toBeGreaterThanOrEqual(5);
    expect(events.some((e) => e.action === "auth.lockout")).toBe(true);
    expect(JSON.stringify(events)).not.toContain("for nora");
  });

  it("lets an admin lift the lockout over HTTP; the account then signs in", async () => {
    await createUser(
      store(),
      { username: "ada", printedName: "Ada Admin", roles: ["admin"], password: PASSWORD },
      "system",
      new Date(now),
    );
    tick();
    const a = await signIn("ada", PASSWORD, "10.7.8.8");
    expect(a.statusCode, a.body).toBe(200);
    const headers = {
      cookie: String(a.headers["set-cookie"]).split(";")[0] as string,
      "x-csrf-token": a.json().csrfToken,
    };
    const byNurse = await app.inject({
      method: "POST",
      url: `/api/users/${t.nurse2.username}/unlock`,
      headers: { cookie: nurse.cookie, "x-csrf-token": nurse.csrf },
      payload: { reason: "help desk" },
    });
    expect(byNurse.statusCode).toBe(403);
    const r = await app.inject({
      method: "POST",
      url: `/api/users/${t.nurse2.username}/unlock`,
      headers,
      payload: { reason: "help desk call, identity checked" },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ username: t.nurse2.username, wasLocked: true });
    tick();
    expect((await signIn(t.nurse2.username, PASSWORD, "10.7.9.9")).statusCode).toBe(200);
  });

  it("throttles quick guesses at sign-in with 429 and Retry-After, never 200", async () => {
    tick();
    const answers: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 8; i++) {
      const r = await signIn(t.physician.username, `quick guess ${i}`, "10.7.3.3");
      answers.push(r.statusCode);
      if (r.statusCode === 429) retryAfter = String(r.headers["retry-after"]);
    }
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(answers.slice(3)).toEqual([429, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
