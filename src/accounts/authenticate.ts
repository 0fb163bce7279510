/**
 * The one authentication path (issue 15): sign-in, e-signatures, the bedside co-signer and the CLI all
 * check a user name and password here.
 *
 * - One answer: AUTH_FAILED with the same message for an unknown user, a wrong password, a disabled
 *   account and a locked one, so no answer tells whether a name exists or a password was right.
 * - One cost: an unknown or disabled user's password is still checked, against a dummy hash made with the
 *   same scrypt parameters.
 * - Throttling, counted in the database (table authThrottle) so every server shares it: per account name
 *   (as typed, known or not) after THROTTLE_AFTER failures each further attempt must wait
 *   2^(n−THROTTLE_AFTER) s after the last failure (1 s, 2 s, 4 s …, at most 60 s: Retry-After tells it), else RATE_LIMITED (HTTP 429 with
 *   Retry-After). Refusing is chosen over sleeping: a sleeping server holds a connection per guess and an
 *   attacker sends guesses in parallel; a refusal costs nothing and tells nothing about the password.
 * - Per client address, the same after ADDRESS_THROTTLE_AFTER failures, capped at ADDRESS_MAX_DELAY_MS:
 *   many users behind one proxy are slowed, never locked out.
 * - Lockout: config().authMaxFailures failures of one account within authWindowMinutes lock it for
 *   authLockoutMinutes; an admin may lift it (unlockUser). A locked account refuses even the right password
 *   with the same AUTH_FAILED. Attempts are counted atomically before the password is checked, so a burst
 *   of parallel guesses gets no more than authMaxFailures checked against the real hash.
 * - Every failure is the audit event auth.failure, every lockout auth.lockout (never the password).
 */
import { type Kysely, type Transaction, sql } from "kysely";
import { appendAudit } from "../audit/trail.js";
import { config } from "../config/index.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { type Role, USER_ADMINS } from "./roles.js";
import { SignInSchema, type User } from "./schemas.js";
import { hasSecondFactor, mustEnrolTotp, useSecondFactor } from "./totp.js";

export const AUTH_PURPOSES = ["sign-in", "e-signature", "bedside-cosign", "cli", "password-change"] as const;
export type AuthPurpose = (typeof AUTH_PURPOSES)[number];

export interface AuthAttempt {
  username: string;
  password: string;
  /** The second factor's code (TOTP or a recovery code), when the account has one. */
  code?: string | undefined;
  /** The client's address (the server's request.ip); the CLI has none. */
  address?: string | undefined;
  purpose: AuthPurpose;
}

/** A user who has just given user name and password: may sign (see audit/signatures). */
export interface AuthenticatedUser extends User {
  authenticatedAt: Date;
}

export const THROTTLE_AFTER = 3;
export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 60_000;
export const ADDRESS_THROTTLE_AFTER = 20;
export const ADDRESS_MAX_DELAY_MS = 5_000;

let dummy: Promise<string> | undefined;
/** A hash of a random password with the same parameters as every stored one: the unknown user's cost. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}

function failed(username: string): CradleError {
  return new CradleError(
    "AUTH_FAILED",
    `sign-in as "${username}" failed: wrong user name or password, or too many failures (try again later)`,
    { field: "password", username },
  );
}

/** The wait after n failures beyond the threshold, in ms (0: none). */
export function delayAfter(failures: number, after: number, cap: number): number {
  if (failures < after) return 0;
  return Math.min(cap, BASE_DELAY_MS * 2 ** (failures - after));
}

interface Counter {
  key: string;
  failures: number;
  windowStart: string;
  lastFailureAt: string;
  lockedUntil: string | null;
}

const windowMs = () => config().authWindowMinutes * 60_000;

/** The counter in force at `now`: one whose window has passed counts as none. */
async function counter(store: Store, key: string, now: Date): Promise<Counter | undefined> {
  const row = await store.db.selectFrom("authThrottle").selectAll().where("key", "=", key).executeTakeFirst();
  if (!row) return undefined;
  const locked = row.lockedUntil !== null && row.lockedUntil > now.toISOString();
  if (!locked && Date.parse(row.windowStart) + windowMs() <= now.getTime()) return undefined;
  return { ...row, failures: Number(row.failures) };
}

