/** Reading listing files: CSV with a header row (csv-parse) or NDJSON, each record with its line number. */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import type { SourceRecord } from "./listings.js";

export type SourceFormat = "csv" | "ndjson";

/** The format a file name says, gzip aside: .csv or .ndjson/.jsonl. */
export function formatOf(file: string): SourceFormat | undefined {
  const f = file.replace(/\.gz$/, "");
  if (f.endsWith(".csv")) return "csv";
  if (f.endsWith(".ndjson") || f.endsWith(".jsonl")) return "ndjson";
  return undefined;
}

export function openFile(file: string): Readable {
  const s = createReadStream(file);
  return file.endsWith(".gz") ? s.pipe(createGunzip()) : s;
}

export async function* ndjsonRecords(input: Readable): AsyncGenerator<SourceRecord> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() === "") continue;
    try {
      const record = JSON.parse(text) as unknown;
      if (record === null || typeof record !== "object" || Array.isArray(record)) {
        yield { line, error: "is not a JSON object" };
      } else yield { line, record: record as Record<string, unknown> };
    } catch (e) {
      yield { line, error: `is not valid JSON: ${(e as Error).message}` };
    }
  }
}

export async function* csvRecords(input: Readable): AsyncGenerator<SourceRecord> {
  const parser = input.pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }),
  );
  for await (const row of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; invalid_field_length: number };
  }>) {
    if (row.info.invalid_field_length > 0) {
      yield { line: row.info.lines, error: "has a different number of fields than the header" };
    } else yield { line: row.info.lines, record: row.record };
  }
}

export function records(input: Readable, format: SourceFormat): AsyncGenerator<SourceRecord> {
  return format === "csv" ? csvRecords(input) : ndjsonRecords(input);
}
