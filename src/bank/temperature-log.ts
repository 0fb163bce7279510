/**
 * A dry shipper's data logger export: CSV with a header, one reading per row, a time with its zone and a
 * temperature in °C. Column names vary between loggers; the common ones are accepted. Excursions are the
 * readings outside the shipment's limits, merged into intervals.
 */
import { parse } from "csv-parse/sync";
import { CradleError } from "../errors.js";
import type { Excursion } from "./schemas.js";

export interface TemperatureReading {
  recordedAt: string;
  celsius: number;
}

export type { Excursion } from "./schemas.js";

const TIME_COLUMNS = ["time", "timestamp", "recorded_at", "datetime", "date_time"];
const CELSIUS_COLUMNS = ["celsius", "temperature_c", "temp_c", "temperature", "°c"];

function column(header: string[], names: string[], what: string): number {
  const i = header.findIndex((h) => names.includes(h.trim().toLowerCase()));
  if (i < 0) {
    throw new CradleError(
      "INVALID_INPUT",
      `temperature log: no ${what} column (header is "${header.join(",")}"; use one of ${names.join(", ")})`,
      {
        field: "header",
        value: header.join(","),
      },
    );
  }
  return i;
}

/** Parses the log; every bad row is an error naming its line, field and value, and nothing is kept. */
export function parseTemperatureLog(csv: string): TemperatureReading[] {
  let rows: string[][];
  try {
    rows = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    throw new CradleError("INVALID_INPUT", `temperature log: not CSV: ${(e as Error).message}`, {
      field: "csv",
    });
  }
  const header = rows[0];
  if (!header) throw new CradleError("INVALID_INPUT", "temperature log: empty file", { field: "csv" });
  const t = column(header, TIME_COLUMNS, "time");
  const c = column(header, CELSIUS_COLUMNS, "temperature (°C)");
  const seen = new Set<string>();
  const readings: TemperatureReading[] = [];
  rows.slice(1).forEach((row, k) => {
    const line = k + 2;
    const time = row[t] ?? "";
    const when = new Date(time);
    if (
      !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(time) ||
      Number.isNaN(when.getTime()) ||
      !/(Z|[+-]\d{2}:?\d{2})$/.test(time)
    ) {
      throw new CradleError(
        "INVALID_INPUT",
        `temperature log line ${line}: time "${time}" is not an ISO 8601 time with a zone`,
        { field: header[t], line, value: time },
      );
    }
    const text = row[c] ?? "";
    const celsius = Number(text);
    if (text === "" || !Number.isFinite(celsius) || celsius < -273.15 || celsius > 100) {
      throw new CradleError(
        "INVALID_INPUT",
        `temperature log line ${line}: temperature "${text}" is not a number of °C`,
        { field: header[c], line, value: text },
      );
    }
    const iso = when.toISOString();
    if (seen.has(iso)) {
      throw new CradleError("INVALID_INPUT", `temperature log line ${line}: a second reading at ${iso}`, {
        field: header[t],
        line,
        value: time,
      });
    }
    seen.add(iso);
    readings.push({ recordedAt: iso, celsius });
  });
  if (readings.length === 0)
    throw new CradleError("INVALID_INPUT", "temperature log: no readings", { field: "csv" });
  return readings.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** Readings outside [min, max], merged into runs of consecutive readings. */
export function findExcursions(
  readings: readonly TemperatureReading[],
  maxCelsius: number,
  minCelsius: number | null,
): Excursion[] {
  const out: Excursion[] = [];
  let run: Excursion | undefined;
  const distance = (c: number) => Math.max(c - maxCelsius, minCelsius === null ? 0 : minCelsius - c);
  for (const r of readings) {
    const outside = r.celsius > maxCelsius || (minCelsius !== null && r.celsius < minCelsius);
    if (!outside) {
      run = undefined;
      continue;
    }
    if (!run) {
      run = { from: r.recordedAt, to: r.recordedAt, worstCelsius: r.celsius, readings: 0 };
      out.push(run);
    }
    run.to = r.recordedAt;
    run.readings++;
    if (distance(r.celsius) > distance(run.worstCelsius)) run.worstCelsius = r.celsius;
  }
  return out;
}
