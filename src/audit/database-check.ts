/**
 * Is this database sound as a record? The store's own checks (pages, foreign keys, every table readable)
 * and the audit trail's hash chain, together, in one report with one verdict. The database is opened for
 * inspection only: nothing is migrated or written, so a damaged database is looked at as it is, and a
 * read error is a finding, never a crash.
 */
import { existsSync, statSync } from "node:fs";
import { type Dialect, type Store, openStore, parseDatabaseUrl } from "../store/connect.js";
import {
  type Check,
  type DatabaseState,
  type TableCount,
  classifyDatabaseError,
  quickStorageChecks,
  storageChecks,
  tableCounts,
  tableNames,
} from "../store/integrity.js";
import { type AuditVerification, GENESIS_HASH, eventHash, verifyAudit } from "./trail.js";

export interface DatabaseReport {
  dialect: Dialect;
  location: string;
  state: DatabaseState;
  checks: Check[];
  /** Rows per table (the full check only). */
  tables: TableCount[];
  audit: AuditVerification | null;
  ms: number;
}

/** How many of the latest events a quick check re-hashes and links to the head. */
const TAIL = 200;

/**
 * The full check (`cradle db check`, a restore's verification) or the quick one (server start: SQLite's
 * quick_check and the tail of the chain against its head, not the whole chain).
 */
export async function checkDatabase(url: string, mode: "full" | "quick" = "full"): Promise<DatabaseReport> {
  const t0 = performance.now();
  const { dialect, target } = parseDatabaseUrl(url);
  const report: DatabaseReport = {
    dialect,
    location: dialect === "sqlite" ? `sqlite ${target}` : `postgres ${target.replace(/\/\/[^@/]*@/, "//")}`,
    state: "ok",
    checks: [],
    tables: [],
    audit: null,
    ms: 0,
  };
  const fail = (name: string, e: unknown) => {
    const c = classifyDatabaseError(e);
    report.checks.push({ name, ok: false, detail: c.message });
    // Unreachable is the worse news for an operator only when nothing else was found damaged.
    if (report.state !== "damaged") report.state = c.state;
  };
  let store: Store | undefined;
  try {
    if (dialect === "sqlite" && target !== ":memory:" && !existsSync(target))
      throw Object.assign(new Error(`no database file at ${target}`), { code: "SQLITE_CANTOPEN" });
    store = await openStore(url, { inspect: true });
    report.location = store.location;
  } catch (e) {
    fail("open", e);
  }
  if (store) {
    try {
      const steps: [string, () => Promise<void>][] = [
        [
          "storage",
          async () => {
            const s = store as Store;
            report.checks.push(...(mode === "full" ? await storageChecks(s) : await quickStorageChecks(s)));
          },
        ],
        [
          "table counts",
          async () => {
            if (mode === "full") report.tables = await tableCounts(store as Store);
          },
        ],
        [
          "audit trail",
          async () => {
            if (mode === "quick") {
              report.checks.push(await auditTailCheck(store as Store));
              return;
            }
            const v = await verifyAudit(store as Store);
            report.audit = v;
            report.checks.push({
              name: "audit trail",
              ok: v.ok,
              detail: v.ok
                ? `${v.events} events, every link intact; head ${v.headSeq} ${v.headHash}`
                : `broken at event ${v.seq}: ${v.reason} (${v.events} events verified before it)`,
            });
          },
        ],
      ];
      for (const [name, run] of steps) {
        try {
          await run();
        } catch (e) {
          fail(name, e);
        }
        if (report.state === "unreachable") break; // the next steps would only say it again
      }
    } finally {
      await store.close().catch(() => {});
    }
  }
  if (report.checks.some((c) => !c.ok) && report.state === "ok") report.state = "damaged";
  report.ms = performance.now() - t0;
  return report;
}

/**
 * What the server checks before it starts: the quick check, but a database that does not exist yet (an
 * SQLite file not yet created, an empty file, a PostgreSQL database with no tables) is new, not damaged.
 */
export async function checkBeforeStart(url: string): Promise<DatabaseReport | "new"> {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === "sqlite" && (target === ":memory:" || !existsSync(target) || statSync(target).size === 0))
    return "new";
  if (dialect === "postgres") {
    try {
      const store = await openStore(url, { inspect: true });
      try {
        if ((await tableNames(store)).length === 0) return "new";
      } finally {
        await store.close();
      }
    } catch {
      // Reported by the check below, with the reason.
    }
  }
  return checkDatabase(url, "quick");
}

/**
 * The latest events re-hashed and linked to each other and to the head: cheap (one page of rows), so a
 * server can run it at start and on every health request. A deleted tail, an edited recent event or a
 * head that points nowhere shows here; an edit deep in the past shows only in the full verification.
 */
export async function auditTailCheck(store: Store): Promise<Check> {
  const name = "audit trail (latest events)";
  const head = await store.db.selectFrom("auditHead").selectAll().where("id", "=", 1).executeTakeFirst();
  if (!head) return { name, ok: false, detail: "the audit head row is missing" };
  const headSeq = Number(head.lastSeq);
  const rows = await store.db
    .selectFrom("auditEvent")
    .selectAll()
    .orderBy("seq", "desc")
    .limit(TAIL)
    .execute();
  const top = rows[0];
  if (!top) {
    return headSeq === 0 && head.lastHash === GENESIS_HASH
      ? { name, ok: true, detail: "no events yet" }
      : { name, ok: false, detail: `the head says ${headSeq} events but the trail has none` };
  }
  if (Number(top.seq) !== headSeq || top.hash !== head.lastHash)
    return {
      name,
      ok: false,
      detail: `the head (event ${headSeq}) does not point at the last event (${Number(top.seq)})`,
    };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as (typeof rows)[number];
    const seq = Number(row.seq);
    if (eventHash({ ...row, seq }) !== row.hash)
      return { name, ok: false, detail: `event ${seq} was altered: its contents do not match its hash` };
    const before = rows[i + 1];
    if (before && (Number(before.seq) !== seq - 1 || before.hash !== row.prevHash))
      return { name, ok: false, detail: `event ${seq} does not follow event ${seq - 1}` };
    if (!before && seq === 1 && row.prevHash !== GENESIS_HASH)
      return { name, ok: false, detail: "event 1 does not start the chain" };
  }
  return {
    name,
    ok: true,
    detail: `the latest ${rows.length} events link to the head ${headSeq} ${head.lastHash}`,
  };
}

/**
 * The whole chain of the database at `url`, opened for inspection; a database that cannot be read is a
 * failed verification with the reason, never an exception (a plain copy of a live SQLite file is often
 * damaged, and its reader deserves a sentence, not a stack trace).
 */
export async function verifyAuditAt(
  url: string,
): Promise<AuditVerification | { ok: false; unreadable: string; state: "damaged" | "unreachable" }> {
  try {
    const store = await openStore(url, { inspect: true });
    try {
      return await verifyAudit(store);
    } finally {
      await store.close().catch(() => {});
    }
  } catch (e) {
    const c = classifyDatabaseError(e);
    return { ok: false, unreadable: c.message, state: c.state };
  }
}

/** The state of an open store, cheaply: for /api/health on every request. */
export async function probeStore(store: Store): Promise<{ state: DatabaseState; detail: string }> {
  try {
    const c = await auditTailCheck(store);
    return { state: c.ok ? "ok" : "damaged", detail: c.detail };
  } catch (e) {
    const c = classifyDatabaseError(e);
    return { state: c.state, detail: c.message };
  }
}
