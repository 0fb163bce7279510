/**
 * Freezer and tank monitoring (issue 18 part 4) on the storage devices of bank/storage-model.ts: a quality
 * manager sets a device's thresholds, acknowledgment and silence intervals and its second person, and
 * creates (or rotates) the token its monitoring system posts with: shown once, kept as its SHA-256. Readings
 * come by CSV import (a signed-in user) or from the monitoring system (the token). One reading per device
 * and time: the same reading again is counted as a duplicate and changes nothing; a different value at a
 * time already read is refused, and the whole batch with it. Each batch is evaluated by alarms.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Act } from "../../accounts/act.js";
import { findUser } from "../../accounts/users.js";
import { appendAudit } from "../../audit/trail.js";
import { instant } from "../../contract/time.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import type { Store } from "../../store/connect.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import { type MonitoredDevice, escalateDue, evaluateReadings, monitoredDevices } from "./alarms.js";
import {
  CELSIUS,
  LN2_LEVEL,
  MAX_READINGS,
  MONITORING_DEFAULTS,
  READING_FUTURE_GRACE_MS,
  type ReadingSource,
} from "./constants.js";
import {
  type MonitoringSettings,
  type MonitoringSettingsInput,
  MonitoringSettingsSchema,
  type Reading,
  ReadingSchema,
  type ReadingsOutcome,
  type ReadingsPost,
  ReadingsPostSchema,
} from "./monitoring-schemas.js";

export type { MonitoringSettings, Reading, ReadingsOutcome } from "./monitoring-schemas.js";

type Db = Store["db"] | Tx;

const hash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

async function deviceNamed(db: Db, name: string) {
  const key = name.trim().toUpperCase();
  const d = await db.selectFrom("storageDevice").selectAll().where("name", "=", key).executeTakeFirst();
  if (!d) {
    throw new CradleError("STORAGE_NOT_DEFINED", `no storage device ${key}`, {
      field: "device",
      value: name,
    });
  }
  return d;
}

async function monitored(db: Db, name: string): Promise<MonitoredDevice> {
  const d = await deviceNamed(db, name);
  const [m] = await monitoredDevices(db, d.id);
  if (!m) {
    throw new CradleError(
      "MONITORING_NOT_SET",
      `device ${d.name} is not monitored: a quality manager sets its thresholds and second person first`,
      { field: "device", value: name },
    );
  }
  return m;
}

export async function monitoringSettings(db: Db): Promise<MonitoringSettings[]> {
  const rows = await db
    .selectFrom("monitoringDevice")
    .innerJoin("storageDevice", "storageDevice.id", "monitoringDevice.deviceId")
    .selectAll("monitoringDevice")
    .select(["storageDevice.name", "storageDevice.kind"])
    .orderBy("storageDevice.name")
    .execute();
  const out: MonitoringSettings[] = [];
  for (const r of rows) {
    const last = await db
      .selectFrom("monitoringReading")
      .select("readAt")
      .where("deviceId", "=", r.deviceId)
      .orderBy("readAt", "desc")
      .limit(1)
      .executeTakeFirst();
    out.push({
      device: r.name,
      kind: r.kind,
      maxCelsius: Number(r.maxCelsius),
      minLn2Level: r.minLn2Level === null ? null : Number(r.minLn2Level),
      ackMinutes: r.ackMinutes,
      silentMinutes: r.silentMinutes,
      escalateTo: r.escalateTo,
      hasToken: r.tokenHash !== null,
      tokenSetAt: r.tokenSetAt,
      lastReadingAt: last?.readAt ?? null,
    });
  }
  return out;
}

/** Sets how a device is monitored (a quality manager; audited with before and after). */
export async function setMonitoring(
  store: Store,
  input: MonitoringSettingsInput,
  act: Act,
): Promise<MonitoringSettings> {
  allow(act, "manageQuality");
  const s = check(MonitoringSettingsSchema, input);
  const second = await findUser(store, s.escalateTo.trim());
  if (!second) {
    throw new CradleError("INVALID_INPUT", `escalateTo: no active user ${s.escalateTo}`, {
      field: "escalateTo",
      value: s.escalateTo,
    });
  }
  await write(store, async (tx) => {
    const d = await deviceNamed(tx, s.device);
    const maxCelsius =
      s.maxCelsius ?? (d.kind === "ln2-tank" ? MONITORING_DEFAULTS.ln2MaxCelsius : undefined);
    if (maxCelsius === undefined) {
      throw new CradleError(
        "INVALID_INPUT",
        `maxCelsius: device ${d.name} is a ${d.kind}, which has no default alarm threshold: give one`,
        { field: "maxCelsius" },
      );
    }
    const before = await tx
      .selectFrom("monitoringDevice")
      .selectAll()
      .where("deviceId", "=", d.id)
      .executeTakeFirst();
    const row = {
      maxCelsius,
      minLn2Level: s.minLn2Level ?? null,
      ackMinutes: s.ackMinutes ?? MONITORING_DEFAULTS.ackMinutes,
      silentMinutes: s.silentMinutes ?? MONITORING_DEFAULTS.silentMinutes,
      escalateTo: second.username,
      setAt: act.at.toISOString(),
      setBy: act.user.username,
    };
    if (before) {
      await tx.updateTable("monitoringDevice").set(row).where("deviceId", "=", d.id).execute();
    } else {
      await tx
        .insertInto("monitoringDevice")
        .values({ deviceId: d.id, ...row, tokenHash: null, tokenSetAt: null, tokenSetBy: null })
        .execute();
    }
    const { tokenHash: _h, ...shown } = before ?? { tokenHash: null };
    await appendAudit(tx, {
      actor: act.user.username,
      action: "monitoring.set",
      entityType: "storage-device",
      entityId: d.name,
      ...(before ? { before: shown } : {}),
      after: { deviceId: d.id, ...row },
      at: act.at,
    });
  });
  const all = await monitoringSettings(store.db);
  return all.find((m) => m.device === s.device.trim().toUpperCase()) as MonitoringSettings;
}

