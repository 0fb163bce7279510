/**
 * Reading the audit trail, for people: each read checks the reader's roles here, in the service, so the
 * API and the CLI cannot disagree on who may read. (Services that show a record's own history, such as a
 * product's, read it through trail.ts under their own role checks.)
 */
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Sight, redactEvent } from "./redact.js";
import {
  AUDIT_READERS,
  type AuditEvent,
  AuditOfQuerySchema,
  type AuditPage,
  AuditPageQuerySchema,
  type AuditVerification,
} from "./schemas.js";
import { auditCount, auditOf, recentAudit, verifyAudit } from "./trail.js";

export type { Sight } from "./redact.js";

/** Who reads: the signed-in user (audit sits below accounts, so it takes the user by shape). */
export interface Reader {
  username: string;
  roles: readonly string[];
}

function requireReader(by: Reader, what: string): void {
  if (!by.roles.some((r) => (AUDIT_READERS as readonly string[]).includes(r))) {
    throw new CradleError(
      "FORBIDDEN",
      `${by.username} (${by.roles.join(", ")}) may not ${what}: it needs ${AUDIT_READERS.join(" or ")}`,
      { username: by.username, action: what, allowed: AUDIT_READERS },
    );
  }
}

/**
 * The latest events, newest first, and how many the trail holds; patient and donor values are redacted
 * where `sight` (what this reader may read, from the services' role tables) does not reach.
 */
export async function readAudit(store: Store, by: Reader, query: unknown, sight: Sight): Promise<AuditPage> {
  requireReader(by, "read the audit trail");
  const q = check(AuditPageQuerySchema, query);
  const items = await recentAudit(store, q.limit ?? 50, q.offset ?? 0);
  return { items: items.map((e) => redactEvent(e, sight)), total: await auditCount(store) };
}

/** One entity's events, oldest first, redacted as readAudit's. */
export async function readAuditOf(
  store: Store,
  by: Reader,
  query: unknown,
  sight: Sight,
): Promise<AuditEvent[]> {
  requireReader(by, "read the audit trail");
  const q = check(AuditOfQuerySchema, query);
  return (await auditOf(store, q.entityType, q.entityId)).map((e) => redactEvent(e, sight));
}

/** Walks the hash chain (see trail.ts verifyAudit). */
export async function verifyAuditAs(store: Store, by: Reader): Promise<AuditVerification> {
  requireReader(by, "verify the audit trail");
  return verifyAudit(store);
}
