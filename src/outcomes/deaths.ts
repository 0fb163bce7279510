/**
 * The patient's death, recorded once (table `death`, one row per patient) and read by every report, curve
 * and export: a grade 5 adverse event and a vital-status form saying "not alive" both record it here. The
 * same date again confirms it (nothing is added); another date is refused naming the first record, which
 * a physician corrects with a reason instead.
 */
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { calendarDate } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { getPatient } from "../therapy/index.js";
import { allowOutcomes } from "./act.js";
import {
  type Death,
  type DeathCorrection,
  DeathCorrectionSchema,
  type DeathSource,
} from "./death-schemas.js";

type Db = Store["db"] | Tx;

function toDeath(r: Awaited<ReturnType<typeof rows>>[number]): Death {
  return { ...r, source: r.source as DeathSource };
}
function rows(db: Db, mrn?: string) {
  let q = db.selectFrom("death").selectAll();
  if (mrn) q = q.where("mrn", "=", mrn);
  return q.orderBy("mrn").execute();
}

/** Every recorded death by MRN: a fact read inside outcomes (its callers check the reader's role). */
export async function deathsOf(db: Db): Promise<Map<string, Death>> {
  return new Map((await rows(db)).map((r) => [r.mrn, toDeath(r)]));
}

/** The patient's recorded death, or undefined. */
export async function deathOf(db: Db, mrn: string): Promise<Death | undefined> {
  const [r] = await rows(db, mrn);
  return r ? toDeath(r) : undefined;
}

export type VitalStatus = { dead: true; diedOn: string; cause: string } | { dead: false };

/** Dead with date and cause when a death is recorded, else not known to be dead. */
export function vitalStatusOf(deaths: ReadonlyMap<string, Death>, mrn: string): VitalStatus {
  const d = deaths.get(mrn);
  return d ? { dead: true, diedOn: d.diedOn, cause: d.cause } : { dead: false };
}

const refuse = (field: string, value: string, reason: string) =>
  new CradleError("INVALID_INPUT", `${field} ${value} ${reason}`, { field, value, reason });

/** A date of death must be a real date, not before the birth and not after today. */
function checkDate(field: string, diedOn: string, birthAt: string, now: Date): string {
  calendarDate(field, diedOn);
  if (diedOn < birthAt.slice(0, 10))
    throw refuse(field, diedOn, `is before the birth (${birthAt.slice(0, 10)})`);
  if (diedOn > now.toISOString().slice(0, 10)) throw refuse(field, diedOn, "is in the future");
  return diedOn;
}

export function describeDeath(d: Death): string {
  return `${d.mrn} died on ${d.diedOn} (${d.cause}), recorded from ${d.source === "adverse-event" ? "adverse event" : "follow-up form"} ${d.sourceId} by ${d.recordedBy} at ${d.recordedAt}`;
}

/**
 * Records the death inside the caller's transaction (an adverse event's, a form's): the same date again
 * returns the first record unchanged; another date is refused (DEATH_ALREADY_RECORDED) naming the first.
 */
export async function recordDeathIn(
  tx: Tx,
  d: { mrn: string; diedOn: string; cause: string; source: DeathSource; sourceId: string; field: string },
  act: Act,
): Promise<{ death: Death; created: boolean }> {
  const patient = await getPatient(tx, d.mrn);
  checkDate(d.field, d.diedOn, patient.birthAt, act.at);
  const first = await deathOf(tx, patient.mrn);
  if (first) {
    if (first.diedOn === d.diedOn) return { death: first, created: false };
    throw new CradleError(
      "DEATH_ALREADY_RECORDED",
      `${d.field} ${d.diedOn}: ${describeDeath(first)}; a physician corrects that record with a reason`,
      { field: d.field, value: d.diedOn, first },
    );
  }
  const death: Death = {
    mrn: patient.mrn,
    diedOn: d.diedOn,
    cause: d.cause,
    source: d.source,
    sourceId: d.sourceId,
    recordedAt: act.at.toISOString(),
    recordedBy: act.user.username,
    correctedAt: null,
    correctedBy: null,
    correctionReason: null,
  };
  await tx.insertInto("death").values(death).execute();
  await appendAudit(tx, {
    actor: act.user.username,
    action: "death.record",
    entityType: "patient",
    entityId: patient.mrn,
    after: death,
    at: act.at,
  });
  return { death, created: true };
}

/** Corrects the recorded death's date or cause; the reason and the record before are kept (audit). */
export async function correctDeath(store: Store, input: DeathCorrection, act: Act): Promise<Death> {
  allowOutcomes(act, "correctDeath", "correct a recorded death");
  const given = check(DeathCorrectionSchema, input);
  return write(store, async (tx) => {
    const patient = await getPatient(tx, given.mrn);
    const before = await deathOf(tx, patient.mrn);
    if (!before) throw refuse("mrn", patient.mrn, "has no recorded death to correct");
    checkDate("diedOn", given.diedOn, patient.birthAt, act.at);
    const after: Death = {
      ...before,
      diedOn: given.diedOn,
      cause: given.cause.trim(),
      correctedAt: act.at.toISOString(),
      correctedBy: act.user.username,
      correctionReason: given.reason.trim(),
    };
    await tx
      .updateTable("death")
      .set({
        diedOn: after.diedOn,
        cause: after.cause,
        correctedAt: after.correctedAt,
        correctedBy: after.correctedBy,
        correctionReason: after.correctionReason,
      })
      .where("mrn", "=", patient.mrn)
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "death.correct",
      entityType: "patient",
      entityId: patient.mrn,
      before,
      after,
      at: act.at,
    });
    return after;
  });
}
