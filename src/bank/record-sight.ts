/**
 * A product's record for a reader who may open the product but not read the bank (a nurse who scanned a
 * bag): the donor's and mother's ids and the donor's HLA typing are hidden, in the record and in its audit
 * events, as the audit trail hides them (audit/redact.ts). What the bedside needs stays: the DIN, product,
 * status, holds, expiry and the recipient the bank recorded.
 */
import { REDACTED, type Sight, redactEvent } from "../audit/redact.js";
import type { ProductRecord } from "./schemas.js";

const DONOR_KEYS = new Set(["donorId", "motherId"]);

function hideDonor<T>(v: T): T {
  if (Array.isArray(v)) return v.map(hideDonor) as T;
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, DONOR_KEYS.has(k) && x !== null ? REDACTED : hideDonor(x)]),
    ) as T;
  return v;
}

export function productRecordFor(record: ProductRecord, sight: Sight): ProductRecord {
  if (sight.donors) return record;
  const hidden = hideDonor(record);
  return {
    ...hidden,
    qc: hidden.qc.map((q) => (q.test === "hla" && q.result !== null ? { ...q, result: REDACTED } : q)),
    audit: record.audit.map((e) => redactEvent(e, sight)),
  };
}

/**
 * The donor's banking consent as the same reader sees it beside the record: its state (in force, withdrawn,
 * none) for everyone who may open the product; the consent itself, which names the donor, only for bank readers.
 */
export function consentFor<C extends { state: string }>(consent: C, sight: Sight): C | Pick<C, "state"> {
  return sight.donors ? consent : { state: consent.state };
}
