/**
 * An admin's operations on accounts (issue 15): add, disable and enable, change roles, reset the password
 * (a one-time password shown once, to be changed at next sign-in), end sessions. Each needs a reason and is
 * one audit event naming who did it and why; each refusal is an audit event too (user.refused). Every
 * change that takes rights away ends the user's sessions in the same transaction, so no server admits them
 * on the next request.
 *
 * Refused: an admin disabling their own account, and any change that leaves no active (enabled) admin.
 */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError, isCradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";
import { write } from "../store/write.js";
import { oneTimePassword } from "./password-policy.js";
import { hashPassword } from "./passwords.js";
import { type Role, USER_ADMINS } from "./roles.js";
import {
  type AccountChange,
  AccountChangeSchema,
  type AccountState,
  type AddUser,
  AddUserSchema,
  type AddedUser,
  type PasswordReset,
  type RolesChange,
  RolesChangeSchema,
  type SessionsEnded,
  type User,
} from "./schemas.js";
import { endSessionsOf } from "./sessions.js";
import { checkNewPassword, createUser, requireRole } from "./users.js";

/** A one-time password: 96 random bits, 16 characters, above any length the policy asks. */

interface Account {
  username: string;
  printedName: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
}

async function readAccount(tx: Tx, username: string): Promise<Account> {
  const row = await tx
    .selectFrom("userAccount")
    .select(["username", "printedName", "roles", "disabled", "mustChangePassword"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!row)
    throw new CradleError("USER_NOT_FOUND", `no user "${username}"`, { field: "username", value: username });
  return {
    username: row.username,
    printedName: row.printedName,
    roles: row.roles.split(",") as Role[],
    disabled: row.disabled !== 0,
    mustChangePassword: row.mustChangePassword === 1,
  };
}

const isAdmin = (roles: readonly Role[]) => roles.some((r) => (USER_ADMINS as readonly Role[]).includes(r));

async function activeAdmins(tx: Tx): Promise<number> {
  const rows = await tx.selectFrom("userAccount").select("roles").where("disabled", "=", 0).execute();
  return rows.filter((r) => isAdmin(r.roles.split(",") as Role[])).length;
}

type Action = "user.disable" | "user.enable" | "user.roles" | "user.reset-password" | "user.end-sessions";

interface Change {
  /** The columns to set; none for ending sessions. */
  set?: { disabled?: number; roles?: string; passwordHash?: string; mustChangePassword?: number };
  /** What the trail records after the change (never a password or its hash). */
  after: Record<string, unknown>;
}

/** Records a refused operation: who asked what of whom, why they said, and the refusal's code. */
async function recordRefusal(
  store: Store,
  by: User,
  action: string,
  username: string,
  reason: unknown,
  e: CradleError,
  at: Date,
): Promise<void> {
  await write(store, (tx) =>
    appendAudit(tx, {
      actor: by.username,
      action: "user.refused",
      entityType: "user",
      entityId: String(username).slice(0, 100),
      after: { action, code: e.code, message: e.message },
      ...(typeof reason === "string" && reason.trim() !== "" ? { reason: reason.slice(0, 500) } : {}),
      at,
    }),
  );
}

/** Runs an admin's operation; a refusal of any kind is recorded before it is thrown. */
async function audited<T>(
  store: Store,
  by: User,
  action: string,
  username: string,
  reason: unknown,
  at: Date,
  run: () => Promise<T>,
): Promise<T> {
  try {
    requireRole(by, USER_ADMINS, `${action.replace("user.", "")} users`);
    return await run();
  } catch (e) {
    // Malformed input is refused before anything is asked of the accounts; it changes nothing, not even the trail.
    if (isCradleError(e) && e.code !== "INVALID_INPUT")
      await recordRefusal(store, by, action, username, reason, e, at);
    throw e;
  }
}

/**
 * One change to one account in one transaction: the account as it was, the audit event (which orders
 * concurrent audited writes: it updates the trail's head row first), the account read again (a change made
 * meanwhile is refused, not overwritten), the update, the last-admin rule on the result, and the end of
 * the user's sessions.
 */
async function changeAccount(
  store: Store,
  by: User,
  action: Action,
  username: string,
  reason: string,
  at: Date,
  plan: (a: Account) => Change,
): Promise<{ account: Account; sessionsEnded: number }> {
  return write(store, async (tx) => {
    const before = await readAccount(tx, username);
    const change = plan(before);
    await appendAudit(tx, {
      actor: by.username,
      action,
      entityType: "user",
      entityId: username,
      before: {
        roles: before.roles,
        disabled: before.disabled,
        mustChangePassword: before.mustChangePassword,
      },
      after: change.after,
      reason,
      at,
    });
    const now = await readAccount(tx, username);
    if (JSON.stringify(now) !== JSON.stringify(before)) {
      throw new CradleError(
        "ACCOUNT_CHANGED",
        `user "${username}" changed while this change was made: look again`,
        {
          username,
        },
      );
    }
    if (change.set)
      await tx.updateTable("userAccount").set(change.set).where("username", "=", username).execute();
    if ((await activeAdmins(tx)) === 0) {
      throw new CradleError(
        "LAST_ADMIN",
        `refused: ${username} is the last active admin; make another admin first`,
        {
          username,
          action,
        },
      );
    }
    const sessionsEnded = await endSessionsOf(tx, username);
    return { account: await readAccount(tx, username), sessionsEnded };
  });
}

function accountView(a: Account): User {
  return {
    username: a.username,
    printedName: a.printedName,
    roles: a.roles,
    mustChangePassword: a.mustChangePassword,
  };
}

/** An admin adds a user: with the given password, or a one-time password made here and answered once. */
export async function addAccount(store: Store, input: AddUser, by: User, at: Date): Promise<AddedUser> {
  const username = (input as Partial<AddUser> | undefined)?.username ?? "";
  return audited(store, by, "user.create", String(username), input?.reason, at, async () => {
    checkNewPassword((input as Partial<AddUser> | undefined)?.password, "password", username);
    const u = check(AddUserSchema, input);
    const made = u.password === undefined ? oneTimePassword(u.username) : undefined;
    const user = await createUser(
      store,
      {
        username: u.username,
        printedName: u.printedName,
        roles: u.roles,
        password: u.password ?? (made as string),
        // A password an admin knows is the admin's, not the user's: changed at first sign-in either way.
        mustChangePassword: true,
      },
      by.username,
      at,
      u.reason,
    );
    return { user, ...(made ? { oneTimePassword: made } : {}) };
  });
}

/** Disables an account: it can no longer sign in, sign or co-sign; its sessions end now. */
export function disableUser(
  store: Store,
  username: string,
  input: AccountChange,
  by: User,
  at: Date,
): Promise<AccountState> {
  return setDisabled(store, username, true, input, by, at);
}

/** Enables a disabled account again (its password unchanged; a lockout stays until it passes or is lifted). */
export function enableUser(
  store: Store,
  username: string,
  input: AccountChange,
  by: User,
  at: Date,
): Promise<AccountState> {
  return setDisabled(store, username, false, input, by, at);
}

async function setDisabled(
  store: Store,
  username: string,
  disabled: boolean,
  input: AccountChange,
  by: User,
  at: Date,
): Promise<AccountState> {
  const action = disabled ? "user.disable" : "user.enable";
  return audited(store, by, action, username, input?.reason, at, async () => {
    const { reason } = check(AccountChangeSchema, input);
    if (disabled && username === by.username) {
      throw new CradleError("OWN_ACCOUNT", `${by.username} may not disable their own account`, {
        field: "username",
        value: username,
      });
    }
    const r = await changeAccount(store, by, action, username, reason, at, () => ({
      set: { disabled: disabled ? 1 : 0 },
      after: { disabled },
    }));
    return { ...accountView(r.account), disabled: r.account.disabled };
  });
}

/** Replaces a user's roles; the user's sessions end, so the new roles apply from the next sign-in. */
export async function changeRoles(
  store: Store,
  username: string,
  input: RolesChange,
  by: User,
  at: Date,
): Promise<User> {
  return audited(store, by, "user.roles", username, input?.reason, at, async () => {
    const { roles, reason } = check(RolesChangeSchema, input);
    const unique = [...new Set(roles)];
    const r = await changeAccount(store, by, "user.roles", username, reason, at, () => ({
      set: { roles: unique.join(",") },
      after: { roles: unique },
    }));
    return accountView(r.account);
  });
}

/**
 * Replaces a user's password with a one-time password, answered once: the user must change it at next
 * sign-in, and every session of theirs ends now.
 */
export async function resetPassword(
  store: Store,
  username: string,
  input: AccountChange,
  by: User,
  at: Date,
): Promise<PasswordReset> {
  return audited(store, by, "user.reset-password", username, input?.reason, at, async () => {
    const { reason } = check(AccountChangeSchema, input);
    const password = oneTimePassword(username);
    const passwordHash = await hashPassword(password);
    await changeAccount(store, by, "user.reset-password", username, reason, at, () => ({
      set: { passwordHash, mustChangePassword: 1 },
      after: { mustChangePassword: true },
    }));
    return { username, oneTimePassword: password };
  });
}

/** Ends every session of a user, on every server (a lost badge, a shared screen left signed in). */
export async function endUserSessions(
  store: Store,
  username: string,
  input: AccountChange,
  by: User,
  at: Date,
): Promise<SessionsEnded> {
  return audited(store, by, "user.end-sessions", username, input?.reason, at, async () => {
    const { reason } = check(AccountChangeSchema, input);
    const r = await changeAccount(store, by, "user.end-sessions", username, reason, at, () => ({
      after: { sessionsEnded: true },
    }));
    return { username, ended: r.sessionsEnded };
  });
}
