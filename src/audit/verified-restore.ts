/**
 * `cradle db restore`: the store restores a backup's copy, this checks it in full (storage, foreign keys,
 * the whole audit chain) and only then puts it in place. A copy that fails is removed, and the report
 * says why: a restore reports success only for a database that verifies.
 */
import { stageRestore } from "../store/restore.js";
import { type DatabaseReport, checkDatabase } from "./database-check.js";

export interface RestoreReport {
  ok: boolean;
  file: string;
  target: string;
  method: string;
  check: DatabaseReport;
  /** When the copy failed: what was done with it. */
  discarded?: string;
  ms: number;
}

export async function restoreVerified(
  file: string,
  targetUrl: string,
  into: boolean,
): Promise<RestoreReport> {
  const t0 = performance.now();
  const staged = await stageRestore(file, targetUrl, into);
  let check: DatabaseReport;
  try {
    check = await checkDatabase(staged.stagingUrl, "full");
  } catch (e) {
    await staged.discard();
    throw e;
  }
  const base = { file, target: staged.target, method: staged.method, check };
  if (check.state !== "ok") {
    const discarded = await staged.discard();
    return { ok: false, ...base, discarded, ms: performance.now() - t0 };
  }
  await staged.commit();
  return { ok: true, ...base, ms: performance.now() - t0 };
}
