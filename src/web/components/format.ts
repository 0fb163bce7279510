/**
 * How times, spans and cell doses read on screen. Instants are shown in the browser's own zone with the zone
 * named ("2 Dec 2026, 09:14 CET"), so nobody converts UTC in their head at the bedside; entered times are
 * the user's local clock, turned into an instant before they leave the page (the stored value is an instant).
 */

/** "04:12:09", or "1 d 04:12:09" past a day; the sign is left to the caller ("in" or "ago"). */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  return d > 0 ? `${d} d ${hms}` : hms;
}

/** A cell dose in scientific notation, "2.50×10^7": the way doses are prescribed. */
export const sci = (n: number) => n.toExponential(2).replace(/e\+?(-?\d+)/, "×10^$1");

const MINUTE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});
const SECOND = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

const valid = (iso: string | null | undefined): iso is string =>
  typeof iso === "string" && iso !== "" && !Number.isNaN(Date.parse(iso));

/** An instant to the minute in the user's zone, "2 Dec 2026, 09:14 CET"; "—" when there is none. */
export const when = (iso: string | null | undefined) => (valid(iso) ? MINUTE.format(new Date(iso)) : "—");

/** The same to the second (signatures, checks): "2 Dec 2026, 09:14:05 CET". */
export const whenExact = (iso: string | null | undefined) =>
  valid(iso) ? SECOND.format(new Date(iso)) : "—";

/** An instant's day in the user's zone, "2 Dec 2026"; "—" when there is none. */
export const day = (iso: string | null | undefined) => (valid(iso) ? DAY.format(new Date(iso)) : "—");

/**
 * A calendar date as recorded ("2026-12-02", no zone): shown as that day, never shifted by the user's zone.
 */
export const calendarDay = (date: string | null | undefined) =>
  date ? DAY.format(new Date(`${date.slice(0, 10)}T12:00:00Z`)) : "—";

/** The user's zone as the screen names it ("CET", "GMT-5"): said beside every time field. */
export function zoneName(at = new Date()): string {
  return MINUTE.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "local time";
}

/** A datetime-local field's value (the user's clock) as an ISO instant; undefined when empty or unreadable. */
export function localToInstant(local: string): string | undefined {
  if (local.trim() === "") return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