function rateLimited(what: string, waitMs: number): CradleError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new CradleError("RATE_LIMITED", `too many failed sign-ins ${what}: try again in ${seconds} s`, {
    retryAfter: seconds,
  });
}

/** Refuses with RATE_LIMITED while a throttled counter's wait has not passed. */
function throttle(c: Counter | undefined, after: number, cap: number, what: string, now: Date): void {
  if (!c) return;
  const wait = Date.parse(c.lastFailureAt) + delayAfter(c.failures, after, cap) - now.getTime();
  if (delayAfter(c.failures, after, cap) > 0 && wait > 0) throw rateLimited(what, wait);
}

/**
 * Counts one attempt under `key` in one statement (insert, or on conflict add one, starting afresh when the
 * window or a lockout has passed) and returns the counter after it: parallel attempts each get their own
 * count, so no burst reads a stale one.
 */
async function countAttempt(db: Kysely<Database>, key: string, now: Date): Promise<Counter> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs()).toISOString();
  // Raw SQL sees the table's own column names (the camel-case plugin maps only Kysely's builders).
  const fresh = sql<boolean>`((auth_throttle.locked_until is not null and auth_throttle.locked_until <= ${at}) or (auth_throttle.locked_until is null and auth_throttle.window_start <= ${cutoff}))`;
  const row = await db
    .insertInto("authThrottle")
    .values({ key, failures: 1, windowStart: at, lastFailureAt: at, lockedUntil: null })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: sql<number>`case when ${fresh} then 1 else auth_throttle.failures + 1 end`,
        windowStart: sql<string>`case when ${fresh} then ${at} else auth_throttle.window_start end`,
        lastFailureAt: at,
        lockedUntil: sql<string | null>`case when ${fresh} then null else auth_throttle.locked_until end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, failures: Number(row.failures) };
}

/** Locks the account unless a lockout is in force already; true when this call locked it (audit once). */
async function lock(tx: Transaction<Database>, key: string, now: Date): Promise<string | undefined> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + config().authLockoutMinutes * 60_000).toISOString();
  const locked = await tx
    .updateTable("authThrottle")
    .set({ lockedUntil: until })
    .where("key", "=", key)
    .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<=", at)]))
    .returning("key")
    .executeTakeFirst();
  return locked ? until : undefined;
}

/**
 * Checks a user name and password for one purpose; the user on success. Throws AUTH_FAILED (the same
 * for every reason) or RATE_LIMITED (too many failures just now, with retryAfter in seconds).
 *
 * The attempt is counted before the password is checked (and the count cleared on success): of any
 * number of attempts at once, only those counted within authMaxFailures reach the real hash; the rest are
 * refused after the same dummy-hash work, as a locked account's are.
 */
export async function authenticateAttempt(
  store: Store,
  attempt: AuthAttempt,
  now = new Date(),
): Promise<AuthenticatedUser> {
  const { username, password, code } = attempt;
  check(SignInSchema, { username, password, ...(code !== undefined ? { code } : {}) });
  const userKey = `user:${username}`;
  const addressKey = attempt.address ? `address:${attempt.address}` : undefined;
  const userCounter = await counter(store, userKey, now);
  const addressCounter = addressKey ? await counter(store, addressKey, now) : undefined;
  try {
    throttle(userCounter, THROTTLE_AFTER, MAX_DELAY_MS, `as "${username}"`, now);
    throttle(addressCounter, ADDRESS_THROTTLE_AFTER, ADDRESS_MAX_DELAY_MS, "from this address", now);
  } catch (e) {
    await store.db.transaction().execute((tx) =>
      appendAudit(tx, {
        actor: username,
        action: "auth.rate-limited",
        entityType: "user",
        entityId: username,
        after: { purpose: attempt.purpose, address: attempt.address ?? null },
        at: now,
      }),
    );
    throw e;
  }

  const counted = await countAttempt(store.db, userKey, now);
  const max = config().authMaxFailures;
  const locked = counted.lockedUntil !== null && counted.lockedUntil > now.toISOString();
  const checked = !locked && counted.failures <= max;
  const row = checked
    ? await store.db.selectFrom("userAccount").selectAll().where("username", "=", username).executeTakeFirst()
    : undefined;
  // The same scrypt work whether or not the user exists, is disabled, locked or over the count.
  const verified = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()));
  let passed = row !== undefined && row.disabled === 0 && verified;
  const totp = passed && (await hasSecondFactor(store, username));
  if (totp) {
    // Password and code are judged together, with one answer: a right password without its code fails as
    // a wrong one does, so no answer tells a caller that another user's password was right.
    passed = code !== undefined && (await useSecondFactor(store, username, code, now)) !== undefined;
  }
  if (row && passed) {
    await store.db.deleteFrom("authThrottle").where("key", "=", userKey).execute();
    // A CLI sign-in opens no session (openSession records the web's), but it is a sign-in all the same.
    if (attempt.purpose === "cli")
      await store.db
        .updateTable("userAccount")
        .set({ lastSignInAt: now.toISOString() })
        .where("username", "=", username)
        .execute();
    const roles = row.roles.split(",") as Role[];
    return {
      username: row.username,
      printedName: row.printedName,
      roles,
      mustChangePassword: row.mustChangePassword === 1,
      totp,
      mustEnrolTotp: mustEnrolTotp(roles, totp),
      authenticatedAt: now,
    };
  }
  await store.db.transaction().execute(async (tx) => {
    if (addressKey) await countAttempt(tx, addressKey, now);
    const lockedUntil = counted.failures >= max ? await lock(tx, userKey, now) : undefined;
    // Who tried, for what, from where, the count, and whether the password was checked at all (not when
    // locked or over the count); never the password, nor which part was wrong.
    await appendAudit(tx, {
      actor: username,
      action: "auth.failure",
      entityType: "user",
      entityId: username,
      after: {
        purpose: attempt.purpose,
        address: attempt.address ?? null,
        failures: counted.failures,
        checked,
      },
      at: now,
    });
    if (lockedUntil) {
      await appendAudit(tx, {
        actor: "system",
        action: "auth.lockout",
        entityType: "user",
        entityId: username,
        after: { lockedUntil, failures: counted.failures, address: attempt.address ?? null },
        at: now,
      });
    }
  });
  throw failed(username);
}

/** Whether an account is locked now, and until when (for administration). */
export async function lockedUntil(store: Store, username: string, now: Date): Promise<string | undefined> {
  const c = await counter(store, `user:${username}`, now);
  return c?.lockedUntil && c.lockedUntil > now.toISOString() ? c.lockedUntil : undefined;
}

/** Lifts a lockout and clears the account's failures: admins only; audited with who and why. */
export async function unlockUser(
  store: Store,
  username: string,
  by: User,
  at: Date,
  reason?: string,
): Promise<{ username: string; wasLocked: boolean }> {
  if (!by.roles.some((r) => (USER_ADMINS as readonly Role[]).includes(r))) {
    throw new CradleError(
      "FORBIDDEN",
      `${by.username} may not unlock users: it needs ${USER_ADMINS.join(" or ")}`,
      {
        username: by.username,
        action: "unlock users",
      },
    );
  }
  const exists = await store.db
    .selectFrom("userAccount")
    .select("username")
    .where("username", "=", username)
    .executeTakeFirst();
  if (!exists) {
    throw new CradleError("USER_NOT_FOUND", `no user "${username}"`, { field: "username", value: username });
  }
  const was = await lockedUntil(store, username, at);
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("authThrottle").where("key", "=", `user:${username}`).execute();
    await appendAudit(tx, {
      actor: by.username,
      action: "user.unlock",
      entityType: "user",
      entityId: username,
      after: { wasLockedUntil: was ?? null },
      ...(reason ? { reason } : {}),
      at,
    });
  });
  return { username, wasLocked: was !== undefined };
}
