/**
 * The audit trail holds patient and donor data (names, MRNs, birth times, HLA typings, donor ids): a
 * reader sees those values only with the right to read the records they come from (issue 15). Which
 * roles have it is the services' rule; audit sits below them, so the caller says what this reader may see
 * (`Sight`). Redaction is a view: the stored rows, and the chain verified over them, are untouched.
 *
 * Reject rather than guess: on an event about a patient's care (the entity types below) every value is
 * hidden from a reader without patient access but for a short list of keys that identify no one (states,
 * dose numbers, counts), and so is the free-text reason; elsewhere (a product, a collection) the keys known
 * to identify a donor, mother or patient are hidden, and any string that reads as an HLA typing.
 */
import type { AuditEvent } from "./schemas.js";

/** What a reader may see of identifying values: patients' (therapy's readers), donors' (the bank's). */
export interface Sight {
  patients: boolean;
  donors: boolean;
}

export const REDACTED = "[redacted]";

/** Entities whose every event is about one patient's care. */
export const PATIENT_ENTITIES: ReadonlySet<string> = new Set([
  "patient",
  "plan",
  "dose-order",
  "bedside-check",
  "infusion",
  "consent",
  "follow-up",
  "adverse-event",
]);
/** Keys whose values identify no one: kept on a patient's events for a reader without access. */
const SAFE_KEYS = new Set([
  "status",
  "state",
  "outcome",
  "doseNumber",
  "protocol",
  "protocolId",
  "version",
  "scope",
  "purpose",
  "failures",
  "action",
  "code",
]);
/** Keys that identify a patient, donor or mother wherever they appear. */
const IDENTIFYING_KEYS = new Set([
  "mrn",
  "motherMrn",
  "patientMrn",
  "givenName",
  "familyName",
  "name",
  "birthAt",
  "birthOffset",
  "birthDate",
  "dateOfBirth",
  "hla",
  "glString",
  "typing",
  "patientTyping",
  "antibodies",
  "address",
  "donorId",
  "motherId",
  "phone",
  "email",
]);
/** A GL string: locus*allele, as an HLA result carries it under any key. */
const HLA_LIKE = /\b[A-Z][A-Z0-9]{0,4}\*\d{2,3}(:|\b)/;

function hideAll(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => hideAll(x));
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hideAll(x, k)]));
  if (key !== undefined && SAFE_KEYS.has(key)) return v;
  return v === null || typeof v === "boolean" ? v : REDACTED;
}

function hideIdentifying(v: unknown, key?: string): unknown {
  if (key !== undefined && IDENTIFYING_KEYS.has(key) && v !== null) return REDACTED;
  if (Array.isArray(v)) return v.map((x) => hideIdentifying(x));
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hideIdentifying(x, k)]));
  return typeof v === "string" && HLA_LIKE.test(v) ? REDACTED : v;
}

/** The event as this reader may see it. */
export function redactEvent(e: AuditEvent, sight: Sight): AuditEvent {
  if (PATIENT_ENTITIES.has(e.entityType)) {
    if (sight.patients) return e;
    return {
      ...e,
      entityId: e.entityType === "patient" ? REDACTED : e.entityId,
      before: hideAll(e.before),
      after: hideAll(e.after),
      reason: e.reason === null ? null : REDACTED,
    };
  }
  if (sight.patients && sight.donors) return e;
  return {
    ...e,
    before: hideIdentifying(e.before),
    after: hideIdentifying(e.after),
    reason: e.reason !== null && HLA_LIKE.test(e.reason) ? REDACTED : e.reason,
  };
}
