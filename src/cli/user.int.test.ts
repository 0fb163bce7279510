/** `cradle user`: the roles come from ROLES (help and checks alike); a refused user is not written. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { ROLES } from "../accounts/roles.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-user-"));
const ENV = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "users.db")}` };

describe("cradle user", () => {
  it("--help lists every role, nurse included", async () => {
    const r = await cradle(["user", "add", "--help"]);
    for (const role of ROLES) expect(r.out).toContain(role);
  });

  it("refuses an unknown role naming the option, writes nothing, then adds the first user", async () => {
    const bad = await cradle(
      ["user", "add", "nina", "--name", "Nina Nurse", "--roles", "nurse,nurze"],
      undefined,
      undefined,
      {
        ...ENV,
        CRADLE_NEW_PASSWORD: "nurse password 1",
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      '--roles.1 "nurze" is not one of: admin, lab-technologist, physician, coordinator, nurse',
    );
    // No user was written: the first user can still be added without signing in.
    const ok = await cradle(
      ["user", "add", "nina", "--name", "Nina Nurse", "--roles", "nurse"],
      undefined,
      undefined,
      {
        ...ENV,
        CRADLE_NEW_PASSWORD: "nurse password 1",
      },
    );
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain("user nina (Nina Nurse): nurse");
  });

  it("reads the audit trail only for its readers", async () => {
    const r = await cradle(["audit", "log"], undefined, undefined, {
      ...ENV,
      CRADLE_USER: "nina",
      CRADLE_PASSWORD: "nurse password 1",
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain("FORBIDDEN");
  });

  it("locks an account after 5 failed sign-ins; `cradle user unlock` lets it in again", async () => {
    const env = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "unlock.db")}` };
    const admin = { ...env, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin passphrase 1" };
    const add = (name: string, roles: string, as: Record<string, string>, password: string) =>
      cradle(["user", "add", name, "--name", `${name} Person`, "--roles", roles], undefined, undefined, {
        ...as,
        CRADLE_NEW_PASSWORD: password,
      });
    expect((await add("ada", "admin", env, "admin passphrase 1")).code).toBe(0);
    expect((await add("vic", "nurse", admin, "harbour lantern passphrase")).code).toBe(0);
    const asVic = (password: string) =>
      cradle(["audit", "log"], undefined, undefined, {
        ...env,
        CRADLE_USER: "vic",
        CRADLE_PASSWORD: password,
      });
    // Five counted failures lock the account; a guess sent before the escalating wait has passed is
    // refused RATE_LIMITED without being checked or counted, so guess until five were counted.
    let counted = 0;
    for (let i = 0; counted < 5 && i < 40; i++) {
      const err = (await asVic(`guess ${i}`)).err;
      expect(err).toMatch(/AUTH_FAILED|RATE_LIMITED/);
      if (err.includes("AUTH_FAILED")) counted++;
    }
    expect(counted).toBe(5);
    expect((await asVic("harbour lantern passphrase")).err).toMatch(/AUTH_FAILED|RATE_LIMITED/);
    const nope = await cradle(["user", "unlock", "vic", "--reason", "help desk"], undefined, undefined, {
      ...env,
      CRADLE_USER: "vic",
      CRADLE_PASSWORD: "harbour lantern passphrase",
    });
    expect(nope.code).not.toBe(0);
    const unlocked = await cradle(
      ["user", "unlock", "vic", "--reason", "help desk call"],
      undefined,
      undefined,
      admin,
    );
    expect(unlocked.code, unlocked.err).toBe(0);
    expect(unlocked.out).toContain("user vic unlocked");
    expect((await asVic("harbour lantern passphrase")).err).not.toMatch(/AUTH_FAILED|RATE_LIMITED/);
  });
});
