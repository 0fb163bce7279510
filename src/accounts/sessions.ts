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

/** The user and CSRF token of a live session, or undefined. */
export async function sessionUser(
  store: Store,
  id: string,
  at: Date,
): Promise<{ user: User; csrfToken: string } | undefined> {
  const row = await store.db
    .selectFrom("userSession")
    .selectAll()
    .where("idHash", "=", hash(id))
    .executeTakeFirst();
  if (!row || row.expiresAt <= at.toISOString()) return undefined;
  const user = await findUser(store, row.username);
  return user ? { user, csrfToken: row.csrfToken } : undefined;
}

export async function closeSession(store: Store, id: string): Promise<void> {
  await store.db.deleteFrom("userSession").where("idHash", "=", hash(id)).execute();
}
