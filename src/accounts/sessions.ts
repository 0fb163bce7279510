/**
 * Web sessions: a 256-bit random id lives only in the user's HTTP-only cookie; the database keeps its
 * SHA-256, the user, a CSRF token the client must echo in a header on every change, when it was opened,
 * when a request last used it, and its absolute end (8 hours, a working shift).
 *
 * Sessions live in the database alone: every request reads its session and its user in one indexed
 * query, with no cache in the process. Ending sessions deletes rows, so the very next request on any
 * server sharing the database is refused (issue 15: a per-process cache admitted a signed-out session on a
 * second server for up to 5 s). The lookup costs well under a millisecond (bench/session-check.ts).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { config } from "../config/index.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import type { Role } from "./roles.js";
import type { User } from "./schemas.js";
import { mustEnrolTotp } from "./totp.js";

export const SESSION_HOURS = 8;
/**
 * A session's last use is written at most this often, so a busy page does not write on every request. The
 * idle timeout counts from the written time: a session may end up to this much early, never late.
 */
export const TOUCH_MS = 60_000;

function hash(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export interface Session {
  id: string;
  csrfToken: string;
  expiresAt: string;
}

/** Opens a session for a user who has just authenticated, and records the sign-in on the account. */
export async function openSession(store: Store, username: string, at: Date): Promise<Session> {
  const id = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = at.toISOString();
  const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("userSession")
      .values({ idHash: hash(id), username, csrfToken, createdAt: now, expiresAt, lastSeenAt: now })
      .execute();
    await tx.updateTable("userAccount").set({ lastSignInAt: now }).where("username", "=", username).execute();
  });
  return { id, csrfToken, expiresAt };
}

export interface LiveSession {
  user: User;
  csrfToken: string;
}

/** Why a session row no longer admits anyone at `at`, or undefined while it does. */
export function sessionEnd(
  row: { expiresAt: string; createdAt: string; lastSeenAt: string | null },
  at: Date,
  idleMinutes: number,
): "expired" | "idle" | undefined {
  if (row.expiresAt <= at.toISOString()) return "expired";
  const seen = Date.parse(row.lastSeenAt ?? row.createdAt);
  if (seen + idleMinutes * 60_000 <= at.getTime()) return "idle";
  return undefined;
}

/**
 * The user and CSRF token of a live session, or undefined: unknown, signed out, past its absolute end,
 * idle longer than config().sessionIdleMinutes, or its account disabled. An ended session's row is
 * deleted; a live one's last use is written when older than TOUCH_MS.
 */
export async function sessionUser(store: Store, id: string, at: Date): Promise<LiveSession | undefined> {
  const idHash = hash(id);
  const row = await store.db
    .selectFrom("userSession as s")
    .innerJoin("userAccount as u", "u.username", "s.username")
    // The second factor's state in the same query: the enrolment gate reads it on every request.
    .leftJoin("userTotp as t", "t.username", "s.username")
    .select([
      "t.status as totpStatus",
      "s.csrfToken",
      "s.createdAt",
      "s.expiresAt",
      "s.lastSeenAt",
      "u.username",
      "u.printedName",
      "u.roles",
      "u.mustChangePassword",
      "u.disabled",
    ])
    .where("s.idHash", "=", idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.disabled !== 0 || sessionEnd(row, at, config().sessionIdleMinutes)) {
    await store.db.deleteFrom("userSession").where("idHash", "=", idHash).execute();
    return undefined;
  }
  if (Date.parse(row.lastSeenAt ?? row.createdAt) + TOUCH_MS <= at.getTime()) {
    await store.db
      .updateTable("userSession")
      .set({ lastSeenAt: at.toISOString() })
      .where("idHash", "=", idHash)
      .execute();
  }
  const roles = row.roles.split(",") as Role[];
  const totp = row.totpStatus === "active";
  return {
    user: {
      username: row.username,
      printedName: row.printedName,
      roles,
      mustChangePassword: row.mustChangePassword === 1,
      totp,
      mustEnrolTotp: mustEnrolTotp(roles, totp),
    },
    csrfToken: row.csrfToken,
  };
}

/** Signing out: ends every session of the user, this browser's and any other's, on every server. */
export async function signOutEverywhere(store: Store, username: string): Promise<number> {
  return endSessionsOf(store.db, username);
}

/**
 * Ends every session of a user, on every server at once: in the caller's transaction, so the change that
 * ends them (a new password, a disable, new roles) and the end are one. Returns how many were open.
 */
export async function endSessionsOf(db: Kysely<Database>, username: string): Promise<number> {
  const r = await db.deleteFrom("userSession").where("username", "=", username).executeTakeFirst();
  return Number(r.numDeletedRows);
}
