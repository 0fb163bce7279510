/**
 * The database part of /api/health, checked on every request rather than assumed: the store answers,
 * and the latest audit events link to the head. Cheap (one page of rows), so a load balancer may poll it.
 */
import { probeStore } from "../audit/database-check.js";
import type { Store } from "../store/connect.js";
import type { DatabaseState } from "../store/integrity.js";

export interface DatabaseHealth {
  dialect: Store["dialect"];
  state: DatabaseState;
  checkedAt: string;
  /** What is wrong, when something is. */
  problem?: string;
}

export async function databaseHealth(store: Store, now: Date): Promise<DatabaseHealth> {
  const p = await probeStore(store);
  return {
    dialect: store.dialect,
    state: p.state,
    checkedAt: now.toISOString(),
    ...(p.state === "ok" ? {} : { problem: p.detail }),
  };
}
