/**
 * The audit trail (21 CFR 11.10(e), EU Annex 11): every write appends who, when, what (old and new
 * values) and why, inside the writer's own transaction, so a change and its audit row commit or fail
 * together. Rows are hash-chained: each hash covers the row's fields and the previous row's hash, and a
 * one-row head holds the last sequence number and hash. An edited row breaks its own hash, a deleted row
 * leaves a gap in the sequence, and a deleted tail disagrees with the head.
 *
 * Appends serialize on the head row: PostgreSQL locks it for the rest of the transaction by the UPDATE,
 * and SQLite runs one write transaction at a time.
 */
import { type ExpressionBuilder, type SqlBool, type Transaction, sql } from "kysely";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { canonicalJson, sha256 } from "./canonical.js";
import type { AuditEvent, AuditVerification } from "./schemas.js";

export type { AuditEvent, AuditVerification };

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEntry {
  /** The user name of who did it. */
  actor: string;
  /** What was done, e.g. "product.release", "storage.move". */
  action: string;
  entityType: string;
  entityId: string;
  /** The values before the change (undefined for a create). */
  before?: unknown;
  /** The values after the change (undefined for a delete). */
  after?: unknown;
  /** Why: required by the caller where the rules ask for a reason. */
  reason?: string;
  at: Date;
}

/** What a row's hash covers: every column but the hash itself. */
type StoredFields = Omit<Database["auditEvent"], "hash">;

/** The hash of one row: over its stored text, so both dialects verify the same bytes. */
export function eventHash(f: StoredFields): string {
  return sha256(
    JSON.stringify([
      f.seq,
      f.at,
      f.actor,
      f.action,
      f.entityType,
      f.entityId,
      f.beforeJson,
      f.afterJson,
      f.reason,
      f.prevHash,
    ]),
  );
}

/** Appends one event in the caller's transaction; returns its sequence number and hash. */
export async function appendAudit(
  tx: Transaction<Database>,
  e: AuditEntry,
): Promise<{ seq: number; hash: string }> {
  const head = await tx
    .updateTable("auditHead")
    .set((eb) => ({ lastSeq: eb("lastSeq", "+", 1) }))
    .where("id", "=", 1)
    .returning(["lastSeq", "lastHash"])
    .executeTakeFirstOrThrow();
  const fields: StoredFields = {
    seq: Number(head.lastSeq),
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    beforeJson: e.before === undefined ? null : canonicalJson(e.before),
    afterJson: e.after === undefined ? null : canonicalJson(e.after),
    reason: e.reason ?? null,
    prevHash: head.lastHash,
  };
  const hash = eventHash(fields);
  await tx
    .insertInto("auditEvent")
    .values({ ...fields, hash })
    .execute();
  await tx.updateTable("auditHead").set({ lastHash: hash }).where("id", "=", 1).execute();
  return { seq: fields.seq, hash };
}

/**
 * Walks the chain from the first event. Reports the first broken link: a row whose hash does not cover
 * its fields, a row whose previous hash is not its predecessor's, a missing sequence number, or a head
 * that does not point at the last row. Print the head hash somewhere else (a report, a ticket) to anchor
 * it: someone who can rewrite the whole table and the head could otherwise rebuild a consistent chain.
 */
export async function verifyAudit(store: Store): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let events = 0;
  const pageSize = 10_000;
  for (;;) {
    const rows = await store.db
      .selectFrom("auditEvent")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          events,
          seq: expectedSeq,
          reason: `event ${expectedSeq} is missing (next is ${seq})`,
        };
      }
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          events,
          seq,
          reason: `event ${seq} does not follow event ${seq - 1}: previous hash differs`,
        };
      }
      const hash = eventHash({ ...row, seq });
      if (hash !== row.hash) {
        return {
          ok: false,
          events,
          seq,
          reason: `event ${seq} was altered: its contents do not match its hash`,
        };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      events++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await store.db.selectFrom("auditHead").selectAll().where("id", "=", 1).executeTakeFirst();
  const headSeq = Number(head?.lastSeq ?? -1);
  if (!head || headSeq !== expectedSeq - 1 || head.lastHash !== prevHash) {
    return {
      ok: false,
      events,
      seq: expectedSeq,
      reason: `the trail ends at event ${expectedSeq - 1} but its head says ${headSeq}: events were removed from the end`,
    };
  }
  return { ok: true, events, headSeq, headHash: prevHash };
}

