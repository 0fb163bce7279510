/**
 * One write: a service's change and its audit rows commit together or not at all. Every service writes
 * through here, so the write counter below moves with every change any of them makes in this process.
 */
import type { Transaction } from "kysely";
import type { Store } from "./connect.js";
import type { Database } from "./schema.js";

export type Tx = Transaction<Database>;

let count = 0;

/** Runs fn in one transaction. */
export async function write<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await store.db.transaction().execute(fn);
  } finally {
    // Bumped after every write, committed or not, so a reader's cache never outlives a change made here.
    count++;
  }
}

/** Changes with every write in this process: what a read cache keys on (inventory view, search answers). */
export function writeCount(): number {
  return count;
}
