/**
 * Freezer and tank alarms (issue 18 part 4). A reading warmer than the device's threshold (or an LN2
 * level below its minimum) raises an alarm at that reading, unless one for the same condition is still
 * running; the first reading back in range marks it recovered (the exposure ends there). A device with no
 * reading for its silent interval raises a "silent" alarm. An alarm nobody acknowledged within the
 * device's acknowledgment time escalates to its second person, recorded with whom. Escalations and
 * silences are evaluated when readings arrive and by `sweepAlarms` at a time the caller gives (a
 * scheduler, `cradle quality sweep`, POST /api/quality/alarms/sweep): no timer lives here. Acknowledgment
 * and closure (the actions and the product impact assessment) are signed.
 */
import type { Act } from "../../accounts/act.js";
import { sign } from "../../audit/signatures.js";
import { appendAudit } from "../../audit/trail.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import type { Store } from "../../store/connect.js";
import type { Database } from "../../store/schema.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import { exposuresIn } from "../storage-history.js";
import type { AlarmKind, AlarmState } from "./constants.js";
import {
  AcknowledgeBodySchema,
  type Alarm,
  CloseAlarmBodySchema,
  type CloseAlarmInput,
  type SweepOutcome,
} from "./monitoring-schemas.js";
import { qualitySigner } from "./signing.js";

export type { Alarm, SweepOutcome } from "./monitoring-schemas.js";

type Db = Store["db"] | Tx;
type Row = Database["monitoringAlarm"];

/** A device's monitoring as the alarm rules need it. */
export interface MonitoredDevice {
  deviceId: string;
  name: string;
  maxCelsius: number;
  minLn2Level: number | null;
  ackMinutes: number;
  silentMinutes: number;
  escalateTo: string;
  setAt: string;
}

const MINUTE = 60_000;

export async function monitoredDevices(db: Db, deviceId?: string): Promise<MonitoredDevice[]> {
  let q = db
    .selectFrom("monitoringDevice")
    .innerJoin("storageDevice", "storageDevice.id", "monitoringDevice.deviceId")
    .select([
      "monitoringDevice.deviceId",
      "storageDevice.name",
      "monitoringDevice.maxCelsius",
      "monitoringDevice.minLn2Level",
      "monitoringDevice.ackMinutes",
      "monitoringDevice.silentMinutes",
      "monitoringDevice.escalateTo",
      "monitoringDevice.setAt",
    ]);
  if (deviceId) q = q.where("monitoringDevice.deviceId", "=", deviceId);
  const rows = await q.orderBy("storageDevice.name").execute();
  return rows.map((r) => ({
    ...r,
    maxCelsius: Number(r.maxCelsius),
    minLn2Level: r.minLn2Level === null ? null : Number(r.minLn2Level),
  }));
}

/** The alarm of this kind on this device whose condition has not ended, if any. */
async function running(tx: Tx, deviceId: string, kind: AlarmKind): Promise<Row | undefined> {
  return tx
    .selectFrom("monitoringAlarm")
    .selectAll()
    .where("deviceId", "=", deviceId)
    .where("kind", "=", kind)
    .where("recoveredAt", "is", null)
    .where("state", "!=", "closed")
    .executeTakeFirst();
}

async function raise(
  tx: Tx,
  device: MonitoredDevice,
  a: { kind: AlarmKind; startedAt: string; value: number | null; threshold: number | null },
  actor: string,
  at: Date,
): Promise<string> {
  const row: Row = {
    id: crypto.randomUUID(),
    deviceId: device.deviceId,
    kind: a.kind,
    state: "open",
    startedAt: a.startedAt,
    raisedAt: at.toISOString(),
    value: a.value,
    threshold: a.threshold,
    recoveredAt: null,
    escalatedAt: null,
    escalatedTo: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    ackSignatureId: null,
    actions: null,
    impact: null,
    closedAt: null,
    closedBy: null,
    closeSignatureId: null,
  };
  await tx.insertInto("monitoringAlarm").values(row).execute();
  await appendAudit(tx, {
    actor,
    action: "alarm.raise",
    entityType: "storage-device",
    entityId: device.name,
    after: row,
    reason:
      a.kind === "silent"
        ? `no reading from ${device.name} since ${a.startedAt}`
        : `${a.kind} on ${device.name}: ${a.value} beyond ${a.threshold} at ${a.startedAt}`,
    at,
  });
  return row.id;
}

async function recover(tx: Tx, alarm: Row, readAt: string, actor: string, at: Date): Promise<void> {
  await tx.updateTable("monitoringAlarm").set({ recoveredAt: readAt }).where("id", "=", alarm.id).execute();
  await appendAudit(tx, {
    actor,
    action: "alarm.recover",
    entityType: "alarm",
    entityId: alarm.id,
    before: alarm,
    after: { ...alarm, recoveredAt: readAt },
    at,
  });
}

