/**
 * The demo load's marker: "started" is committed before the first demo record, "finished" after the last.
 * A start that finds "started" without "finished" knows the database holds a cut-short demo (the process
 * was killed during the load): it is reported with the fix, never served. Resuming is not offered: the
 * load writes through the services (users, signatures, audit), which cannot tell which of its records a
 * killed run already committed.
 */
import type { Store } from "../store/connect.js";

export const DEMO_LOAD = "demo";

export type LoadState =
  | { state: "none" }
  | { state: "finished"; startedAt: string; finishedAt: string }
  | { state: "interrupted"; startedAt: string; parameters: string };

export async function demoLoadState(store: Store): Promise<LoadState> {
  const row = await store.db
    .selectFrom("seedLoad")
    .selectAll()
    .where("name", "=", DEMO_LOAD)
    .executeTakeFirst();
  if (!row) return { state: "none" };
  if (row.finishedAt === null)
    return { state: "interrupted", startedAt: row.startedAt, parameters: row.parameters };
  return { state: "finished", startedAt: row.startedAt, finishedAt: row.finishedAt };
}

export async function markLoadStarted(
  store: Store,
  at: Date,
  parameters: Record<string, unknown>,
): Promise<void> {
  await store.db
    .insertInto("seedLoad")
    .values({
      name: DEMO_LOAD,
      startedAt: at.toISOString(),
      finishedAt: null,
      parameters: JSON.stringify(parameters),
    })
    .execute();
}

export async function markLoadFinished(store: Store, at: Date): Promise<void> {
  await store.db
    .updateTable("seedLoad")
    .set({ finishedAt: at.toISOString() })
    .where("name", "=", DEMO_LOAD)
    .execute();
}

/** What a start says about a cut-short load, and how to fix it. */
export function interruptedLoadReport(
  s: Extract<LoadState, { state: "interrupted" }>,
  location: string,
): string {
  return [
    `refusing to start: the demo load begun at ${s.startedAt} (${s.parameters}) did not finish — the process was stopped during it, so ${location} holds a partial demo.`,
    "Fix: start again on an empty database (SQLite: delete the file and its -wal and -shm files; PostgreSQL: drop and create the database), and let the first start finish;",
    "or restore a backup (`cradle db restore FILE`); or start with CRADLE_DEMO=0 on an empty database for no demo.",
  ].join(" ");
}
