/**
 * Property tests of every date and time parser in src/contract/time.ts against an oracle written here: the
 * proleptic Gregorian calendar as a day count (never Date's rollover, which turns 2026-02-30 into 2 March).
 * Generated texts mix valid and invalid years, months, days, hours, minutes, seconds, fractions, separators
 * and zones; a parser must accept exactly the valid ones and read each to the same UTC instant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CalendarDate,
  Instant,
  calendarDate,
  instant,
  instantMs,
  isCalendarDate,
  isInstant,
  pastInstant,
  refusalOf,
} from "../../src/contract/index.js";
import { CradleError } from "../../src/errors.js";

const RUNS = { numRuns: 3000, seed: 20261201 };

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
/** Cradle's calendar: years 1900 to 2999 (time.ts), days that exist. */
const validDate = (y: number, m: number, d: number) =>
  y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);

/** Days from 1970-01-01 in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
function dayCount(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const two = (n: number) => String(n).padStart(2, "0");
const four = (n: number) => String(n).padStart(4, "0");

const year = fc.oneof(
  fc.integer({ min: 1890, max: 3010 }),
  fc.constantFrom(1899, 1900, 2000, 2023, 2024, 2025, 2026, 2100, 2400, 2999, 3000),
);
const zone = fc.oneof(
  fc.constant({ text: "Z", minutes: 0, valid: true }),
  fc.constant({ text: "z", minutes: 0, valid: false }),
  fc.constant({ text: "", minutes: 0, valid: false }),
  fc
    .record({
      sign: fc.constantFrom("+", "-"),
      h: fc.integer({ min: 0, max: 16 }),
      m: fc.constantFrom(0, 15, 30, 45, 59, 60),
      colon: fc.boolean(),
    })
    .map(({ sign, h, m, colon }) => ({
      text: `${sign}${two(h)}${colon ? ":" : ""}${two(m)}`,
      minutes: (sign === "-" ? -1 : 1) * (h * 60 + m),
      // Cradle's bound on an offset: at most 14 hours, minutes below 60.
      valid: h <= 14 && m <= 59,
    })),
);

const stamp = fc.record({
  y: year,
  mo: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
  h: fc.integer({ min: 0, max: 25 }),
  mi: fc.integer({ min: 0, max: 61 }),
  s: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
  frac: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
  sep: fc.constantFrom("T", "T", "T", " ", "t"),
  zone,
});
type Stamp = typeof stamp extends fc.Arbitrary<infer T> ? T : never;

function textOf(t: Stamp): string {
  const seconds = `${t.s === undefined ? "" : `:${two(t.s)}`}${t.frac === undefined ? "" : `.${t.frac}`}`;
  return `${four(t.y)}-${two(t.mo)}-${two(t.d)}${t.sep}${two(t.h)}:${two(t.mi)}${seconds}${t.zone.text}`;
}

/** The oracle: the UTC milliseconds a valid stamp stands for, or null when it is not valid. */
function oracle(t: Stamp): number | null {
  const valid =
    validDate(t.y, t.mo, t.d) &&
    t.h <= 23 &&
    t.mi <= 59 &&
    (t.s ?? 0) <= 59 &&
    t.sep === "T" &&
    t.zone.valid &&
    // A fraction needs its seconds (ISO 8601 extended form).
    (t.frac === undefined || t.s !== undefined);
  if (!valid) return null;
  // Milliseconds from the fraction's digits, truncated: no floating point between the text and the instant.
  const ms = t.frac === undefined ? 0 : Number(t.frac.padEnd(3, "0").slice(0, 3));
  const local =
    dayCount(t.y, t.mo, t.d) * 86_400_000 + t.h * 3_600_000 + t.mi * 60_000 + (t.s ?? 0) * 1000 + ms;
  return local - t.zone.minutes * 60_000;
}

const refused = (f: () => unknown) => {
  try {
    f();
    return false;
  } catch (e) {
    if (e instanceof CradleError && e.code === "INVALID_INPUT") return true;
    throw e;
  }
};

describe("instants: every parser accepts exactly the calendar-valid ones, with their zone", () => {
  it("instantMs, isInstant, instant() and the schema's instant format agree with the oracle", () => {
    fc.assert(
      fc.property(stamp, (t) => {
        const text = textOf(t);
        const want = oracle(t);
        expect(instantMs(text), text).toBe(want);
        expect(isInstant(text), text).toBe(want !== null);
        expect(refusalOf(Instant(), text) === null, text).toBe(want !== null);
        if (want === null)
          expect(
            refused(() => instant("at", text)),
            text,
          ).toBe(true);
        else {
          const iso = instant("at", text);
          expect(iso, text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(Date.parse(iso), text).toBe(want);
        }
      }),
      RUNS,
    );
  });

  it("pastInstant() accepts a valid instant exactly when it is at most a minute after now", () => {
    const now = new Date(Date.UTC(2026, 5, 15, 12, 0, 0));
    fc.assert(
      fc.property(stamp, (t) => {
        const text = textOf(t);
        const want = oracle(t);
        const ok = want !== null && want <= now.getTime() + 60_000;
        expect(!refused(() => pastInstant("at", text, now)), text).toBe(ok);
      }),
      RUNS,
    );
  });

  it("refuses the impossible instants of issue 13 by name", () => {
    for (const text of [
      "2026-02-30T10:00:00Z",
      "2026-13-01T00:00:00Z",
      "2025-02-29T10:00:00Z",
      "2026-03-01T24:00:00Z",
      "2026-03-01T10:00:00",
    ])
      expect(isInstant(text), text).toBe(false);
    expect(instant("at", "2024-02-29T23:30:00-05:00")).toBe("2024-03-01T04:30:00.000Z");
  });
});

describe("calendar dates: exactly the days that exist", () => {
  it("isCalendarDate, calendarDate() and the schema's calendar-date format agree with the oracle", () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${four(y)}-${two(m)}-${two(d)}`;
        const want = validDate(y, m, d);
        expect(isCalendarDate(text), text).toBe(want);
        expect(refusalOf(CalendarDate(), text) === null, text).toBe(want);
        if (want) expect(calendarDate("on", text)).toBe(text);
        else
          expect(
            refused(() => calendarDate("on", text)),
            text,
          ).toBe(true);
      }),
      RUNS,
    );
  });

  it("refuses dates in other shapes", () => {
    for (const text of [
      "2026-3-01",
      "26-03-01",
      "2026/03/01",
      "2026-03-01T00:00:00Z",
      " 2026-03-01",
      "2026-02-29",
    ])
      expect(isCalendarDate(text), text).toBe(false);
  });
});
