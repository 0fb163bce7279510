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
      cradle(
        ["user", "add", name, "--name", `${name} Person`, "--roles", roles, "--reason", "new starter"],
        undefined,
        undefined,
        {
          ...as,
          CRADLE_NEW_PASSWORD: password,
        },
      );
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

  it("administers accounts: a reason is required, each change is made and printed, refusals exit 2", async () => {
    const env = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "admin.db")}` };
    const admin = { ...env, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin passphrase 1" };
    const run = (args: string[], as: Record<string, string> = admin) =>
      cradle(["user", ...args], undefined, undefined, as);
    expect(
      (
        await run(["add", "ada", "--name", "Ada Admin", "--roles", "admin"], {
          ...env,
          CRADLE_NEW_PASSWORD: "admin passphrase 1",
        })
      ).code,
    ).toBe(0);
    const noReason = await run(["add", "otto", "--name", "Otto Orderly", "--roles", "nurse"]);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain("--reason");
    const added = await run([
      "add",
      "otto",
      "--name",
      "Otto Orderly",
      "--roles",
      "nurse",
      "--reason",
      "new starter",
    ]);
    expect(added.code, added.err).toBe(0);
    const otp = /one-time password \(shown once, to be changed at first sign-in\): (\S+)/.exec(
      added.out,
    )?.[1];
    expect(otp).toBeDefined();
    const blank = await run(["disable", "otto", "--reason", "  "]);
    expect(blank.code).toBe(2);
    expect(blank.err).toContain("--reason");
    expect((await run(["disable", "otto", "--reason", "left"])).out).toContain("user otto disabled");
    const self = await run(["disable", "ada", "--reason", "oops"]);
    expect(self.code).not.toBe(0);
    expect(self.err).toContain("OWN_ACCOUNT");
    const last = await run(["roles", "ada", "--roles", "auditor", "--reason", "step down"]);
    expect(last.err).toContain("LAST_ADMIN");
    const listed = await run(["list"]);
    expect(listed.out).toMatch(
      /otto\tOtto Orderly\tnurse\tdisabled, one-time password pending\tlast sign-in never/,
    );
    // The admin signed in through the CLI for each command: that counts as a sign-in too.
    expect(listed.out).toMatch(/^ada\t.*\tlast sign-in \d{4}-\d\d-\d\dT/m);
    expect((await run(["enable", "otto", "--reason", "back"])).out).toContain("user otto enabled");
    expect((await run(["roles", "otto", "--roles", "nurse,coordinator", "--reason", "cover"])).out).toContain(
      "user otto: nurse, coordinator",
    );
    const reset = await run(["reset-password", "otto", "--reason", "forgot"]);
    expect(reset.out).toMatch(/one-time password for otto .*: \S{16,}/);
    expect((await run(["end-sessions", "otto", "--reason", "badge lost"])).out).toContain(
      "0 session(s) of otto ended",
    );
    const log = await cradle(["audit", "log"], undefined, undefined, admin);
    for (const action of [
      "user.disable",
      "user.enable",
      "user.roles",
      "user.reset-password",
      "user.end-sessions",
      "user.refused",
    ])
      expect(log.out).toContain(action);
  });
});
