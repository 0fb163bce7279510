/**
 * An admin's operations on accounts, on SQLite and PostgreSQL (issue 15): each needs a reason and is one
 * audit event naming who and why; refusals (not an admin, one's own account, the last active admin, an
 * unknown user) are audit events too and change nothing; a disabled account fails every way of
 * authenticating; a reset answers a one-time password once that must be changed at next sign-in.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import type { Store } from "../store/connect.js";
import { addAccount, changeRoles, disableUser, enableUser, endUserSessions, resetPassword } from "./admin.js";
import { AUTH_PURPOSES } from "./authenticate.js";
import { openSession, sessionUser } from "./sessions.js";
import { type User, authenticate, createUser, listUsers } from "./users.js";

const AT = new Date("2026-05-04T09:00:00Z");

describe.each(DIALECTS)("account administration on %s", (dialect) => {
  const use = useStore(dialect);
  let s: Store;
  let ada: User;
  let nina: User;

  beforeAll(async () => {
    s = use();
    ada = await createUser(
      s,
      { username: "ada", printedName: "Ada Admin", roles: ["admin"], password: PASSWORD },
      "system",
      AT,
    );
    nina = await createUser(
      s,
      { username: "nina", printedName: "Nina Nurse", roles: ["nurse"], password: PASSWORD },
      "system",
      AT,
    );
  });

  const events = async (action: string) =>
    s.db.selectFrom("auditEvent").selectAll().where("action", "=", action).orderBy("seq").execute();
  const account = async (username: string) =>
    s.db
      .selectFrom("userAccount")
      .select(["roles", "disabled", "mustChangePassword", "passwordHash"])
      .where("username", "=", username)
      .executeTakeFirstOrThrow();

  it("refuses a missing or blank reason naming the field, and changes nothing, not even the trail", async () => {
    const before = [
      await account("nina"),
      (await s.db.selectFrom("auditEvent").select("seq").execute()).length,
    ];
    for (const input of [{}, { reason: "" }, { reason: "   " }, { reason: "ok\u0000" }, { reason: 3 }]) {
      const e = await expectCode(disableUser(s, "nina", input as never, ada, AT), "INVALID_INPUT");
      expect(e.details.field).toBe("reason");
      await expectCode(resetPassword(s, "nina", input as never, ada, AT), "INVALID_INPUT");
      await expectCode(endUserSessions(s, "nina", input as never, ada, AT), "INVALID_INPUT");
      await expectCode(
        changeRoles(s, "nina", { roles: ["nurse"], ...input } as never, ada, AT),
        "INVALID_INPUT",
      );
    }
    expect([
      await account("nina"),
      (await s.db.selectFrom("auditEvent").select("seq").execute()).length,
    ]).toEqual(before);
  });

  it("adds a user with a one-time password answered once, to be changed at first sign-in; audited with why", async () => {
    const added = await addAccount(
      s,
      { username: "otto", printedName: "Otto Orderly", roles: ["nurse"], reason: "new starter, ward 3" },
      ada,
      AT,
    );
    expect(added.user).toEqual({
      username: "otto",
      printedName: "Otto Orderly",
      roles: ["nurse"],
      mustChangePassword: true,
    });
    const otp = added.oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(16);
    expect((await account("otto")).passwordHash).not.toContain(otp);
    const signedIn = await authenticate(s, "otto", otp, AT, { purpose: "sign-in" });
    expect(signedIn.mustChangePassword).toBe(true);
    const [created] = (await events("user.create")).filter((e) => e.entityId === "otto");
    expect(created).toMatchObject({ actor: "ada", reason: "new starter, ward 3" });
    expect(JSON.stringify(created)).not.toContain(otp);
    await expectCode(
      addAccount(
        s,
        { username: "otto", printedName: "Otto Again", roles: ["nurse"], reason: "twice" },
        ada,
        AT,
      ),
      "USER_EXISTS",
    );
    expect((await events("user.refused")).at(-1)).toMatchObject({
      actor: "ada",
      entityId: "otto",
      reason: "twice",
    });
  });

  it("disables: no sign-in, e-signature, bedside co-signing or CLI; sessions end; enable restores", async () => {
    const session = await openSession(s, "nina", AT);
    expect(await sessionUser(s, session.id, AT)).toBeDefined();
    const r = await disableUser(s, "nina", { reason: "left the unit" }, ada, AT);
    expect(r.disabled).toBe(true);
    expect(await sessionUser(s, session.id, AT)).toBeUndefined();
    for (const purpose of AUTH_PURPOSES) {
      // Each purpose afresh: the refusal asserted is the disable's, not the throttle's.
      await s.db.deleteFrom("authThrottle").execute();
      await expectCode(authenticate(s, "nina", PASSWORD, AT, { purpose }), "AUTH_FAILED");
    }
    expect((await events("user.disable")).at(-1)).toMatchObject({
      actor: "ada",
      entityId: "nina",
      reason: "left the unit",
    });
    expect((await listUsers(s, ada, AT)).find((u) => u.username === "nina")?.disabled).toBe(true);
    await s.db.deleteFrom("authThrottle").execute();
    await enableUser(s, "nina", { reason: "back from leave" }, ada, AT);
    expect((await authenticate(s, "nina", PASSWORD, AT, { purpose: "sign-in" })).username).toBe("nina");
    expect((await events("user.enable")).at(-1)).toMatchObject({ actor: "ada", reason: "back from leave" });
  });

  it("refuses an admin disabling their own account, and leaving no active admin; both recorded", async () => {
    const e = await expectCode(disableUser(s, "ada", { reason: "testing" }, ada, AT), "OWN_ACCOUNT");
    expect(e.message).toContain("own account");
    const last = await expectCode(
      changeRoles(s, "ada", { roles: ["auditor"], reason: "step down" }, ada, AT),
      "LAST_ADMIN",
    );
    expect(last.message).toContain("last active admin");
    expect((await account("ada")).roles).toBe("admin");
    expect((await account("ada")).disabled).toBe(0);
    const refused = (await events("user.refused")).slice(-2);
    expect(refused.map((r) => [r.actor, r.entityId, r.reason, JSON.parse(r.afterJson ?? "{}").code])).toEqual(
      [
        ["ada", "ada", "testing", "OWN_ACCOUNT"],
        ["ada", "ada", "step down", "LAST_ADMIN"],
      ],
    );
    // With a second active admin, stepping down is allowed.
    await changeRoles(s, "nina", { roles: ["nurse", "admin"], reason: "second admin" }, ada, AT);
    const stepped = await changeRoles(s, "ada", { roles: ["auditor"], reason: "step down" }, ada, AT);
    expect(stepped.roles).toEqual(["auditor"]);
    const back = await changeRoles(
      s,
      "ada",
      { roles: ["admin"], reason: "back" },
      { ...nina, roles: ["admin"] },
      AT,
    );
    expect(back.roles).toEqual(["admin"]);
    await changeRoles(s, "nina", { roles: ["nurse"], reason: "one admin again" }, ada, AT);
  });

  it("refuses a non-admin and an unknown user, recording each, changing nothing", async () => {
    const before = await account("ada");
    await expectCode(disableUser(s, "ada", { reason: "coup" }, nina, AT), "FORBIDDEN");
    await expectCode(resetPassword(s, "ada", { reason: "coup" }, nina, AT), "FORBIDDEN");
    await expectCode(endUserSessions(s, "nobody", { reason: "who?" }, ada, AT), "USER_NOT_FOUND");
    expect(await account("ada")).toEqual(before);
    const refused = (await events("user.refused")).slice(-3);
    expect(refused.map((r) => [r.actor, r.entityId, JSON.parse(r.afterJson ?? "{}").code])).toEqual([
      ["nina", "ada", "FORBIDDEN"],
      ["nina", "ada", "FORBIDDEN"],
      ["ada", "nobody", "USER_NOT_FOUND"],
    ]);
  });

  it("resets a password: the old one fails, the one-time one must be changed; sessions end", async () => {
    const session = await openSession(s, "nina", AT);
    const r = await resetPassword(s, "nina", { reason: "forgot it" }, ada, AT);
    expect(await sessionUser(s, session.id, AT)).toBeUndefined();
    await s.db.deleteFrom("authThrottle").execute();
    await expectCode(authenticate(s, "nina", PASSWORD, AT, { purpose: "sign-in" }), "AUTH_FAILED");
    await s.db.deleteFrom("authThrottle").execute();
    const u = await authenticate(s, "nina", r.oneTimePassword, AT, { purpose: "sign-in" });
    expect(u.mustChangePassword).toBe(true);
    const listed = (await listUsers(s, ada, AT)).find((x) => x.username === "nina");
    expect(listed?.mustChangePassword).toBe(true);
    const event = (await events("user.reset-password")).at(-1);
    expect(event).toMatchObject({ actor: "ada", entityId: "nina", reason: "forgot it" });
    expect(JSON.stringify(event)).not.toContain(r.oneTimePassword);
  });

  it("ends sessions on request and says how many; lists last sign-in and lockouts", async () => {
    await openSession(s, "nina", AT);
    await openSession(s, "nina", AT);
    expect(await endUserSessions(s, "nina", { reason: "shared screen" }, ada, AT)).toEqual({
      username: "nina",
      ended: 2,
    });
    for (let i = 0; i < 5; i++)
      await authenticate(s, "nina", `guess ${i} wrong`, new Date(AT.getTime() + i * 120_000), {
        purpose: "sign-in",
      }).catch(() => undefined);
    const listed = (await listUsers(s, ada, new Date(AT.getTime() + 600_000))).find(
      (x) => x.username === "nina",
    );
    expect(listed?.lastSignInAt).toBe(AT.toISOString());
    expect(listed?.lockedUntil).not.toBeNull();
  });
});