/** Evaluates new readings, in time order, against the device's thresholds; returns the alarms raised. */
export async function evaluateReadings(
  tx: Tx,
  device: MonitoredDevice,
  readings: readonly { readAt: string; celsius: number; ln2Level: number | null }[],
  actor: string,
  at: Date,
): Promise<string[]> {
  const raised: string[] = [];
  for (const r of readings) {
    const silent = await running(tx, device.deviceId, "silent");
    if (silent && silent.startedAt < r.readAt) await recover(tx, silent, r.readAt, actor, at);
    const warm = await running(tx, device.deviceId, "excursion");
    if (r.celsius > device.maxCelsius) {
      if (!warm) {
        raised.push(
          await raise(
            tx,
            device,
            { kind: "excursion", startedAt: r.readAt, value: r.celsius, threshold: device.maxCelsius },
            actor,
            at,
          ),
        );
      }
    } else if (warm && warm.startedAt < r.readAt) {
      await recover(tx, warm, r.readAt, actor, at);
    }
    if (device.minLn2Level !== null && r.ln2Level !== null) {
      const low = await running(tx, device.deviceId, "ln2-low");
      if (r.ln2Level < device.minLn2Level) {
        if (!low) {
          raised.push(
            await raise(
              tx,
              device,
              { kind: "ln2-low", startedAt: r.readAt, value: r.ln2Level, threshold: device.minLn2Level },
              actor,
              at,
            ),
          );
        }
      } else if (low && low.startedAt < r.readAt) {
        await recover(tx, low, r.readAt, actor, at);
      }
    }
  }
  return raised;
}

/** Escalates this device's alarms unacknowledged for its acknowledgment time (at `at` or after it). */
export async function escalateDue(
  tx: Tx,
  device: MonitoredDevice,
  actor: string,
  at: Date,
): Promise<string[]> {
  const open = await tx
    .selectFrom("monitoringAlarm")
    .selectAll()
    .where("deviceId", "=", device.deviceId)
    .where("state", "=", "open")
    .where("escalatedAt", "is", null)
    .orderBy("raisedAt")
    .execute();
  const out: string[] = [];
  for (const a of open) {
    if (at.getTime() - Date.parse(a.raisedAt) < device.ackMinutes * MINUTE) continue;
    const set = { escalatedAt: at.toISOString(), escalatedTo: device.escalateTo };
    await tx.updateTable("monitoringAlarm").set(set).where("id", "=", a.id).execute();
    await appendAudit(tx, {
      actor,
      action: "alarm.escalate",
      entityType: "alarm",
      entityId: a.id,
      before: a,
      after: { ...a, ...set },
      reason: `not acknowledged within ${device.ackMinutes} minutes: escalated to ${device.escalateTo}`,
      at,
    });
    out.push(a.id);
  }
  return out;
}

async function lastReadingAt(db: Db, deviceId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom("monitoringReading")
    .select("readAt")
    .where("deviceId", "=", deviceId)
    .orderBy("readAt", "desc")
    .limit(1)
    .executeTakeFirst();
  return r?.readAt;
}

/**
 * The periodic check at `at`: a device silent for its interval alarms (once, until a reading comes), and
 * every alarm unacknowledged for its device's acknowledgment time escalates.
 */
export async function sweepAlarms(store: Store, at: Date, actor = "monitoring sweep"): Promise<SweepOutcome> {
  return write(store, async (tx) => {
    const raised: string[] = [];
    const escalated: string[] = [];
    for (const device of await monitoredDevices(tx)) {
      const since = (await lastReadingAt(tx, device.deviceId)) ?? device.setAt;
      if (at.getTime() - Date.parse(since) >= device.silentMinutes * MINUTE) {
        if (!(await running(tx, device.deviceId, "silent"))) {
          raised.push(
            await raise(
              tx,
              device,
              { kind: "silent", startedAt: since, value: null, threshold: null },
              actor,
              at,
            ),
          );
        }
      }
      escalated.push(...(await escalateDue(tx, device, actor, at)));
    }
    return { raised, escalated };
  });
}

/** The sweep run by a signed-in user (CLI, HTTP). */
export async function sweepAlarmsBy(store: Store, act: Act): Promise<SweepOutcome> {
  allow(act, "importReadings");
  return sweepAlarms(store, act.at, act.user.username);
}

/**
 * The products in the device at any time while the condition lasted (to recovery, or now), down to rack and
 * box, with their minutes in it: from the storage history, so a product moved or shipped out meanwhile is
 * listed (with when it left) and one stored after recovery is not.
 */
async function exposed(db: Db, a: Row, now: Date): Promise<Alarm["products"]> {
  const end = a.recoveredAt ?? now.toISOString();
  const stays = await exposuresIn(db, a.deviceId, a.startedAt, end < a.startedAt ? a.startedAt : end);
  return stays.map((e) => ({
    productId: e.productId,
    din: e.din,
    location: `${e.freezer}/${e.rack}/${e.box}/${e.position}`,
    rack: e.rack,
    box: e.box,
    position: e.position,
    leftAt: e.leftAt,
    exposureMinutes: Math.round(e.ms / MINUTE),
  }));
}

