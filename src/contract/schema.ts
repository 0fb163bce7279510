/**
 * The building blocks of every service's input and output schemas. Each string has a maximum length fitting
 * its meaning and refuses control characters (free text may hold line breaks and tabs); each number is
 * finite and bounded; enums are lists of own values; times and dates are strict; objects refuse unknown
 * properties. Services build their schemas from these and their domain constants; routes and commands
 * validate with them; the web app imports their types type-only.
 */
import { type Static, type TProperties, type TSchema, Type } from "typebox";
import "./formats.js";

export type { Static, TSchema };

/** Lengths by meaning. */
export const MAX = {
  /** Codes, identifiers, user names, MRNs, DINs, positions. */
  id: 64,
  /** A person's or a place's name, a short label. */
  name: 200,
  /** One line of explanation: a reason, a condition, a cause. */
  line: 500,
  /** Notes and descriptions. */
  text: 4000,
  /** A GL string (a whole typing, with MACs and alternatives). */
  gl: 4000,
} as const;

/**
 * Characters no text may hold besides C0 controls: C1 controls, the byte-order mark, and the bidirectional
 * embeddings, overrides and isolates, which make a printed name or a reason display as something other than
 * what was stored (a signature manifest reading "Dr A" for "Dr B"). Joiners (U+200C/D) stay: scripts need them.
 */
const HIDDEN = "\\u0080-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ufeff";
/** No control characters at all, nor the Unicode line and paragraph separators. */
const SINGLE_LINE = `^[^\\u0000-\\u001f\\u007f\\u2028\\u2029${HIDDEN}]*$`;
/** Line breaks and tabs allowed, no other control character. */
const MULTI_LINE = `^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f${HIDDEN}]*$`;
/** A password may hold any character but C0 controls (NIST SP 800-63B: all printing characters and Unicode). */
const SECRET = "^[^\\u0000-\\u001f\\u007f]*$";

interface StringOpts {
  description?: string;
  minLength?: number;
  /** A stricter pattern than "no control characters" (it must refuse them too). */
  pattern?: string;
  examples?: string[];
}

/** A single-line string of at most `max` characters. */
export function Line(max: number = MAX.line, o: StringOpts = {}) {
  return Type.String({
    minLength: o.minLength ?? 1,
    maxLength: max,
    pattern: o.pattern ?? SINGLE_LINE,
    ...desc(o),
  });
}

/**
 * A secret (a password): any characters but control characters, marked writeOnly so that no refusal,
 * log line or document ever repeats its value.
 */
export function Secret(max: number, o: { description?: string; minLength?: number } = {}) {
  return Type.String({
    minLength: o.minLength ?? 1,
    maxLength: max,
    pattern: SECRET,
    writeOnly: true,
    ...desc(o),
  });
}

/** Free text: line breaks and tabs allowed. */
export function Text(max: number = MAX.text, o: StringOpts = {}) {
  return Type.String({ minLength: o.minLength ?? 1, maxLength: max, pattern: MULTI_LINE, ...desc(o) });
}

/** An HLA typing as a GL string: bounded by MAX.gl; its names are checked against the release by the service. */
export function Gl(o: StringOpts = {}) {
  return Line(MAX.gl, { description: "an HLA typing as a GL string", ...o });
}

/** An identifier: a code, a name of a thing, a key. */
export function Id(o: StringOpts = {}) {
  return Line(MAX.id, o);
}

/** A record's identifier as Cradle makes them (crypto.randomUUID): anything else is refused, not looked up. */
export function Uuid(o: StringOpts = {}) {
  return Line(36, {
    pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    description: "an identifier (UUID)",
    ...o,
  });
}

/** A person's or a place's name. */
export function Name(o: StringOpts = {}) {
  return Line(MAX.name, o);
}

/** One of a fixed list of values, compared as own values (never with `in`). */
export function Enum<const T extends readonly string[]>(values: T, o: { description?: string } = {}) {
  return Type.Enum([...values] as unknown as T[number][], desc(o));
}

/** An integer within bounds. */
export function Int(minimum: number, maximum: number, o: { description?: string; default?: number } = {}) {
  return Type.Integer({
    minimum,
    maximum,
    ...desc(o),
    ...(o.default === undefined ? {} : { default: o.default }),
  });
}

/** A finite number within bounds. */
export function Num(
  minimum: number,
  maximum: number,
  o: { description?: string; exclusiveMinimum?: boolean } = {},
) {
  return o.exclusiveMinimum
    ? Type.Number({ exclusiveMinimum: minimum, maximum, ...desc(o) })
    : Type.Number({ minimum, maximum, ...desc(o) });
}

/** An ISO 8601 date and time with its zone that exists in the calendar. */
export function Instant(o: { description?: string } = {}) {
  return Type.String({
    format: "instant",
    maxLength: 40,
    description: o.description ?? "ISO 8601 date and time with its zone, e.g. 2026-03-01T04:30:00-05:00",
  });
}

/** A calendar date YYYY-MM-DD that exists. */
export function CalendarDate(o: { description?: string } = {}) {
  return Type.String({ format: "calendar-date", maxLength: 10, description: o.description ?? "YYYY-MM-DD" });
}

/** An object that refuses unknown properties. */
export function Obj<T extends TProperties>(properties: T, o: { description?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...desc(o) });
}

/** A bounded list. */
export function List<T extends TSchema>(
  item: T,
  maxItems: number,
  o: { description?: string; minItems?: number } = {},
) {
  return Type.Array(item, { maxItems, ...(o.minItems ? { minItems: o.minItems } : {}), ...desc(o) });
}

/** Paging: a bounded limit and offset. */
export function Paging(defaultLimit = 50, maxLimit = 1000) {
  return {
    limit: Type.Optional(Int(1, maxLimit, { default: defaultLimit, description: `at most ${maxLimit}` })),
    offset: Type.Optional(Int(0, 10_000_000, { default: 0 })),
  };
}

function desc(o: { description?: string; examples?: string[] }) {
  return {
    ...(o.description ? { description: o.description } : {}),
    ...(o.examples ? { examples: o.examples } : {}),
  };
}
