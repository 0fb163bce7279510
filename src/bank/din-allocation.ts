import { appendAudit } from "../audit/trail.js";
/**
 * Issuing Donation Identification Numbers for a facility: a sequence per facility and year, unique and
 * never reused (ICCBBA ST-001: the 13 characters are unique for 100 years). One statement moves the
 * counter, so concurrent allocations on SQLite or PostgreSQL never share a number; every DIN issued is
 * recorded with who issued it and when.
 */
import { CradleError } from "../errors.js";
import { type Din, dinDataStructure, parseDin } from "../isbt128/din.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";

export interface AllocationRequest {
  /** Facility identification number, e.g. "G1234". */
  fin: string;
  /** How many DINs; at most 10,000 at a time. */
  count: number;
  /** When (the year of the DIN is this date's year, UTC); the clock is the caller's. */
  at: Date;
  /** Who allocates: a user name, recorded with each DIN. */
  by: string;
}

export async function allocateDins(store: Store, r: AllocationRequest): Promise<Din[]> {
  return store.db.transaction().execute((tx) => allocateDinsIn(tx, r));
}

/** Allocates inside the caller's transaction (registering a collection allocates its DIN with it). */
export async function allocateDinsIn(tx: Tx, r: AllocationRequest): Promise<Din[]> {
  if (!/^[A-NP-Z1-9]\d{4}$/.test(r.fin)) {
    throw new CradleError(
      "DIN_BAD_FORMAT",
      `facility identification number "${r.fin}" is not one letter or digit 1-9 and four digits`,
      {
        field: "fin",
        value: r.fin,
      },
    );
  }
  if (!Number.isInteger(r.count) || r.count < 1 || r.count > 10_000) {
    throw new CradleError("INVALID_INPUT", `count ${r.count}: allocate 1 to 10,000 DINs at a time`, {
      field: "count",
      value: r.count,
    });
  }
  if (Number.isNaN(r.at.getTime())) throw new CradleError("INVALID_INPUT", "at: not a date", { field: "at" });
  const year = String(r.at.getUTCFullYear() % 100).padStart(2, "0");
  {
    const row = await tx
      .insertInto("dinCounter")
      .values({ fin: r.fin, year, lastSequence: r.count })
      .onConflict((oc) =>
        oc
          .columns(["fin", "year"])
          .doUpdateSet((eb) => ({ lastSequence: eb("dinCounter.lastSequence", "+", r.count) })),
      )
      .returning("lastSequence")
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        // The check constraint stops the counter past 999999: the year's numbers are used up.
        const checkFailed = (e as { code?: string }).code === "23514" || /CHECK constraint/i.test(String(e));
        if (!checkFailed) throw e;
        throw new CradleError(
          "DIN_SEQUENCE_EXHAUSTED",
          `facility ${r.fin} cannot issue ${r.count} more DINs in 20${year}: its sequence would pass 999999`,
          { fin: r.fin, year, cause: String(e) },
        );
      });
    const last = Number(row.lastSequence);
    const dins: Din[] = [];
    for (let seq = last - r.count + 1; seq <= last; seq++) {
      dins.push(parseDin(`${r.fin}${year}${String(seq).padStart(6, "0")}`));
    }
    const allocatedAt = r.at.toISOString();
    for (let i = 0; i < dins.length; i += 1000) {
      await tx
        .insertInto("allocatedDin")
        .values(dins.slice(i, i + 1000).map((d) => ({ din: d.id, allocatedAt, allocatedBy: r.by })))
        .execute();
    }
    await appendAudit(tx, {
      actor: r.by,
      action: "din.allocate",
      entityType: "din-range",
      entityId: `${r.fin}${year}`,
      after: { first: dins[0]?.id, last: dins[dins.length - 1]?.id, count: dins.length },
      at: r.at,
    });
    return dins;
  }
}

/** The data structure 001 text for a DIN issued here: Type 3 flags carry its check character. */
export function dinToScan(din: Din): string {
  return dinDataStructure(din);
}
