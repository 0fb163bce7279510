/**
 * Stores generated listings straight into a database's tables, in transactions of 100,000 rows: the
 * benchmarks' registry at scale, faster than the import (which checks every row, as a user's must be).
 */
import type { Listing } from "../src/matching/synthetic-registry.js";
import type { Store } from "../src/store/connect.js";

export async function storeRegistry(store: Store, listings: Iterable<Listing>): Promise<void> {
  let adults: Record<string, unknown>[] = [];
  let cords: Record<string, unknown>[] = [];
  const flush = async () => {
    await store.db.transaction().execute(async (tx) => {
      for (let i = 0; i < adults.length; i += 2000)
        await tx
          .insertInto("adultDonor")
          .values(adults.slice(i, i + 2000) as never)
          .execute();
      for (let i = 0; i < cords.length; i += 1000)
        await tx
          .insertInto("cordUnit")
          .values(cords.slice(i, i + 1000) as never)
          .execute();
    });
    adults = [];
    cords = [];
  };
  for (const l of listings) {
    if (l.kind === "adult") {
      const { kind: _k, ...row } = l;
      adults.push(row);
    } else {
      const { kind: _k, ...row } = l;
      cords.push({ ...row, accredited: row.accredited ? 1 : 0, rbcDepleted: row.rbcDepleted ? 1 : 0 });
    }
    if (adults.length + cords.length >= 100_000) await flush();
  }
  await flush();
}
