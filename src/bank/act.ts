/**
 * Who does a bank write and when. Every service function that writes takes an Act: the user (the face
 * signed them in) and the time, which the caller owns so tests and imports can set it. Roles are checked
 * here, in the service, so the CLI and the HTTP API enforce the same rules.
 */
import type { Transaction } from "kysely";
import { type Role, type User, requireRole } from "../accounts/users.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";

export interface Act {
  user: User;
  at: Date;
}

export type Tx = Transaction<Database>;

/** Who may do what in the bank. */
export const BANK_ROLES = {
  register: ["lab-technologist"],
  process: ["lab-technologist"],
  qc: ["lab-technologist"],
  store: ["lab-technologist"],
  release: ["quality-manager", "physician"],
  reserve: ["coordinator", "physician"],
  ship: ["lab-technologist", "coordinator"],
  receive: ["lab-technologist", "coordinator"],
  discard: ["lab-technologist", "quality-manager"],
  importDescriptions: ["quality-manager", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type BankAction = keyof typeof BANK_ROLES;

export function allow(act: Act, action: BankAction): void {
  requireRole(act.user, BANK_ROLES[action], `${action} products`);
}

/** Runs one write: the change and its audit rows commit together or not at all. */
export async function write<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await store.db.transaction().execute(fn);
  } finally {
    // Bumped after every write, committed or not, so a reader's cache never outlives a change made here.
    version++;
  }
}

let version = 0;

/** Changes with every bank write in this process: what a read cache keys on (see server routes). */
export function bankVersion(): number {
  return version;
}
