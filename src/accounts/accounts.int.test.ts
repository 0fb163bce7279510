/**
 * Accounts on every dialect: the schemas refuse bad input naming the field, never repeating a password, and
 * write nothing; the first-user, must-change-password and admin rules are the service's.
 */
import { describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { refusal } from "../../test/support/expect-code.js";
import { readAudit } from "../audit/reads.js";
import { auditCount } from "../audit/trail.js";
import type { Store } from "../store/connect.js";
import {
  type User,
  addUser,
  authenticate,
  changePassword,
  countUsers,
  ensureFirstAdmin,
  listUsers,
  passwordChangeRefusal,
} from "./users.js";

const AT = new Date("2026-03-01T09:00:00Z");

/** How many users and audit events there are: a refusal changes neither. */
const written = async (store: Store) => [await countUsers(store), await auditCount(store)];

/** The admin sees no patient or donor values in the trail (issue 15). */
const NO_SIGHT = { patients: false, donors: false };

describe.each(DIALECTS)("accounts on %s", (dialect) => {
  const use = useStore(dialect);
  let admin: User;

  it("adds the first user with no one signed in; after that only an admin may", async () => {
    admin = await addUser(
      use(),
      { username: "ada", printedName: "Ada Admin", roles: ["admin"], password: "admin password 1" },
      undefined,
      AT,
    );
    expect(admin.mustChangePassword).toBe(false);
    const second = {
      username: "nina",
      printedName: "Nina Nurse",
      roles: ["nurse" as const],
      password: "nurse passphrase 12",
    };
    expect((await refusal(() => addUser(use(), second, undefined, AT))).code).toBe("AUTH_REQUIRED");
    const nina = await addUser(use(), second, admin, AT);
    expect(nina).toMatchObject({ roles: ["nurse"], mustChangePassword: true });
    expect((await refusal(() => addUser(use(), { ...second, username: "nils" }, nina, AT))).code).toBe(
      "FORBIDDEN",
    );
    expect(passwordChangeRefusal(nina)?.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect(passwordChangeRefusal(admin)).toBeUndefined();
  });

  it("refuses bad input naming the field and the reason, and writes nothing", async () => {
    const before = await written(use());
    const good = {
      username: "quinn",
      printedName: "Quinn Quality",
      roles: ["quality-manager"],
      password: "quality passphrase 12",
    };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...good, roles: ["__proto__"] }, "roles.0", /is not one of: admin, .*nurse/],
      [{ ...good, roles: ["toString"] }, "roles.0", /is not one of/],
      [{ ...good, roles: [] }, "roles", /fewer than 1/],
      [{ ...good, username: "Quinn" }, "username", /2-40 lower-case letters/],
      [{ ...good, username: "q" }, "username", /shorter than 2/],
      [{ ...good, username: "q".repeat(41) }, "username", /longer than 40/],
      [{ ...good, printedName: "x".repeat(201) }, "printedName", /longer than 200/],
      [{ ...good, printedName: "Quinn\u0000" }, "printedName", /control character/],
      // Shown reversed ("Dr Bob" stored, another name displayed) on every signature it signs.
      [{ ...good, printedName: "Dr \u202eboB" }, "printedName", /text-direction override/],
      [{ ...good, printedName: "Quinn\u0085" }, "printedName", /control character/],
      [{ ...good, password: "secret pass\u0007word" }, "password", /control character/],
      [{ ...good, password: "p".repeat(257) }, "password", /257 characters, at most 256/],
      [{ ...good, admin: true }, "admin", /not a known field/],
    ];
    for (const [input, field, reason] of cases) {
      const e = await refusal(() => addUser(use(), input as never, admin, AT));
      expect(e.code, field).toBe("INVALID_INPUT");
      expect(e.details.field, JSON.stringify(input)).toBe(field);
      expect(e.message).toMatch(reason);
      // A password is never repeated, not even in part.
      expect(e.message).not.toContain("secret pass");
      expect(JSON.stringify(e.details)).not.toContain("secret pass");
    }
    expect(await written(use())).toEqual(before);
  });

  it("accepts a 64-character passphrase with spaces and any printable characters", async () => {
    const passphrase = "correct horse battery staple — ünïcødé & symbols !@#$%^&*() 12345".slice(0, 64);
    expect(passphrase).toHaveLength(64);
    await addUser(
      use(),
      { username: "pat", printedName: "Pat Physician", roles: ["physician"], password: passphrase },
      admin,
      AT,
    );
    expect((await authenticate(use(), "pat", passphrase)).username).toBe("pat");
  });

  it("refuses a short or control-character new password without changing the old one", async () => {
    const before = await written(use());
    const short = await refusal(() => changePassword(use(), "ada", "admin password 1", "short"));
    expect(short.details.field).toBe("newPassword");
    const ctl = await refusal(() => changePassword(use(), "ada", "admin password 1", "new\npassword 123"));
    expect(ctl.details.field).toBe("newPassword");
    expect(ctl.message).not.toContain("password 123");
    expect(await written(use())).toEqual(before);
    expect((await authenticate(use(), "ada", "admin password 1")).username).toBe("ada");
  });

  it("holds new and changed passwords to the policy: each reason named, nothing written", async () => {
    const before = await written(use());
    const good = { username: "quinn", printedName: "Quinn Quality", roles: ["quality-manager" as const] };
    const cases: [string, RegExp][] = [
      ["fourteen chars", /14 characters, at least 15/],
      ["1qaz2wsx3edc4rfv", /^password is on the list of common or breached passwords$/],
      ["quinn the quality manager", /^password contains the user name$/],
    ];
    for (const [password, reason] of cases) {
      const e = await refusal(() => addUser(use(), { ...good, password }, admin, AT));
      expect(e.details).toMatchObject({ field: "password" });
      expect(e.details.reason).toMatch(reason);
      expect(e.message).not.toContain(password);
      const c = await refusal(() =>
        changePassword(use(), "ada", "admin password 1", password.replace("quinn", "ada")),
      );
      expect(c.details).toMatchObject({ field: "newPassword" });
    }
    expect(await written(use())).toEqual(before);
    expect((await authenticate(use(), "ada", "admin password 1")).username).toBe("ada");
  });

  it("refuses an over-long or control-character user name at sign-in as bad input", async () => {
    expect((await refusal(() => authenticate(use(), "a".repeat(65), "x"))).details.field).toBe("username");
    expect((await refusal(() => authenticate(use(), "ada\u0000", "x"))).details.field).toBe("username");
  });

  it("lists users to admins only; the audit trail to its readers only, with a bounded page", async () => {
    const nina = (await listUsers(use(), admin)).find((u) => u.username === "nina");
    expect(nina).toMatchObject({ roles: ["nurse"], disabled: false });
    const nurse = {
      username: "nina",
      printedName: "Nina Nurse",
      roles: ["nurse" as const],
      mustChangePassword: false,
    };
    expect((await refusal(() => listUsers(use(), nurse))).code).toBe("FORBIDDEN");
    expect((await refusal(() => readAudit(use(), nurse, {}, NO_SIGHT))).code).toBe("FORBIDDEN");
    const page = await readAudit(use(), admin, { limit: 2 }, NO_SIGHT);
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
    for (const [query, field] of [
      [{ limit: 501 }, "limit"],
      [{ limit: Number.POSITIVE_INFINITY }, "limit"],
      [{ limit: 1.5 }, "limit"],
      [{ offset: -1 }, "offset"],
      [{ entity: "product" }, "entity"],
    ] as const) {
      const e = await refusal(() => readAudit(use(), admin, query, NO_SIGHT));
      expect(e.details.field, JSON.stringify(query)).toBe(field);
    }
  });
});

describe.each(DIALECTS)("the first start's admin on %s", (dialect) => {
  const use = useStore(dialect);

  it("refuses a CRADLE_ADMIN_PASSWORD the policy refuses, creating no one; a one-time password passes", async () => {
    const e = await refusal(() => ensureFirstAdmin(use(), "admin password e2e", AT));
    expect(e.details).toMatchObject({
      field: "CRADLE_ADMIN_PASSWORD",
      reason: "password contains the user name",
    });
    expect(await countUsers(use())).toBe(0);
    const made = await ensureFirstAdmin(use(), undefined, AT);
    if (made === undefined || made === "given") throw new Error("expected a one-time password");
    expect(made.oneTimePassword.length).toBeGreaterThanOrEqual(15);
    expect((await authenticate(use(), "admin", made.oneTimePassword)).mustChangePassword).toBe(true);
  });
});
