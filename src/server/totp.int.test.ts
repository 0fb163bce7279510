/**
 * The second factor over HTTP: a quality manager (a role the site requires TOTP of) signs in, may do
 * nothing but enrol, scans the QR code, confirms a first code, gets the recovery codes once; the next
 * sign-in takes the code with the password and answers alike whatever was wrong; an admin removes the factor for a lost phone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { totpOf } from "../accounts/totp.js";
import { beginTotp, confirmTotp, createUser } from "../accounts/users.js";
import { auditOf } from "../audit/trail.js";
import { buildApp } from "./app.js";
import type { Api } from "./context.js";

// Read by the first config() call, which comes after this line in this test file's own process.
process.env.CRADLE_TOTP_REQUIRED_ROLES = "quality-manager";

describe.each(DIALECTS)("TOTP over HTTP on %s", (dialect) => {
  const store = useStore(dialect);
  let app: Api;
  let now = Date.parse("2026-06-01T08:00:00Z");
  const tick = () => {
    now += 61_000;
  };
  const signIn = (username: string, password: string, code?: string) =>
    app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username, password, ...(code ? { code } : {}) },
      remoteAddress: "10.8.0.1",
    });
  const as = (r: Awaited<ReturnType<typeof signIn>>) => ({
    cookie: String(r.headers["set-cookie"]).split(";")[0] as string,
    "x-csrf-token": r.json().csrfToken as string,
  });

  beforeAll(async () => {
    app = await buildApp({ store: store(), now: () => new Date(now) });
    for (const [username, printedName, role] of [
      ["ada", "Ada Admin", "admin"],
      ["quinn", "Quinn Quality", "quality-manager"],
      ["pia", "Pia Physician", "physician"],
    ] as const) {
      await createUser(
        store(),
        { username, printedName, roles: [role], password: PASSWORD },
        "system",
        new Date(now),
      );
    }
  });
  afterAll(async () => app?.close());

  it("holds a required role to enrolment, then signs in in two steps", async () => {
    const first = await signIn("quinn", PASSWORD);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().user).toMatchObject({ mustEnrolTotp: true, totp: false });
    const headers = as(first);
    const blocked = await app.inject({ method: "GET", url: "/api/products", headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe("TOTP_ENROLMENT_REQUIRED");

    const begun = await app.inject({ method: "POST", url: "/api/session/totp", headers, payload: {} });
    expect(begun.statusCode, begun.body).toBe(200);
    expect(begun.headers["cache-control"]).toBe("no-store");
    const { uri, secret, qrSvg } = begun.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Cradle:quinn\?/);
    expect(qrSvg).toMatch(/^<svg/);
    const code = () => totpOf(secret, "quinn").generate({ timestamp: now });
    const bad = await app.inject({
      method: "POST",
      url: "/api/session/totp/confirm",
      headers,
      payload: { code: "12345x" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.field).toBe("code");
    const confirmed = await app.inject({
      method: "POST",
      url: "/api/session/totp/confirm",
      headers,
      payload: { code: code() },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect((await app.inject({ method: "GET", url: "/api/products", headers })).statusCode).toBe(200);

    tick();
    // A right password without its code answers as a wrong one: nothing tells a caller it was right.
    const noCode = await signIn("quinn", PASSWORD);
    expect(noCode.statusCode).toBe(401);
    tick();
    const wrongCode = await signIn("quinn", PASSWORD, "000000");
    tick();
    const wrongPassword = await signIn("quinn", "not the passphrase", code());
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json()).toEqual(wrongPassword.json());
    expect(noCode.json()).toEqual(wrongPassword.json());
    tick();
    const step2 = await signIn("quinn", PASSWORD, code());
    expect(step2.statusCode, step2.body).toBe(200);
    expect(step2.json().user).toMatchObject({ totp: true, mustEnrolTotp: false });
  });

  it("lets an admin remove the factor with a reason; the role must then enrol again", async () => {
    tick();
    const admin = as(await signIn("ada", PASSWORD));
    const r = await app.inject({
      method: "POST",
      url: "/api/users/quinn/totp/remove",
      headers: admin,
      payload: { reason: "phone lost" },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ username: "quinn", removed: true });
    const removal = (await auditOf(store(), "user", "quinn")).find((e) => e.action === "user.totp-remove");
    expect(removal).toMatchObject({ actor: "ada", reason: "phone lost" });
    tick();
    const again = await signIn("quinn", PASSWORD);
    expect(again.json().user).toMatchObject({ mustEnrolTotp: true });
  });

  it("asks an e-signature for both factors: the code in X-Second-Factor, checked like any input", async () => {
    const pia = {
      username: "pia",
      printedName: "Pia Physician",
      roles: ["physician" as const],
      mustChangePassword: false,
    };
    const { secret } = await beginTotp(store(), pia, new Date(now));
    const code = () => totpOf(secret, "pia").generate({ timestamp: now });
    await confirmTotp(store(), pia, code(), new Date(now));
    tick();
    const headers = as(await signIn("pia", PASSWORD, code()));
    // After a reload the page reads the session: it says the signer has TOTP, so the forms ask the code.
    const me = await app.inject({ method: "GET", url: "/api/session", headers });
    expect(me.json().user).toMatchObject({ username: "pia", totp: true });
    const activate = (extra: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: "/api/protocols/hie-autologous-cord-blood/activation",
        headers: { ...headers, ...extra },
        payload: { password: PASSWORD },
      });
    tick();
    const none = await activate({});
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe("AUTH_FAILED");
    const bad = await activate({ "x-second-factor": "12\u0007456" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.field).toBe("x-second-factor");
    tick();
    const signed = await activate({ "x-second-factor": code() });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signature).toMatchObject({ username: "pia", printedName: "Pia Physician" });
  });
});
