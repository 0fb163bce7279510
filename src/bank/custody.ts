/**
 * Chain of identity and custody: every handoff of a product (collected, processed, stored, moved,
 * released, reserved, shipped, received, infused, discarded) is an event with who, when and where.
 */
import type { Tx } from "../store/write.js";

export const CUSTODY_EVENTS = [
  "collected",
  "registered",
  "processed",
  "divided",
  "stored",
  "moved",
  "removed-from-storage",
  "released",
  "reserved",
  "reservation-cancelled",
  "shipped",
  "received",
  "infused",
  "discarded",
  "disposition",
] as const;
export type CustodyEventName = (typeof CUSTODY_EVENTS)[number];

export interface CustodyEvent {
  din: string;
  productId: string | null;
  event: CustodyEventName;
  at: string;
  by: string;
  /** Where the product is after the event: a site, a storage position, a courier, a ward. */
  location: string;
  details?: Record<string, unknown>;
}

export async function recordCustody(tx: Tx, e: CustodyEvent): Promise<void> {
  await tx
    .insertInto("custodyEvent")
    .values({
      id: crypto.randomUUID(),
      din: e.din,
      productId: e.productId,
      event: e.event,
      at: e.at,
      by: e.by,
      location: e.location,
      details: e.details === undefined ? null : JSON.stringify(e.details),
    })
    .execute();
}