/**
 * Creates or rotates the device's monitoring token (a quality manager): the token is returned this once
 * and only its SHA-256 is stored, so the old one stops working at once.
 */
export async function issueDeviceToken(
  store: Store,
  device: string,
  act: Act,
): Promise<{ device: string; token: string; setAt: string }> {
  allow(act, "manageQuality");
  const token = `cdm_${randomBytes(32).toString("base64url")}`;
  return write(store, async (tx) => {
    const m = await monitored(tx, device);
    const before = await tx
      .selectFrom("monitoringDevice")
      .select(["tokenSetAt", "tokenSetBy"])
      .where("deviceId", "=", m.deviceId)
      .executeTakeFirstOrThrow();
    const set = { tokenHash: hash(token), tokenSetAt: act.at.toISOString(), tokenSetBy: act.user.username };
    await tx.updateTable("monitoringDevice").set(set).where("deviceId", "=", m.deviceId).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: before.tokenSetAt ? "monitoring.token.rotate" : "monitoring.token.create",
      entityType: "storage-device",
      entityId: m.name,
      before,
      after: { tokenSetAt: set.tokenSetAt, tokenSetBy: set.tokenSetBy },
      at: act.at,
    });
    return { device: m.name, token, setAt: set.tokenSetAt };
  });
}

interface Checked {
  readAt: string;
  celsius: number;
  ln2Level: number | null;
}

function refuse(field: string, message: string, value?: unknown): never {
  throw new CradleError("INVALID_INPUT", `${field}: ${message}`, {
    field,
    ...(value === undefined ? {} : { value }),
  });
}

/** Checks each reading (time with its zone, not in the future, finite values within bounds), sorted by time. */
function checkReadings(readings: readonly Reading[], now: Date): Checked[] {
  if (readings.length === 0) refuse("readings", "no reading given");
  if (readings.length > MAX_READINGS)
    refuse("readings", `at most ${MAX_READINGS} readings at once`, readings.length);
  const byTime = new Map<string, Checked>();
  readings.forEach((input, i) => {
    const r = check(ReadingSchema, input);
    const readAt = instant(`readings[${i}].at`, r.at);
    if (Date.parse(readAt) > now.getTime() + READING_FUTURE_GRACE_MS)
      refuse(`readings[${i}].at`, "is in the future", r.at);
    const c: Checked = { readAt, celsius: r.celsius, ln2Level: r.ln2Level ?? null };
    const seen = byTime.get(readAt);
    if (seen && (seen.celsius !== c.celsius || seen.ln2Level !== c.ln2Level)) {
      throw new CradleError(
        "READING_CONFLICT",
        `readings[${i}]: ${readAt} is given twice with different values (${seen.celsius} and ${c.celsius} °C)`,
        { field: `readings[${i}].at`, value: r.at },
      );
    }
    byTime.set(readAt, c);
  });
  return [...byTime.values()].sort((a, b) => (a.readAt < b.readAt ? -1 : a.readAt > b.readAt ? 1 : 0));
}

