/**
 * The contract of the audit trail's reads: an event as the API, the CLI and the web app show it, a
 * filtered page of events, its CSV, and the chain's verification. The web app imports the types only.
 */
import { Type } from "typebox";
import { Id, Instant, Int, Line, MAX, Name, Obj, Paging, type Static, Text } from "../contract/schema.js";

/** Who may read the trail (the server's access table and the reads below both take this list). */
export const AUDIT_READERS = ["auditor", "quality-manager", "admin"] as const;

export const AuditEventSchema = Obj({
  seq: Int(1, Number.MAX_SAFE_INTEGER),
  at: Instant(),
  actor: Line(MAX.id),
  action: Line(MAX.id),
  entityType: Line(MAX.id),
  entityId: Line(MAX.line),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Type.Union([Text(), Type.Null()]),
  hash: Line(64),
});
export type AuditEvent = Static<typeof AuditEventSchema>;

/** A signature as the trail gives it (21 CFR 11.50: the signer's printed name, the time and the meaning). */
export const SignatureSchema = Obj({
  id: Id(),
  username: Id(),
  printedName: Name({ description: "the signer's printed name" }),
  meaning: Id(),
  signedAt: Instant(),
  entityType: Id(),
  entityId: Line(MAX.line),
  recordHash: Id(),
});
export type Signature = Static<typeof SignatureSchema>;

/** At most this many kinds in one filter. */
export const MAX_KINDS = 20;

/**
 * What the trail may be filtered by: an entity (its type, its id, or both: a product id or a DIN, a
 * patient's MRN, a plan's id), who did it, which kinds of event (one, or several comma-separated:
 * `product.release,product.release.refused`), and when (from inclusive, to exclusive).
 */
export const AuditFilterProperties = {
  entityType: Type.Optional(Id({ description: "e.g. product, collection, patient, plan, user" })),
  entityId: Type.Optional(
    Line(MAX.id, { description: "a product id (DIN:code) or a DIN, an MRN, a plan id, a user name" }),
  ),
  user: Type.Optional(Id({ description: "who did it (the actor's user name)" })),
  kind: Type.Optional(
    Line(MAX_KINDS * (MAX.id + 1), {
      pattern: `^[a-z0-9][a-z0-9._-]{0,63}(,[a-z0-9][a-z0-9._-]{0,63}){0,${MAX_KINDS - 1}}$`,
      description: `event kinds (actions), comma-separated, at most ${MAX_KINDS}: e.g. product.release,label.reprint`,
    }),
  ),
  from: Type.Optional(Instant({ description: "events at or after this instant" })),
  to: Type.Optional(Instant({ description: "events before this instant" })),
};

/** GET /api/audit and `cradle audit log`: the latest events, newest first, filtered. */
export const AuditPageQuerySchema = Obj({ ...AuditFilterProperties, ...Paging(50, 500) });
export type AuditPageQuery = Static<typeof AuditPageQuerySchema>;
export const AuditPageSchema = Obj({
  items: Type.Array(AuditEventSchema),
  total: Int(0, Number.MAX_SAFE_INTEGER),
});
export type AuditPage = Static<typeof AuditPageSchema>;

/** GET /api/audit.csv and `cradle audit log --csv`: the same view as CSV, up to 100,000 rows at once. */
export const AuditCsvQuerySchema = Obj({ ...AuditFilterProperties, ...Paging(10_000, 100_000) });
export type AuditCsvQuery = Static<typeof AuditCsvQuerySchema>;

/** The CSV's columns, in order; before and after are the redacted values as JSON text. */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "actor",
  "action",
  "entityType",
  "entityId",
  "reason",
  "before",
  "after",
  "hash",
] as const;

export const AuditVerificationSchema = Type.Union([
  Obj({
    ok: Type.Literal(true),
    events: Int(0, Number.MAX_SAFE_INTEGER),
    headSeq: Int(0, Number.MAX_SAFE_INTEGER),
    headHash: Line(64),
  }),
  Obj({
    ok: Type.Literal(false),
    events: Int(0, Number.MAX_SAFE_INTEGER),
    seq: Int(0, Number.MAX_SAFE_INTEGER),
    reason: Line(MAX.line),
  }),
]);
export type AuditVerification = Static<typeof AuditVerificationSchema>;