async function toAlarm(db: Db, r: Row, now: Date): Promise<Alarm> {
  const d = await db
    .selectFrom("storageDevice")
    .select("name")
    .where("id", "=", r.deviceId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    device: d.name,
    kind: r.kind as AlarmKind,
    state: r.state as AlarmState,
    startedAt: r.startedAt,
    raisedAt: r.raisedAt,
    value: r.value === null ? null : Number(r.value),
    threshold: r.threshold === null ? null : Number(r.threshold),
    recoveredAt: r.recoveredAt,
    escalatedAt: r.escalatedAt,
    escalatedTo: r.escalatedTo,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedBy,
    ackNote: r.ackNote,
    ackSignatureId: r.ackSignatureId,
    actions: r.actions,
    impact: r.impact,
    closedAt: r.closedAt,
    closedBy: r.closedBy,
    closeSignatureId: r.closeSignatureId,
    products: await exposed(db, r, now),
  };
}

async function rowOf(db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom("monitoringAlarm").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new CradleError("QUALITY_RECORD_NOT_FOUND", `no alarm ${id}`, { field: "id", value: id });
  return row;
}

export async function getAlarm(db: Db, id: string, now: Date): Promise<Alarm> {
  return toAlarm(db, await rowOf(db, id), now);
}

/** Alarms newest first; `open` lists those not closed. */
export async function listAlarms(db: Db, now: Date, o: { open?: boolean } = {}): Promise<Alarm[]> {
  let q = db.selectFrom("monitoringAlarm").selectAll();
  if (o.open) q = q.where("state", "!=", "closed");
  const rows = await q.orderBy("raisedAt", "desc").orderBy("id").limit(200).execute();
  const out: Alarm[] = [];
  for (const r of rows) out.push(await toAlarm(db, r, now));
  return out;
}

/** Acknowledges an open alarm, signed (meaning "reviewed"), with what was seen and done first. */
export async function acknowledgeAlarm(
  store: Store,
  id: string,
  input: { note: string; password: string },
  act: Act,
): Promise<Alarm> {
  allow(act, "acknowledgeAlarm");
  const b = check(AcknowledgeBodySchema, input);
  const signer = await qualitySigner(store, act, b.password, "reviewed", "alarm", id);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    if (before.state !== "open") {
      throw new CradleError(
        "QUALITY_STATE",
        `alarm ${id} is ${before.state}: only an open alarm is acknowledged`,
        {
          id,
          state: before.state,
        },
      );
    }
    const signature = await sign(tx, signer, {
      meaning: "reviewed",
      entityType: "alarm",
      entityId: id,
      record: { alarm: before, note: b.note },
      at: act.at,
    });
    const set = {
      state: "acknowledged",
      acknowledgedAt: act.at.toISOString(),
      acknowledgedBy: act.user.username,
      ackNote: b.note,
      ackSignatureId: signature.id,
    };
    await tx
      .updateTable("monitoringAlarm")
      .set(set)
      .where("id", "=", id)
      .where("state", "=", "open")
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "alarm.acknowledge",
      entityType: "alarm",
      entityId: id,
      before,
      after: { ...before, ...set },
      reason: b.note,
      at: act.at,
    });
  });
  return getAlarm(store.db, id, act.at);
}

/**
 * Closes an acknowledged alarm whose condition has ended, with the actions taken and the product impact
 * assessment, signed by a quality manager (meaning "approved"); the products exposed are part of the
 * signed record.
 */
export async function closeAlarm(
  store: Store,
  id: string,
  input: CloseAlarmInput & { password: string },
  act: Act,
): Promise<Alarm> {
  allow(act, "manageQuality");
  const b = check(CloseAlarmBodySchema, input);
  const signer = await qualitySigner(store, act, b.password, "approved", "alarm", id);
  await write(store, async (tx) => {
    const before = await rowOf(tx, id);
    if (before.state !== "acknowledged") {
      throw new CradleError(
        "QUALITY_STATE",
        `alarm ${id} is ${before.state}: it is acknowledged before it is closed`,
        {
          id,
          state: before.state,
        },
      );
    }
    if (before.recoveredAt === null) {
      throw new CradleError(
        "QUALITY_STATE",
        `alarm ${id}'s condition has not ended (no reading back in range yet): it cannot be closed`,
        { id },
      );
    }
    const products = await exposed(tx, before, act.at);
    const signature = await sign(tx, signer, {
      meaning: "approved",
      entityType: "alarm",
      entityId: id,
      record: { alarm: before, products, actions: b.actions, impact: b.impact },
      at: act.at,
    });
    const set = {
      state: "closed",
      actions: b.actions,
      impact: b.impact,
      closedAt: act.at.toISOString(),
      closedBy: act.user.username,
      closeSignatureId: signature.id,
    };
    await tx.updateTable("monitoringAlarm").set(set).where("id", "=", id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "alarm.close",
      entityType: "alarm",
      entityId: id,
      before,
      after: { ...before, ...set, products },
      reason: b.impact.slice(0, 200),
      at: act.at,
    });
  });
  return getAlarm(store.db, id, act.at);
}
