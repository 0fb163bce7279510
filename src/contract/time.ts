/**
 * Times and dates a user gives, read strictly: ISO 8601 with an explicit zone (a time without one is
 * ambiguous across sites and daylight-saving changes), calendar-valid (2026-02-30 is refused, never rolled
 * over to 2 March), kept in UTC. Every service and face reads times through here; the schemas' `instant`
 * and `calendar-date` formats are these same checks.
 */
import { CradleError } from "../errors.js";

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** The UTC milliseconds of an ISO 8601 instant with its zone, or null when it is not one or not in the calendar. */
export function instantMs(value: string): number | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMin = 0;
  if (m[8] !== "Z") {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return null;
    offsetMin = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const frac = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  return Date.UTC(y, mo - 1, d, h, mi, s, frac) - offsetMin * 60_000;
}

export function isInstant(value: string): boolean {
  return instantMs(value) !== null;
}

/** A calendar date YYYY-MM-DD that exists. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function refuse(field: string, value: string, reason: string): never {
  throw new CradleError("INVALID_INPUT", `${field} "${shorten(value)}" ${reason}`, {
    field,
    value: shorten(value),
    reason,
  });
}

/** A value as it may be quoted in a message: at most 60 characters, control characters escaped. */
export function shorten(value: unknown): string {
  const s = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const cut = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped here
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Parses an ISO 8601 date and time with Z or an offset; returns it in UTC. */
export function instant(field: string, value: string): string {
  if (typeof value !== "string") refuse(field, String(value), "is not a date and time");
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    refuse(field, value, "has no time zone: give it with its zone, Z or an offset such as +01:00");
  }
  const ms = instantMs(value);
  if (ms === null) {
    refuse(
      field,
      value,
      "is not an ISO 8601 date and time with its zone that exists in the calendar, e.g. 2026-03-01T04:30:00-05:00",
    );
  }
  return new Date(ms).toISOString();
}

/** As instant, and not after now (a minute's grace for clocks): results are recorded after they happen. */
export function pastInstant(field: string, value: string, now: Date): string {
  const iso = instant(field, value);
  if (Date.parse(iso) > now.getTime() + 60_000) refuse(field, value, "is in the future");
  return iso;
}

/** Parses a calendar date YYYY-MM-DD that exists. */
export function calendarDate(field: string, value: string): string {
  if (typeof value !== "string" || !isCalendarDate(value)) {
    refuse(field, String(value), "is not a calendar date YYYY-MM-DD that exists");
  }
  return value;
}