function parseJson(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

/** The events of one entity, oldest first. */
export async function auditOf(store: Store, entityType: string, entityId: string): Promise<AuditEvent[]> {
  const rows = await store.db
    .selectFrom("auditEvent")
    .selectAll()
    .where("entityType", "=", entityType)
    .where("entityId", "=", entityId)
    .orderBy("seq")
    .execute();
  return rows.map(toEvent);
}

/** A filter on the trail; every part given must hold. */
export interface AuditFilter {
  entityType?: string;
  /** The id, or the DIN of product ids `DIN:code`. */
  entityId?: string;
  /** Entity types left out (what a reader may not search by id, see reads.ts). */
  excludeTypes?: readonly string[];
  actor?: string;
  actions?: readonly string[];
  /** ISO instants: at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

/** One entity whose events a history shows. */
export interface AuditSubject {
  entityType: string;
  entityId: string;
}

type Eb = ExpressionBuilder<Database, "auditEvent">;

function filtered(eb: Eb, f: AuditFilter) {
  const parts = [];
  if (f.entityType !== undefined) parts.push(eb("entityType", "=", f.entityType));
  if (f.entityId !== undefined) {
    // A product's id is DIN:code, so a DIN finds all its products; LIKE's wildcards in the id are escaped.
    const prefix = `${f.entityId.replace(/[!%_]/g, (c) => `!${c}`)}:%`;
    parts.push(
      eb.or([
        eb("entityId", "=", f.entityId),
        sql<SqlBool>`${sql.ref("entityId")} like ${prefix} escape '!'`,
      ]),
    );
  }
  if (f.excludeTypes?.length) parts.push(eb("entityType", "not in", [...f.excludeTypes]));
  if (f.actor !== undefined) parts.push(eb("actor", "=", f.actor));
  if (f.actions?.length) parts.push(eb("action", "in", [...f.actions]));
  if (f.from !== undefined) parts.push(eb("at", ">=", f.from));
  if (f.to !== undefined) parts.push(eb("at", "<", f.to));
  return eb.and(parts);
}

/** The events that pass a filter, newest first, paged, and how many pass it. */
export async function searchAudit(
  store: Store,
  f: AuditFilter,
  limit: number,
  offset = 0,
): Promise<{ items: AuditEvent[]; total: number }> {
  const rows = await store.db
    .selectFrom("auditEvent")
    .selectAll()
    .where((eb) => filtered(eb, f))
    .orderBy("seq", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  const n = await store.db
    .selectFrom("auditEvent")
    .select((eb) => eb.fn.countAll().as("n"))
    .where((eb) => filtered(eb, f))
    .executeTakeFirst();
  return { items: rows.map(toEvent), total: Number(n?.n ?? 0) };
}

/** The events of several entities (a record and the rows about it), oldest first. */
export async function auditOfSubjects(
  store: Store,
  subjects: readonly AuditSubject[],
): Promise<AuditEvent[]> {
  if (subjects.length === 0) return [];
  const byType = new Map<string, string[]>();
  for (const s of subjects) byType.set(s.entityType, [...(byType.get(s.entityType) ?? []), s.entityId]);
  const rows = await store.db
    .selectFrom("auditEvent")
    .selectAll()
    .where((eb) =>
      eb.or(
        [...byType].map(([type, ids]) => eb.and([eb("entityType", "=", type), eb("entityId", "in", ids)])),
      ),
    )
    .orderBy("seq")
    .execute();
  return rows.map(toEvent);
}

function toEvent(r: Database["auditEvent"] & { seq: number | string }): AuditEvent {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: parseJson(r.beforeJson),
    after: parseJson(r.afterJson),
    reason: r.reason,
    hash: r.hash,
  };
}

/**
 * The ids of the entities of one type with events after `afterSeq`, up to `upToSeq`: what changed since a
 * reader last looked. Sequence numbers commit in order (appends serialize on the head), so nothing
 * committed later can fall below `upToSeq`.
 */
export async function changedSince(
  store: Store,
  entityType: string,
  afterSeq: number,
  upToSeq: number,
): Promise<string[]> {
  const rows = await store.db
    .selectFrom("auditEvent")
    .select("entityId")
    .distinct()
    .where("seq", ">", afterSeq)
    .where("seq", "<=", upToSeq)
    .where("entityType", "=", entityType)
    .execute();
  return rows.map((r) => r.entityId);
}

/** How many events the trail holds (its head's sequence number). */
export async function auditCount(store: Store): Promise<number> {
  const head = await store.db
    .selectFrom("auditHead")
    .select("lastSeq")
    .where("id", "=", 1)
    .executeTakeFirst();
  return Number(head?.lastSeq ?? 0);
}
