/**
 * Times a user gives: ISO 8601 with a zone (a time without one is ambiguous across sites and daylight-
 * saving changes), kept in UTC. The bank and therapy both read times through here.
 */
import { CradleError } from "../errors.js";

/** Parses an ISO 8601 date and time with Z or an offset; returns it in UTC. */
export function instant(field: string, value: string): string {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new CradleError(
      "INVALID_INPUT",
      `${field} "${value}" is not an ISO 8601 date and time with its zone, e.g. 2026-03-01T04:30:00-05:00`,
      {
        field,
        value,
      },
    );
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new CradleError(
      "INVALID_INPUT",
      `${field} "${value}" has no time zone: give it with its zone, Z or an offset such as +01:00`,
      {
        field,
        value,
      },
    );
  }
  return d.toISOString();
}

/** As instant, and not after now (a minute's grace for clocks): results are recorded after they happen. */
export function pastInstant(field: string, value: string, now: Date): string {
  const iso = instant(field, value);
  if (Date.parse(iso) > now.getTime() + 60_000) {
    throw new CradleError("INVALID_INPUT", `${field} ${value} is in the future`, { field, value });
  }
  return iso;
}