async function ingest(
  store: Store,
  device: string,
  readings: readonly Reading[],
  source: ReadingSource,
  actor: string,
  at: Date,
): Promise<ReadingsOutcome> {
  const checked = checkReadings(readings, at);
  return write(store, async (tx) => {
    const m = await monitored(tx, device);
    const fresh: Checked[] = [];
    let duplicates = 0;
    for (const r of checked) {
      const old = await tx
        .selectFrom("monitoringReading")
        .selectAll()
        .where("deviceId", "=", m.deviceId)
        .where("readAt", "=", r.readAt)
        .executeTakeFirst();
      if (!old) {
        fresh.push(r);
        continue;
      }
      const oldLevel = old.ln2Level === null ? null : Number(old.ln2Level);
      if (Number(old.celsius) !== r.celsius || oldLevel !== r.ln2Level) {
        throw new CradleError(
          "READING_CONFLICT",
          `device ${m.name} already has a reading at ${r.readAt} (${old.celsius} °C): a different value (${r.celsius} °C) at the same time is refused`,
          { field: "at", value: r.readAt, device: m.name },
        );
      }
      duplicates++;
    }
    for (const r of fresh) {
      await tx
        .insertInto("monitoringReading")
        .values({ deviceId: m.deviceId, ...r, source, receivedAt: at.toISOString() })
        .execute();
    }
    if (fresh.length > 0) {
      await appendAudit(tx, {
        actor,
        action: "monitoring.readings",
        entityType: "storage-device",
        entityId: m.name,
        after: {
          source,
          stored: fresh.length,
          duplicates,
          first: fresh[0]?.readAt,
          last: fresh[fresh.length - 1]?.readAt,
          warmest: Math.max(...fresh.map((r) => r.celsius)),
        },
        at,
      });
    }
    const alarmsRaised = await evaluateReadings(tx, m, fresh, actor, at);
    const escalated = await escalateDue(tx, m, actor, at);
    return { device: m.name, stored: fresh.length, duplicates, alarmsRaised, escalated };
  });
}

/** Readings imported by a signed-in user (a CSV the monitoring software exported). */
export async function importReadings(
  store: Store,
  device: string,
  readings: readonly Reading[],
  act: Act,
): Promise<ReadingsOutcome> {
  allow(act, "importReadings");
  return ingest(store, device, readings, "csv", act.user.username, act.at);
}

/**
 * Readings posted by a device's monitoring system with its token. A missing, wrong or rotated token is
 * refused (DEVICE_TOKEN_INVALID) and the refusal audited.
 */
export async function postReadings(
  store: Store,
  input: ReadingsPost,
  token: string | undefined,
  at: Date,
  address?: string,
): Promise<ReadingsOutcome> {
  const body = check(ReadingsPostSchema, input);
  const m = await monitored(store.db, body.device);
  const row = await store.db
    .selectFrom("monitoringDevice")
    .select("tokenHash")
    .where("deviceId", "=", m.deviceId)
    .executeTakeFirstOrThrow();
  const given =
    typeof token === "string" && token.length <= 200 ? Buffer.from(hash(token), "hex") : undefined;
  const kept = row.tokenHash ? Buffer.from(row.tokenHash, "hex") : undefined;
  if (!given || !kept || !timingSafeEqual(given, kept)) {
    await write(store, (tx) =>
      appendAudit(tx, {
        actor: `monitor:${m.name}`,
        action: "monitoring.readings.refused",
        entityType: "storage-device",
        entityId: m.name,
        after: { code: "DEVICE_TOKEN_INVALID", address: address ?? null, tokenGiven: token !== undefined },
        reason: "missing or wrong device token",
        at,
      }),
    );
    throw new CradleError("DEVICE_TOKEN_INVALID", `the token for device ${m.name} is missing or wrong`, {
      device: m.name,
    });
  }
  return ingest(store, body.device, body.readings, "http", `monitor:${m.name}`, at);
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Parses a CSV of readings: a header naming `at` and `celsius` (and optionally `ln2_level`), then one
 * reading a line. A number is plain decimal digits (no NaN, Infinity, exponent or thousands separator);
 * a bad line is refused naming its line number, and nothing is imported.
 */
export function parseReadingsCsv(text: string): Reading[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const at = header.indexOf("at");
  const celsius = header.indexOf("celsius");
  const level = header.indexOf("ln2_level");
  if (at < 0 || celsius < 0)
    refuse("csv", 'line 1: the header names the columns "at" and "celsius" (and "ln2_level")');
  const out: Reading[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    if (out.length >= MAX_READINGS) refuse("csv", `at most ${MAX_READINGS} readings in one import`);
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== header.length)
      refuse("csv", `line ${i + 1}: ${cells.length} cells, the header has ${header.length}`);
    const num = (j: number, name: string, bounds: { min: number; max: number }): number => {
      const cell = cells[j] as string;
      if (!NUMBER.test(cell))
        refuse("csv", `line ${i + 1}: ${name} ${JSON.stringify(cell.slice(0, 40))} is not a number`);
      const n = Number(cell);
      if (n < bounds.min || n > bounds.max)
        refuse("csv", `line ${i + 1}: ${name} ${n} is outside ${bounds.min} to ${bounds.max}`);
      return n;
    };
    const r: Reading = { at: cells[at] as string, celsius: num(celsius, "celsius", CELSIUS) };
    if (level >= 0 && cells[level] !== "") r.ln2Level = num(level, "ln2_level", LN2_LEVEL);
    try {
      instant("at", r.at);
    } catch (e) {
      refuse("csv", `line ${i + 1}: ${(e as Error).message}`);
    }
    out.push(r);
  }
  if (out.length === 0) refuse("csv", "no reading after the header");
  return out;
}
