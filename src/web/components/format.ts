/** How spans of time and cell doses read on screen. */

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

/** An instant to the minute, "2026-03-01 14:05 UTC", or "—" when there is none. */
export const utc = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "—");

/** An instant's day, "2026-03-01", or "—" when there is none. */
export const utcDay = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
