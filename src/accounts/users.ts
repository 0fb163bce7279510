/**
 * Users and their roles. Every write in Cradle is made by a user whose name the audit trail records;
 * electronic signatures re-authenticate with the password (21 CFR 11.200: ID and password).
 */
import { randomBytes } from "node:crypto";
import { appendAudit } from "../audit/trail.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { hashPassword, verifyPassword } from "./passwords.js";

export const ROLES = [
  "admin",
  "lab-technologist",
  "physician",
  "coordinator",
  "nurse",
  "quality-manager",
  "researcher",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  username: string;
  /** The name printed with each of the user's signatures (21 CFR 11.50). */
  printedName: string;
  roles: Role[];
  mustChangePassword: boolean;
}

/** A user who has just given user name and password: may sign (see audit/signatures). */
export interface AuthenticatedUser extends User {
  authenticatedAt: Date;
}

export interface NewUser {
  username: string;
  printedName: string;
  roles: Role[];
  password: string;
  mustChangePassword?: boolean;
}

const USERNAME = /^[a-z][a-z0-9._-]{1,39}$/;
/** Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new CradleError(
      "INVALID_INPUT",
      `password: ${password.length} characters, at least ${MIN_PASSWORD_LENGTH} are needed`,
      { field: "password" },
    );
  }
}

export function parseRoles(text: string): Role[] {
  const roles = text
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) {
      throw new CradleError("INVALID_INPUT", `role "${r}" is not one of ${ROLES.join(", ")}`, {
        field: "roles",
        value: r,
      });
    }
  }
  if (roles.length === 0)
    throw new CradleError("INVALID_INPUT", "roles: at least one role", { field: "roles" });
  return roles as Role[];
}

/** Creates a user; `by` is the admin who does it ("system" for the first start). */
export async function createUser(store: Store, u: NewUser, by: string, at: Date): Promise<User> {
  if (!USERNAME.test(u.username)) {
    throw new CradleError(
      "INVALID_INPUT",
      `username "${u.username}": 2-40 characters, lower-case letters, digits, ".", "_" or "-", starting with a letter`,
      { field: "username", value: u.username },
    );
  }
  if (u.printedName.trim().length < 2) {
    throw new CradleError("INVALID_INPUT", "printedName: the name printed with signatures is required", {
      field: "printedName",
    });
  }
  const roles = parseRoles(u.roles.join(","));
  checkPassword(u.password);
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
  return {
    username: row.username,
    printedName: row.printedName,
    roles: row.roles.split(",") as Role[],
    mustChangePassword: row.mustChangePassword === 1,
  };
}

/** Checks a user name and password; the same error for an unknown user and a wrong password. */
export async function authenticate(
  store: Store,
  username: string,
  password: string,
  at = new Date(),
): Promise<AuthenticatedUser> {
  const row = await store.db
    .selectFrom("userAccount")
    .selectAll()
    .where("username", "=", username)
    .executeTakeFirst();
  const ok = row !== undefined && row.disabled === 0 && (await verifyPassword(password, row.passwordHash));
  if (!ok || !row) {
    throw new CradleError("AUTH_FAILED", `sign-in as "${username}" failed: wrong user name or password`, {
      field: "password",
      username,
    });
  }
  return {
    username: row.username,
    printedName: row.printedName,
    roles: row.roles.split(",") as Role[],
    mustChangePassword: row.mustChangePassword === 1,
    authenticatedAt: at,
  };
}

export async function changePassword(
  store: Store,
  username: string,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  await authenticate(store, username, oldPassword);
  checkPassword(newPassword);
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
    // The hash itself never enters the trail; the fact of the change does.
    await appendAudit(tx, {
      actor: username,
      action: "user.change-password",
      entityType: "user",
      entityId: username,
      at: new Date(),
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

/** Every user with roles and state, for administration (never the password hash). */
export async function listUsers(store: Store) {
  const rows = await store.db
    .selectFrom("userAccount")
    .select(["username", "printedName", "roles", "disabled", "mustChangePassword", "createdAt"])
    .orderBy("username")
    .execute();
  return rows.map((r) => ({
    ...r,
    roles: r.roles.split(",") as Role[],
    disabled: r.disabled === 1,
    mustChangePassword: r.mustChangePassword === 1,
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
  const password = givenPassword ?? randomBytes(12).toString("base64url");
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
