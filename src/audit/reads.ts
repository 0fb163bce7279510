/**
 * Reading the audit trail, for people: each read checks the reader's roles here, in the service, so the
 * API and the CLI cannot disagree on who may read. A record's own history (readHistory) is opened instead
 * by the record's read roles, which the caller checked; it is redacted the same way.
 */
import { stringify } from "csv-stringify/sync";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { unknownKind } from "./kinds.js";
import { PATIENT_ENTITIES, type Sight, redactEvent } from "./redact.js";
import {
  AUDIT_CSV_COLUMNS,
  AUDIT_READERS,
  AuditCsvQuerySchema,
  type AuditEvent,
  type AuditPage,
  AuditPageQuerySchema,
  type AuditVerification,
} from "./schemas.js";
import { type AuditFilter, type AuditSubject, auditOfSubjects, searchAudit, verifyAudit } from "./trail.js";

export type { AuditSubject } from "./trail.js";
export type { AuditEvent } from "./schemas.js";

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

type FilterQuery = {
  entityType?: string;
  entityId?: string;
  user?: string;
  kind?: string;
  from?: string;
  to?: string;
};

/**
 * The query's filter for this reader. Instants compare as the trail stores them (UTC, `toISOString`). A
 * reader who may not read patients searches no patient's events by id: the count alone would tell whether
 * an MRN has any.
 */
export function auditFilterOf(q: FilterQuery, sight: Sight): AuditFilter {
  const from = q.from === undefined ? undefined : new Date(q.from).toISOString();
  const to = q.to === undefined ? undefined : new Date(q.to).toISOString();
  if (from !== undefined && to !== undefined && from > to) {
    throw new CradleError("INVALID_INPUT", `from "${q.from}" is after to "${q.to}"`, {
      field: "from",
      value: q.from,
      reason: "is after to",
    });
  }
  const kinds = q.kind === undefined ? undefined : [...new Set(q.kind.split(","))];
  const unknown = kinds && unknownKind(kinds);
  if (unknown !== undefined) {
    throw new CradleError("INVALID_INPUT", `kind "${unknown}" is not a kind of audit event`, {
      field: "kind",
      value: unknown,
      reason: "is not a kind of audit event",
    });
  }
  return {
    ...(q.entityType !== undefined ? { entityType: q.entityType } : {}),
    ...(q.entityId !== undefined ? { entityId: q.entityId } : {}),
    ...(q.entityId !== undefined && !sight.patients ? { excludeTypes: [...PATIENT_ENTITIES] } : {}),
    ...(q.user !== undefined ? { actor: q.user } : {}),
    ...(kinds !== undefined ? { actions: kinds } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

/**
 * The latest events that pass the query's filters, newest first, and how many pass them; patient and
 * donor values are redacted where `sight` (what this reader may read, from the services' role tables)
 * does not reach.
 */
export async function readAudit(store: Store, by: Reader, query: unknown, sight: Sight): Promise<AuditPage> {
  requireReader(by, "read the audit trail");
  const q = check(AuditPageQuerySchema, query ?? {});
  const page = await searchAudit(store, auditFilterOf(q, sight), q.limit ?? 50, q.offset ?? 0);
  return { items: page.items.map((e) => redactEvent(e, sight)), total: page.total };
}

/** A formula-looking cell is prefixed with ' so a spreadsheet shows it rather than running it (OWASP). */
function cell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The audit events as CSV rows (header first), as readAudit redacts them; instants in ISO UTC. */
export function auditCsv(events: readonly AuditEvent[]): string {
  const json = (v: unknown) => (v === undefined ? "" : cell(JSON.stringify(v)));
  return stringify(
    events.map((e) => [
      String(e.seq),
      new Date(e.at).toISOString(),
      cell(e.actor),
      cell(e.action),
      cell(e.entityType),
      cell(e.entityId),
      e.reason === null ? "" : cell(e.reason),
      json(e.before),
      json(e.after),
      e.hash,
    ]),
    { header: true, columns: [...AUDIT_CSV_COLUMNS] },
  );
}

/** The same filtered view as readAudit, as CSV (GET /api/audit.csv, `cradle audit log --csv`). */
export async function readAuditCsv(store: Store, by: Reader, query: unknown, sight: Sight): Promise<string> {
  requireReader(by, "export the audit trail");
  const q = check(AuditCsvQuerySchema, query ?? {});
  const page = await searchAudit(store, auditFilterOf(q, sight), q.limit ?? 10_000, q.offset ?? 0);
  return auditCsv(page.items.map((e) => redactEvent(e, sight)));
}

/**
 * A record's own history: the events of the record and of the rows about it (the owning service lists
 * them), oldest first, redacted as readAudit's. The caller has checked that this reader may read the
 * record (its page's roles), which is what opens its history; no audit role is needed.
 */
export async function readHistory(
  store: Store,
  scope: { subjects: readonly AuditSubject[]; keep?: (e: AuditEvent) => boolean },
  sight: Sight,
): Promise<AuditEvent[]> {
  const events = await auditOfSubjects(store, scope.subjects);
  // What belongs is decided on the stored values, before redaction hides them.
  return events.filter((e) => scope.keep?.(e) ?? true).map((e) => redactEvent(e, sight));
}

/** Walks the hash chain (see trail.ts verifyAudit). */
export async function verifyAuditAs(store: Store, by: Reader): Promise<AuditVerification> {
  requireReader(by, "verify the audit trail");
  return verifyAudit(store);
}
