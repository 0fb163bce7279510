/**
 * The one authentication path on every dialect (issue 15): one answer for every refusal, a lockout after
 * CRADLE_AUTH_MAX_FAILURES (5) failures that refuses even the right password until an admin lifts it, an
 * escalating per-account wait, a per-address wait that never locks out the address's other users, and
 * every failure and lockout in the audit trail without the password.
 */
import { describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { refusal } from "../../test/support/expect-code.js";
import { auditOf as trailOf } from "../audit/trail.js";
import { type AuthAttempt, authenticateAttempt, lockedUntil, unlockUser } from "./authenticate.js";
import { type User, createUser } from "./users.js";

const T0 = Date.parse("2026-04-01T08:00:00Z");
/** Attempts a minute apart: past every per-account wait up to the fifth failure. */
const minute = (n: number) => new Date(T0 + n * 61_000);
const PASSWORD = "a long enough passphrase";

describe.each(DIALECTS)("authentication on %s", (dialect) => {
  const use = useStore(dialect);
  let admin: User;
  const attempt = (username: string, password: string, at: Date, over: Partial<AuthAttempt> = {}) =>
    authenticateAttempt(use(), { username, password, purpose: "sign-in", address: "10.0.0.1", ...over }, at);
  const auditOf = async (username: string) =>
    (await trailOf(use(), "user", username)).filter((e) => e.action.startsWith("auth."));

  it("answers a wrong user, a wrong password and a disabled account alike", async () => {
    admin = await createUser(
      use(),
      { username: "ada", printedName: "Ada Admin", roles: ["admin"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    await createUser(
      use(),
      { username: "vic", printedName: "Vic Victim", roles: ["nurse"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    const unknown = await refusal(() => attempt("nobody", PASSWORD, minute(0)));
    const wrong = await refusal(() => attempt("vic", "not the passphrase", minute(0)));
    expect(unknown.code).toBe("AUTH_FAILED");
    expect(wrong.code).toBe("AUTH_FAILED");
    expect(unknown.message.replace("nobody", "X")).toBe(wrong.message.replace("vic", "X"));
    expect(Object.keys(unknown.details)).toEqual(Object.keys(wrong.details));
    expect((await attempt("vic", PASSWORD, minute(1))).username).toBe("vic");
    await createUser(
      use(),
      { username: "dora", printedName: "Dora Disabled", roles: ["nurse"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    await use().db.updateTable("userAccount").set({ disabled: 1 }).where("username", "=", "dora").execute();
    const disabled = await refusal(() => attempt("dora", PASSWORD, minute(1)));
    expect(disabled.code).toBe("AUTH_FAILED");
    expect(disabled.message.replace("dora", "X")).toBe(wrong.message.replace("vic", "X"));
  });

  it("locks the account after 5 failures: the 6th attempt, with the right password, is refused alike", async () => {
    for (let i = 0; i < 5; i++) {
      const e = await refusal(() =>
        attempt("vic", `guess number ${i}`, minute(2 + i), { address: `10.1.0.${i}` }),
      );
      expect(e.code).toBe("AUTH_FAILED");
    }
    expect(await lockedUntil(use(), "vic", minute(7))).toBeDefined();
    const sixth = await refusal(() => attempt("vic", PASSWORD, minute(8), { address: "10.2.0.1" }));
    expect(sixth.code).toBe("AUTH_FAILED");
    expect(sixth.message).toBe((await refusal(() => attempt("vic", "yet another guess", minute(9)))).message);
    // Every failure is audited, with purpose and address, never the password; the lockout once.
    const events = await auditOf("vic");
    const text = JSON.stringify(events);
    expect(text).not.toContain("guess number");
    expect(text).not.toContain(PASSWORD);
    expect(events.filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(events.filter((e) => e.action === "auth.failure").length).toBeGreaterThanOrEqual(6);
  });

  it("lets the account in after an admin lifts the lockout, audited with who and why", async () => {
    const nurse = {
      username: "vic",
      printedName: "Vic",
      roles: ["nurse" as const],
      mustChangePassword: false,
    };
    expect((await refusal(() => unlockUser(use(), "vic", nurse, minute(10)))).code).toBe("FORBIDDEN");
    expect(await unlockUser(use(), "vic", admin, minute(10), "called the help desk")).toEqual({
      username: "vic",
      wasLocked: true,
    });
    expect((await attempt("vic", PASSWORD, minute(10))).username).toBe("vic");
    const unlock = (await trailOf(use(), "user", "vic")).find((e) => e.action === "user.unlock");
    expect(unlock).toMatchObject({ actor: "ada", reason: "called the help desk" });
  });

  it("makes each attempt after the third failure wait, answering 429 with a retry time", async () => {
    for (let i = 0; i < 3; i++) await refusal(() => attempt("ada", "wrong wrong wrong", minute(20 + i)));
    const at = minute(22);
    const soon = await refusal(() => attempt("ada", PASSWORD, new Date(at.getTime() + 100)));
    expect(soon.code).toBe("RATE_LIMITED");
    expect(soon.details.retryAfter).toBeGreaterThanOrEqual(1);
    // After the wait the right password goes in and clears the account's failures.
    expect((await attempt("ada", PASSWORD, new Date(at.getTime() + 1_001))).username).toBe("ada");
  });

  it("slows an address with many failures without locking out its other users", async () => {
    const proxy = { address: "192.0.2.7" };
    for (let i = 0; i < 25; i++)
      await refusal(() => attempt(`sprayed${i}`, "Summer2026!", new Date(T0 + 3_600_000 + i * 6_000), proxy));
    const last = T0 + 3_600_000 + 24 * 6_000;
    const now = await refusal(() => attempt("vic", PASSWORD, new Date(last + 10), proxy));
    expect(now.code).toBe("RATE_LIMITED");
    // At most ADDRESS_MAX_DELAY_MS (5 s) later the address's other users get in.
    expect((await attempt("vic", PASSWORD, new Date(last + 5_001), proxy)).username).toBe("vic");
  });

  it("checks no more than 5 of 40 parallel wrong guesses against the hash, then locks the account", async () => {
    await createUser(
      use(),
      { username: "burst", printedName: "Burst Target", roles: ["nurse"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    const at = new Date(T0 + 7_200_000);
    const answers = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        attempt("burst", `parallel guess ${i}`, at, { address: `198.51.100.${i}` }),
      ),
    );
    expect(answers.every((a) => a.status === "rejected")).toBe(true);
    const events = await auditOf("burst");
    const failures = events.filter((e) => e.action === "auth.failure");
    // Each guess is audited (a late one may meet the wait already: rate-limited); only those counted
    // within the limit had their password checked.
    expect(failures.length + events.filter((e) => e.action === "auth.rate-limited").length).toBe(40);
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(failures.filter((e) => (e.after as { checked: boolean }).checked)).toHaveLength(5);
    expect((await auditOf("burst")).filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(await lockedUntil(use(), "burst", at)).toBeDefined();
    // Locked: the right password, a minute later, is refused with the same answer.
    const right = await refusal(() => attempt("burst", PASSWORD, new Date(at.getTime() + 60_000)));
    expect(right.code).toBe("AUTH_FAILED");
  });

  it("escalates the wait: Retry-After 1 s after 3 failures, 2 s after 4; an address 1, 2, 4, then 5 s", async () => {
    await createUser(
      use(),
      { username: "slow", printedName: "Slow Poke", roles: ["nurse"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    const base = T0 + 10_800_000;
    const retry = async (at: number, over: Partial<AuthAttempt> = {}) => {
      const e = await refusal(() => attempt("slow", "wrong wrong wrong", new Date(at), over));
      return e.code === "RATE_LIMITED" ? e.details.retryAfter : e.code;
    };
    for (let i = 0; i < 3; i++)
      await refusal(() => attempt("slow", "wrong wrong wrong", new Date(base + i * 61_000)));
    const third = base + 2 * 61_000;
    expect(await retry(third + 10)).toBe(1);
    expect(await retry(third + 1_000)).toBe("AUTH_FAILED"); // the 4th failure, after the wait
    expect(await retry(third + 1_010)).toBe(2);
    // An address: no wait up to 20 failures, then 1, 2, 4 s and at most 5 s.
    const addr = { address: "203.0.113.9" };
    const t = base + 3_600_000;
    for (let i = 0; i < 20; i++)
      await refusal(() => attempt(`spray${i}`, "Winter2026!", new Date(t + i * 10_000), addr));
    const seen: unknown[] = [];
    let now = t + 19 * 10_000;
    for (let i = 0; i < 4; i++) {
      const e = await refusal(() => attempt(`other${i}`, "Winter2026!", new Date(now + 1), addr));
      seen.push(e.details.retryAfter);
      now += Number(e.details.retryAfter) * 1000;
      await refusal(() => attempt(`other${i}`, "Winter2026!", new Date(now), addr));
    }
    expect(seen).toEqual([1, 2, 4, 5]);
  });
});
