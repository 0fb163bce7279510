/**
 * Web sessions: a 256-bit random id lives only in the user's HTTP-only cookie; the database keeps its
 * SHA-256, the user, a CSRF token the client must echo in a header on every change, and an expiry
 * (8 hours, a working shift). Signing out deletes the row.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Store } from "../store/connect.js";
import { type User, findUser } from "./users.js";

export const SESSION_HOURS = 8;

function hash(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export interface Session {
  id: string;
  csrfToken: string;
  expiresAt: string;
}

export async function openSession(store: Store, username: string, at: Date): Promise<Session> {
  const id = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await store.db
    .insertInto("userSession")
    .values({ idHash: hash(id), username, csrfToken, createdAt: at.toISOString(), expiresAt })
    .execute();
  return { id, csrfToken, expiresAt };
}

interface Cached {
  user: User;
  csrfToken: string;
  expiresAtMs: number;
  /** When this process read it from the database. */
  readAt: number;
}

/**
 * Sessions read in the last few seconds, so a busy page does not cost two queries per request. A
 * sign-out here drops its entry at once; a user disabled or re-roled elsewhere is seen within CACHE_MS.
 * Keyed by the id itself (this process holds it anyway): no hash on a cache hit.
 */
const cache = new Map<string, Cached>();
export const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

export interface LiveSession {
  user: User;
  csrfToken: string;
}

/**
 * A session this process read less than CACHE_MS ago: the session, `null` when it had expired, or
 * undefined when the database must be asked (sessionUser). Synchronous, for the hot path of every request.
 */
export function cachedSession(id: string, at: Date): LiveSession | null | undefined {
  const hit = cache.get(id);
  if (!hit || Date.now() - hit.readAt >= CACHE_MS) return undefined;
  return hit.expiresAtMs > at.getTime() ? { user: hit.user, csrfToken: hit.csrfToken } : null;
}

/** The user and CSRF token of a live session, or undefined. */
export async function sessionUser(store: Store, id: string, at: Date): Promise<LiveSession | undefined> {
  const hit = cachedSession(id, at);
  if (hit !== undefined) return hit ?? undefined;
  const row = await store.db
    .selectFrom("userSession")
    .selectAll()
    .where("idHash", "=", hash(id))
    .executeTakeFirst();
  if (!row || row.expiresAt <= at.toISOString()) {
    cache.delete(id);
    return undefined;
  }
  const user = await findUser(store, row.username);
  if (!user) return undefined;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(id, {
    user,
    csrfToken: row.csrfToken,
    expiresAtMs: Date.parse(row.expiresAt),
    readAt: Date.now(),
  });
  return { user, csrfToken: row.csrfToken };
}

export async function closeSession(store: Store, id: string): Promise<void> {
  cache.delete(id);
  await store.db.deleteFrom("userSession").where("idHash", "=", hash(id)).execute();
}
