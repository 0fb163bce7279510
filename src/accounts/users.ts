/**
 * Users and their roles. Every write in Cradle is made by a user whose name the audit trail records;
 * electronic signatures re-authenticate with the password (21 CFR 11.200: ID and password).
 */
import { appendAudit } from "../audit/trail.js";
import { check, refusalOf } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type AuthPurpose, type AuthenticatedUser, authenticateAttempt } from "./authenticate.js";
import { checkPasswordPolicy, oneTimePassword } from "./password-policy.js";
import { hashPassword } from "./passwords.js";
import { type Role, USER_ADMINS } from "./roles.js";
import {
  ChangePasswordSchema,
  type NewUser,
  NewUserSchema,
  RolesSchema,
  type User,
  type UserListItem,
  UsernameSchema,
} from "./schemas.js";
import { endSessionsOf } from "./sessions.js";
import { hasSecondFactor, mustEnrolTotp } from "./totp.js";

export { ROLES, type Role, USER_ADMINS } from "./roles.js";
export type { User, NewUser } from "./schemas.js";
export { MIN_PASSWORD_LENGTH } from "./schemas.js";
export { checkPasswordPolicy, oneTimePassword } from "./password-policy.js";

export {
  authenticateAttempt,
  unlockUser,
  lockedUntil,
  type AuthAttempt,
  type AuthPurpose,
} from "./authenticate.js";
export type { AuthenticatedUser } from "./authenticate.js";

/**
 * The password policy (password-policy.ts, NIST SP 800-63B-4) for a password being set, before the schema:
 * a short password is told the policy's length (15), not the schema's floor (8). Never quotes the password.
 */
export function checkNewPassword(
  password: unknown,
  field: string,
  username: unknown,
  secondFactor = false,
): void {
  if (typeof password === "string" && refusalOf(UsernameSchema, username) === null) {
    checkPasswordPolicy(password, { username: username as string, secondFactor, field });
  }
}
export {
  beginTotp,
  confirmTotp,
  hasSecondFactor,
  removeTotp,
  totpEnrolmentRefusal,
  totpQrSvg,
  totpStatus,
} from "./totp.js";

/** Roles from a comma-separated list (the CLI's --roles), checked against ROLES. */
export function parseRoles(text: string): Role[] {
  const roles = text
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  return check(RolesSchema, roles, "roles");
}

/** Creates a user; `by` is the admin who does it ("system" for the first start), `reason` why. */
export async function createUser(
  store: Store,
  input: NewUser,
  by: string,
  at: Date,
  reason?: string,
): Promise<User> {
  const raw = input as Partial<NewUser> | undefined;
  checkNewPassword(raw?.password, "password", raw?.username);
  const u = check(NewUserSchema, input);
  if (u.printedName.trim().length < 2) {
    throw new CradleError("INVALID_INPUT", "printedName: the name printed with signatures is required", {
      field: "printedName",
    });
  }
  const roles = [...new Set(u.roles)];
  const passwordHash = await hashPassword(u.password);
  const existing = await store.db
    .selectFrom("userAccount")
    .select("username")
    .where("username", "=", u.username)
    .executeTakeFirst();
  if (existing) {
    throw new CradleError("USER_EXISTS", `user "${u.username}" already exists`, {
      field: "username",
      value: u.username,
    });
  }
  const user: User = {
    username: u.username,
    printedName: u.printedName.trim(),
    roles,
    mustChangePassword: !!u.mustChangePassword,
  };
  await store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("userAccount")
      .values({
        username: user.username,
        printedName: user.printedName,
        roles: roles.join(","),
        passwordHash,
        mustChangePassword: user.mustChangePassword ? 1 : 0,
        disabled: 0,
        createdAt: at.toISOString(),
      })
      .execute();
    await appendAudit(tx, {
      actor: by,
      action: "user.create",
      entityType: "user",
      entityId: user.username,
      after: user,
      ...(reason ? { reason } : {}),
      at,
    });
  });
  return user;
}

