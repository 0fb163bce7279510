/**
 * Electronic signatures (21 CFR Part 11): each shows the signer's printed name, the date and time and the
 * meaning (11.50), is bound to a SHA-256 hash of the signed record so it cannot be moved to another record
 * or survive a change to this one (11.70), and is made only after the signer gave user name and password
 * again (11.200): the caller passes a Signer produced by a sign-in moments before.
 */
import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { CradleError, isCradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { write } from "../store/write.js";
import { recordHash } from "./canonical.js";
import { appendAudit } from "./trail.js";

export const SIGNATURE_MEANINGS = [
  "released",
  "verified",
  "administered",
  "reviewed",
  "approved",
  "authored",
  "witnessed",
  "disposition",
] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** A user who has just given user name and password again. */
export interface Signer {
  username: string;
  printedName: string;
  authenticatedAt: Date;
}

/** How long a re-authentication stays good for one signature. */
export const REAUTHENTICATION_WINDOW_MS = 5 * 60 * 1000;

export interface Signature {
  id: string;
  username: string;
  printedName: string;
  meaning: SignatureMeaning;
  signedAt: string;
  entityType: string;
  entityId: string;
  recordHash: string;
}

export async function sign(
  tx: Transaction<Database>,
  signer: Signer,
  s: { meaning: SignatureMeaning; entityType: string; entityId: string; record: unknown; at: Date },
): Promise<Signature> {
  const age = s.at.getTime() - signer.authenticatedAt.getTime();
  if (age < 0 || age > REAUTHENTICATION_WINDOW_MS) {
    throw new CradleError(
      "AUTH_FAILED",
      `${signer.username} must give user name and password again to sign (the last check was ${Math.round(age / 1000)} s ago)`,
      { field: "password", username: signer.username },
    );
  }
  const signature: Signature = {
    id: randomUUID(),
    username: signer.username,
    printedName: signer.printedName,
    meaning: s.meaning,
    signedAt: s.at.toISOString(),
    entityType: s.entityType,
    entityId: s.entityId,
    recordHash: recordHash(s.record),
  };
  await tx.insertInto("signature").values(signature).execute();
  await appendAudit(tx, {
    actor: signer.username,
    action: `signature.${s.meaning}`,
    entityType: s.entityType,
    entityId: s.entityId,
    after: signature,
    at: s.at,
  });
  return signature;
}

export async function signaturesOf(store: Store, entityType: string, entityId: string): Promise<Signature[]> {
  const rows = await store.db
    .selectFrom("signature")
    .selectAll()
    .where("entityType", "=", entityType)
    .where("entityId", "=", entityId)
    .orderBy("signedAt")
    .execute();
  return rows.map((r) => ({ ...r, meaning: r.meaning as SignatureMeaning }));
}

/** One signature by its id (a record that keeps its signature's id, such as a closed recall). */
export async function signatureById(
  db: Store["db"] | Transaction<Database>,
  id: string,
): Promise<Signature | undefined> {
  const r = await db.selectFrom("signature").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? { ...r, meaning: r.meaning as SignatureMeaning } : undefined;
}

/** True when the record is still the one that was signed. */
export function signatureMatches(signature: Signature, record: unknown): boolean {
  return signature.recordHash === recordHash(record);
}

/** What a signer was about to sign when the re-authentication failed. */
export interface SignatureAttempt {
  /** Who gave user name and password to sign. */
  signer: string;
  /** Who was signed in and acted (the signer, or the nurse recording an infusion a physician signs for). */
  actor: string;
  meaning: SignatureMeaning;
  entityType: string;
  entityId: string;
  at: Date;
}

/**
 * Runs a signer's re-authentication; when it fails (AUTH_FAILED, RATE_LIMITED) records the refused
 * e-signature as its own event, signature.refused, naming the record and the meaning, in a transaction of
 * its own (the act it was to sign writes nothing), then lets the refusal go on. Never the password; the
 * account's own failure count and lockout are the authentication's events (auth.failure, auth.lockout).
 */
export async function auditedSignatureAuth<T>(
  store: Store,
  attempt: SignatureAttempt,
  authenticate: () => Promise<T>,
): Promise<T> {
  try {
    return await authenticate();
  } catch (e) {
    if (isCradleError(e) && (e.code === "AUTH_FAILED" || e.code === "RATE_LIMITED")) {
      await write(store, (tx) =>
        appendAudit(tx, {
          actor: attempt.actor,
          action: "signature.refused",
          entityType: attempt.entityType,
          entityId: attempt.entityId,
          after: { signer: attempt.signer, meaning: attempt.meaning, code: e.code },
          reason: e.message,
          at: attempt.at,
        }),
      );
    }
    throw e;
  }
}
