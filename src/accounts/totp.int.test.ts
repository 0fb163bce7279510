/**
 * The second factor on every dialect: enrolment pending until a first valid code, sign-in in two steps,
 * one answer for a wrong password and a wrong code, a code good once (replay refused), recovery codes
 * good once, wrong codes counted toward the lockout, signatures asking both factors, an admin's removal.
 */
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { refusal } from "../../test/support/expect-code.js";
import { auditOf } from "../audit/trail.js";
import { authenticateAttempt, lockedUntil } from "./authenticate.js";
import { totpOf, totpRequiredRoles } from "./totp.js";
import {
  type User,
  beginTotp,
  changePassword,
  confirmTotp,
  createUser,
  hasSecondFactor,
  removeTotp,
  totpStatus,
} from "./users.js";

const T0 = Date.parse("2026-05-04T10:00:00Z");
/** Attempts a minute apart: past each per-account wait, each in a TOTP step of its own. */
const minute = (n: number) => new Date(T0 + n * 61_000);

describe.each(DIALECTS)("TOTP second factor on %s", (dialect) => {
  const use = useStore(dialect);
  let tess: User;
  let admin: User;
  let secret: string;
  let recovery: string[];
  const codeAt = (at: Date) => totpOf(secret, "tess").generate({ timestamp: at.getTime() });
  const signIn = (
    password: string,
    at: Date,
    code?: string,
    purpose: "sign-in" | "e-signature" | "bedside-cosign" = "sign-in",
  ) => authenticateAttempt(use(), { username: "tess", password, code, purpose, address: "10.9.0.1" }, at);

  it("enrols: a new secret shown as an otpauth URI, pending until a first valid code", async () => {
    admin = await createUser(
      use(),
      { username: "ada", printedName: "Ada Admin", roles: ["admin"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    tess = await createUser(
      use(),
      { username: "tess", printedName: "Tess Quality", roles: ["quality-manager"], password: PASSWORD },
      "system",
      new Date(T0),
    );
    const e = await beginTotp(use(), tess, minute(0));
    expect(e.uri).toMatch(/^otpauth:\/\/totp\/Cradle:tess\?/);
    const uri = new URL(e.uri);
    expect(uri.searchParams.get("secret")).toBe(e.secret);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    secret = e.secret;
    // Pending: not yet a second factor; the password alone still signs in.
    expect(await hasSecondFactor(use(), "tess")).toBe(false);
    expect((await signIn(PASSWORD, minute(0))).username).toBe("tess");
    const wrong = await refusal(() => confirmTotp(use(), tess, "000000", minute(1)));
    expect(wrong.details).toMatchObject({ field: "code" });
    expect((await totpStatus(use(), "tess")).state).toBe("pending");
    const done = await confirmTotp(use(), tess, codeAt(minute(1)), minute(1));
    recovery = done.recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect(await totpStatus(use(), "tess")).toMatchObject({ state: "active", recoveryCodesLeft: 10 });
    // Recovery codes are stored hashed: none appears in the database as given.
    const stored = await use().db.selectFrom("userRecoveryCode").select("codeHash").execute();
    expect(stored.map((r) => r.codeHash)).not.toContain(recovery[0]);
    expect((await refusal(() => beginTotp(use(), tess, minute(1)))).code).toBe("TOTP_STATE");
  });

  it("judges password and code together: a missing code, a wrong password or a wrong code answer alike", async () => {
    const noCode = await refusal(() => signIn(PASSWORD, minute(2)));
    const wrongPassword = await refusal(() => signIn("not the passphrase", minute(3), codeAt(minute(3))));
    const wrongCode = await refusal(() => signIn(PASSWORD, minute(4), "123456"));
    expect(wrongPassword.code).toBe("AUTH_FAILED");
    expect(wrongCode.code).toBe("AUTH_FAILED");
    expect(wrongCode.message).toBe(wrongPassword.message);
    expect(wrongCode.details).toEqual(wrongPassword.details);
    expect(noCode.code).toBe("AUTH_FAILED");
    expect(noCode.message).toBe(wrongPassword.message);
    expect(noCode.details).toEqual(wrongPassword.details);
    const ok = await signIn(PASSWORD, minute(5), codeAt(minute(5)));
    expect(ok).toMatchObject({ username: "tess", totp: true });
  });

  it("refuses a code used before (replay), in the same step or after", async () => {
    const at = minute(10);
    const code = codeAt(at);
    expect((await signIn(PASSWORD, at, code)).username).toBe("tess");
    const again = await refusal(() => signIn(PASSWORD, new Date(at.getTime() + 1_000), code));
    expect(again.code).toBe("AUTH_FAILED");
    // The next step's code goes in.
    expect((await signIn(PASSWORD, minute(11), codeAt(minute(11)))).username).toBe("tess");
  });

  it("asks both factors for an e-signature: the password alone fails like a wrong one", async () => {
    const e = await refusal(() => signIn(PASSWORD, minute(12), undefined, "e-signature"));
    expect(e.code).toBe("AUTH_FAILED");
    expect((await signIn(PASSWORD, minute(13), codeAt(minute(13)), "e-signature")).username).toBe("tess");
  });

  it("answers a co-signer's right password without a code as a wrong password: nothing tells it was right", async () => {
    const noCode = await refusal(() => signIn(PASSWORD, minute(13.5), undefined, "bedside-cosign"));
    const wrong = await refusal(() =>
      signIn("not the password at all", minute(13.6), undefined, "bedside-cosign"),
    );
    expect(noCode.code).toBe("AUTH_FAILED");
    expect([noCode.code, noCode.message, noCode.details]).toEqual([wrong.code, wrong.message, wrong.details]);
  });

  it("takes each recovery code once, in any case and with or without its hyphen", async () => {
    const code = recovery[0] as string;
    expect((await signIn(PASSWORD, minute(14), code.toUpperCase().replace("-", ""))).username).toBe("tess");
    expect((await refusal(() => signIn(PASSWORD, minute(15), code))).code).toBe("AUTH_FAILED");
    expect((await totpStatus(use(), "tess")).recoveryCodesLeft).toBe(9);
    expect((await signIn(PASSWORD, minute(16), recovery[1])).username).toBe("tess");
    const used = (await auditOf(use(), "user", "tess")).filter((e) => e.action === "user.recovery-code-used");
    expect(used).toHaveLength(2);
  });

  it("lets a user with TOTP choose an 8-character password (NIST's minimum with a second factor)", async () => {
    await changePassword(use(), "tess", PASSWORD, "kq7#vLmz", { code: codeAt(minute(17)), at: minute(17) });
    expect((await signIn("kq7#vLmz", minute(18), codeAt(minute(18)))).username).toBe("tess");
    await changePassword(use(), "tess", "kq7#vLmz", PASSWORD, { code: codeAt(minute(19)), at: minute(19) });
  });

  it("counts wrong codes toward the lockout and audits each; locked, the right code is refused", async () => {
    for (let i = 0; i < 5; i++) {
      const e = await refusal(() => signIn(PASSWORD, minute(20 + i), String(100000 + i)));
      expect(e.code).toBe("AUTH_FAILED");
    }
    expect(await lockedUntil(use(), "tess", minute(25))).toBeDefined();
    const right = await refusal(() => signIn(PASSWORD, minute(26), codeAt(minute(26))));
    expect(right.code).toBe("AUTH_FAILED");
    const events = await auditOf(use(), "user", "tess");
    expect(events.filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("100000");
  });

  it("lets an admin alone remove a lost device's TOTP, audited with the reason", async () => {
    const nurse = {
      username: "nina",
      printedName: "Nina",
      roles: ["nurse" as const],
      mustChangePassword: false,
    };
    expect((await refusal(() => removeTotp(use(), "tess", nurse, "lost phone", minute(30)))).code).toBe(
      "FORBIDDEN",
    );
    expect(await removeTotp(use(), "tess", admin, "phone lost on the ward", minute(30))).toEqual({
      username: "tess",
      removed: true,
    });
    expect(await hasSecondFactor(use(), "tess")).toBe(false);
    expect(await totpStatus(use(), "tess")).toMatchObject({ state: "none", recoveryCodesLeft: 0 });
    const removal = (await auditOf(use(), "user", "tess")).find((e) => e.action === "user.totp-remove");
    expect(removal).toMatchObject({ actor: "ada", reason: "phone lost on the ward" });
  });
});

describe("roles that must enrol", () => {
  it("reads CRADLE_TOTP_REQUIRED_ROLES and refuses a role Cradle does not have", () => {
    expect(totpRequiredRoles(undefined)).toEqual([]);
    expect(totpRequiredRoles("admin,quality-manager")).toEqual(["admin", "quality-manager"]);
    expect(() => totpRequiredRoles("admin,qa")).toThrow(/"qa" is not a role/);
  });
});