export async function countUsers(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom("userAccount")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findUser(store: Store, username: string): Promise<User | undefined> {
  const row = await store.db
    .selectFrom("userAccount")
    .selectAll()
    .where("username", "=", username)
    .executeTakeFirst();
  if (!row || row.disabled) return undefined;
  const roles = row.roles.split(",") as Role[];
  const totp = await hasSecondFactor(store, username);
  return {
    username: row.username,
    printedName: row.printedName,
    roles,
    mustChangePassword: row.mustChangePassword === 1,
    totp,
    mustEnrolTotp: mustEnrolTotp(roles, totp),
  };
}

/**
 * Checks a user name and password through the one authentication path (authenticate.ts): throttled,
 * counted toward the account's lockout, audited on failure, the same AUTH_FAILED for every reason.
 */
export async function authenticate(
  store: Store,
  username: string,
  password: string,
  at = new Date(),
  how: { purpose?: AuthPurpose; address?: string | undefined; code?: string | undefined } = {},
): Promise<AuthenticatedUser> {
  return authenticateAttempt(
    store,
    { username, password, purpose: how.purpose ?? "e-signature", address: how.address, code: how.code },
    at,
  );
}

export async function changePassword(
  store: Store,
  username: string,
  oldPassword: string,
  newPassword: string,
  how: { address?: string | undefined; code?: string | undefined; at?: Date } = {},
): Promise<void> {
  const at = how.at ?? new Date();
  checkNewPassword(newPassword, "newPassword", username, await hasSecondFactor(store, username));
  check(ChangePasswordSchema, {
    oldPassword,
    newPassword,
    ...(how.code !== undefined ? { code: how.code } : {}),
  });
  await authenticate(store, username, oldPassword, at, {
    purpose: "password-change",
    address: how.address,
    code: how.code,
  });
  if (newPassword === oldPassword) {
    throw new CradleError("INVALID_INPUT", "password: the new password must differ from the old one", {
      field: "password",
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await store.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("userAccount")
      .set({ passwordHash, mustChangePassword: 0 })
      .where("username", "=", username)
      .execute();
    // Whoever holds a session opened with the old password holds it no longer, on any server.
    await endSessionsOf(tx, username);
    // The hash itself never enters the trail; the fact of the change does.
    await appendAudit(tx, {
      actor: username,
      action: "user.change-password",
      entityType: "user",
      entityId: username,
      at,
    });
  });
}

/** Refuses unless the user holds one of the roles. */
export function requireRole(user: User, allowed: readonly Role[], action: string): void {
  if (!user.roles.some((r) => allowed.includes(r))) {
    throw new CradleError(
      "FORBIDDEN",
      `${user.username} (${user.roles.join(", ")}) may not ${action}: it needs ${allowed.join(" or ")}`,
      { username: user.username, action, allowed },
    );
  }
}

/**
 * Every user with roles and state (disabled, locked, one-time password pending, last sign-in), for
 * administration (never the password hash): admins only.
 */
export async function listUsers(store: Store, by: User, at = new Date()): Promise<UserListItem[]> {
  requireRole(by, USER_ADMINS, "list users");
  const rows = await store.db
    .selectFrom("userAccount")
    .select([
      "username",
      "printedName",
      "roles",
      "disabled",
      "mustChangePassword",
      "createdAt",
      "lastSignInAt",
    ])
    .orderBy("username")
    .execute();
  const locks = await store.db
    .selectFrom("authThrottle")
    .select(["key", "lockedUntil"])
    .where("key", "like", "user:%")
    .where("lockedUntil", ">", at.toISOString())
    .execute();
  const lockedUntil = new Map(locks.map((l) => [l.key.slice("user:".length), l.lockedUntil]));
  return rows.map((r) => ({
    ...r,
    roles: r.roles.split(",") as Role[],
    disabled: r.disabled !== 0,
    mustChangePassword: r.mustChangePassword === 1,
    lastSignInAt: r.lastSignInAt ?? null,
    lockedUntil: lockedUntil.get(r.username) ?? null,
  }));
}

/**
 * On a first start (no users at all) creates user admin: with the given password, or else with a random
 * one-time password that must be changed at first sign-in, returned so the caller can show it once.
 * Does nothing when any user exists.
 */
export async function ensureFirstAdmin(
  store: Store,
  givenPassword: string | undefined,
  at: Date,
): Promise<"given" | { oneTimePassword: string } | undefined> {
  if ((await countUsers(store)) > 0) return undefined;
  if (givenPassword !== undefined) {
    checkPasswordPolicy(givenPassword, { username: "admin", field: "CRADLE_ADMIN_PASSWORD" });
  }
  const password = givenPassword ?? oneTimePassword("admin");
  await createUser(
    store,
    {
      username: "admin",
      printedName: "Administrator",
      roles: ["admin"],
      password,
      mustChangePassword: !givenPassword,
    },
    "system",
    at,
  );
  return givenPassword ? "given" : { oneTimePassword: password };
}

/** Whether adding a user needs an admin signed in: every time but the first (a fresh database). */
export async function addingNeedsAdmin(store: Store): Promise<boolean> {
  return (await countUsers(store)) > 0;
}

/**
 * Adds a user. The first user of a fresh database is added by no one ("system"); after that only an admin
 * may add users, and a user added by someone else must change the password at first sign-in.
 */
export async function addUser(
  store: Store,
  input: Omit<NewUser, "mustChangePassword">,
  by: User | undefined,
  at: Date,
  reason?: string,
): Promise<User> {
  if (by === undefined) {
    if (await addingNeedsAdmin(store)) {
      throw new CradleError("AUTH_REQUIRED", "users exist already: an admin must sign in to add one", {
        field: "user",
      });
    }
  } else requireRole(by, USER_ADMINS, "add users");
  const mustChangePassword = by !== undefined && by.username !== input.username;
  return createUser(store, { ...input, mustChangePassword }, by?.username ?? "system", at, reason);
}

/**
 * A user who signed in with a one-time password may do nothing but change it: the refusal, or undefined
 * when the user may go on.
 */
export function passwordChangeRefusal(user: User): CradleError | undefined {
  return user.mustChangePassword
    ? new CradleError("PASSWORD_CHANGE_REQUIRED", "change your password first (POST /api/session/password)", {
        username: user.username,
      })
    : undefined;
}

/**
 * An account's standing as the bedside rules need it (roles, disabled, one-time password pending), read
 * without a password: a check refused for a person's standing is recorded naming that person.
 */
export async function accountStanding(
  store: Store,
  username: string,
): Promise<{ roles: Role[]; mustChangePassword: boolean; disabled: boolean } | undefined> {
  const row = await store.db
    .selectFrom("userAccount")
    .select(["roles", "mustChangePassword", "disabled"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    roles: row.roles.split(",") as Role[],
    mustChangePassword: row.mustChangePassword === 1,
    disabled: row.disabled !== 0,
  };
}
