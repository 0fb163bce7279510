/**
 * Bad requests made from a route's own schemas, for the contract test (bad-input.int.test.ts). Each case
 * starts from a VALID base (the smallest value of every schema, checked by the contract's own validator)
 * and breaks exactly one field, so the refusal must name that field. Bodies travel as raw JSON text, so
 * 1e400 (Infinity), -0, a `__proto__` key and 5,000-deep nesting reach the server as an attacker sends them.
 * What counts as bad comes from Cradle's rules (issue 13), not from the schema under test: a loose
 * `Type.Number()` does not make 1e308 acceptable, it makes the case fail.
 */
import fc from "fast-check";
import { refusalOf } from "../../src/contract/index.js";

/** A JSON Schema node, as TypeBox builds them. */
export type Schema = { [k: string]: unknown };

export interface RouteInput {
  method: string;
  url: string;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown };
}

export interface BadCase {
  /** "POST /api/products" */
  route: string;
  part: "body" | "querystring" | "params";
  /** The field the refusal must name (a dotted path). */
  field: string;
  /** How the field is broken, in words. */
  what: string;
  url: string;
  payload?: string;
}

/** A schema the generator cannot make a valid value for: its route gets no cases (reported, not hidden). */
export class GeneratorGap extends Error {}

const ONE_MB = 1024 * 1024;
/** Bad bodies stay below the server's 2 MB body limit, so the validator, not the limit, must refuse them. */
const BODY_BUDGET = 1_500_000;
/** Fastify's router answers 404 for a longer path parameter: the route is not reached at all. */
const MAX_PARAM = 100;
const PROTO_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty"];
const CONTROLS: [string, string][] = [
  ["NUL", "\u0000"],
  ["BEL", "\u0007"],
  ["ESC", "\u001b"],
];
/** Calendar-impossible or zoneless: refused by an instant field and a date field alike. */
export const IMPOSSIBLE_DATES = [
  "2026-02-30T10:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-02-29T10:00:00Z",
  "2026-03-01T24:00:00Z",
  "2026-03-01T10:60:00Z",
  "2026-03-01T10:00:00+25:00",
  "2026-03-01T10:00:00",
  "2026-02-30",
  "2026-13-01",
  "2026-02-29",
];
const FORMAT_VALUES: Record<string, string> = {
  instant: "2026-03-01T04:30:00Z",
  "date-time": "2026-03-01T04:30:00Z",
  "calendar-date": "2026-03-01",
  date: "2026-03-01",
  uuid: "7d5a0a3e-3c3a-4c61-9d0f-2b1f4f6f0a11",
  email: "a@example.org",
};
/** Known forms first (MRN, DIN, product code, protocol, location, typing), then generic text. */
const CANDIDATES = [
  "a",
  "A1",
  "MRN-0001",
  "G123426000001",
  "S1234VA0",
  "E0001V00",
  "hie-autologous-cord-blood",
  "LN2-01/R03/B12/A1",
  "A*01:01",
  "A*01:01+A*02:01",
  "2026-03-01T04:30:00Z",
  "2026-03-01",
  "7d5a0a3e-3c3a-4c61-9d0f-2b1f4f6f0a11",
];

const ok = (s: Schema, v: unknown) => refusalOf(s as never, v) === null;
const J = JSON.stringify;

/** The branches of a union other than null, and whether null is allowed. */
function branches(s: Schema): { inner: Schema[]; nullable: boolean } {
  const any = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (!any) return { inner: [s], nullable: s.type === "null" };
  return { inner: any.filter((b) => b.type !== "null"), nullable: any.some((b) => b.type === "null") };
}

/** The values of an enum-like schema (enum, const, a union of literals), else null. */
function enumValues(s: Schema): unknown[] | null {
  if (Array.isArray(s.enum)) return s.enum;
  if ("const" in s) return [s.const];
  const { inner } = branches(s);
  if (inner.length > 1 || inner[0] !== s) {
    const all = inner.map(enumValues);
    if (all.every((x) => x !== null)) return all.flat();
  }
  return null;
}

function typeOf(s: Schema): string {
  const values = enumValues(s);
  if (values) return typeof values[0] === "number" ? "number" : "string";
  const { inner } = branches(s);
  const t = inner[0]?.type;
  if (t === "object" && inner[0]?.patternProperties) return "record";
  return typeof t === "string" ? t : "any";
}

function validString(s: Schema): string {
  const examples = Array.isArray(s.examples) ? (s.examples as string[]) : [];
  const format = typeof s.format === "string" ? FORMAT_VALUES[s.format] : undefined;
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const tries = [...examples, ...(format ? [format] : []), ...CANDIDATES, "a".repeat(Math.max(min, 1))];
  const found = tries.find((c) => ok(s, c));
  if (found !== undefined) return found;
  if (typeof s.pattern === "string") {
    try {
      const sampled = fc.sample(fc.stringMatching(new RegExp(s.pattern)), { numRuns: 300, seed: 13 });
      const fit = sampled.filter((c) => ok(s, c)).sort((a, b) => a.length - b.length)[0];
      if (fit !== undefined) return fit;
    } catch {
      // fast-check does not read every regular expression (lookarounds): a gap, reported below.
    }
  }
  throw new GeneratorGap(`no valid text for ${J(s).slice(0, 160)}`);
}

function validNumber(s: Schema): number {
  const n = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  const [min, max, exMin] = [n("minimum"), n("maximum"), n("exclusiveMinimum")];
  const tries = [1, 0, min, exMin === undefined ? undefined : exMin + 1, max, exMin, max];
  if (exMin !== undefined && max !== undefined) tries.push((exMin + max) / 2);
  const found = tries.find((c) => c !== undefined && ok(s, c));
  if (found === undefined) throw new GeneratorGap(`no valid number for ${J(s)}`);
  return found;
}

/** The smallest valid value of a schema: required properties only, one item per list. */
export function validValue(s: Schema): unknown {
  const values = enumValues(s);
  if (values) return values[0];
  const { inner, nullable } = branches(s);
  if (inner[0] !== s) {
    for (const b of inner) {
      try {
        const v = validValue(b);
        if (ok(s, v)) return v;
      } catch (e) {
        if (!(e instanceof GeneratorGap)) throw e;
      }
    }
    if (nullable) return null;
    throw new GeneratorGap(`no valid value for any branch of ${J(s).slice(0, 160)}`);
  }
  switch (s.type) {
    case "string":
      return validString(s);
    case "integer":
    case "number":
      return validNumber(s);
    case "boolean":
      return false;
    case "null":
      return null;
    case "array": {
      const count = Math.max(typeof s.minItems === "number" ? s.minItems : 0, s.maxItems === 0 ? 0 : 1);
      return Array.from({ length: count }, () => validValue((s.items ?? {}) as Schema));
    }
    case "object": {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const out: Record<string, unknown> = {};
      for (const k of (s.required ?? []) as string[]) out[k] = validValue(props[k] ?? {});
      return out;
    }
    default:
      return "a";
  }
}

export interface Bad {
  what: string;
  /** JSON text in a body; plain text in a query string or path. */
  raw: string;
}

function isDateLike(s: Schema, name: string): boolean {
  const f = String(s.format ?? "");
  return (
    ["instant", "calendar-date", "date-time", "date"].includes(f) ||
    /ISO 8601|YYYY-MM-DD/.test(String(s.description ?? "")) ||
    /(At|Date)$|^(birth|day0|date)$/.test(name)
  );
}

const pad = (v: string, n: number) => (v.length >= n ? v : v + "a".repeat(n - v.length));

/** Bounds of a number schema, as bad values. */
function outOfRange(s: Schema): Bad[] {
  const out: Bad[] = [];
  const num = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  const [min, max, exMin, exMax] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"].map(num);
  if (min !== undefined) out.push({ what: `minimum-1 (${min - 1})`, raw: J(min - 1) });
  if (max !== undefined) out.push({ what: `maximum+1 (${max + 1})`, raw: J(max + 1) });
  if (exMin !== undefined) out.push({ what: `the exclusive minimum ${exMin}`, raw: J(exMin) });
  if (exMax !== undefined) out.push({ what: `the exclusive maximum ${exMax}`, raw: J(exMax) });
  if ((min !== undefined && min > 0) || (exMin !== undefined && exMin >= 0))
    out.push({ what: "-0", raw: "-0" });
  return out;
}

/** Bad JSON values for one field of a body. */
export function badJson(s: Schema, name: string): Bad[] {
  const type = typeOf(s);
  const values = enumValues(s);
  const out: Bad[] = [];
  const add = (what: string, raw: string) => out.push({ what, raw });
  if (!branches(s).nullable) add("null", "null");
  if (type === "string") {
    add("a number for text", "1");
    add("true for text", "true");
    add("an object for text", "{}");
    add("a list for text", '["a"]');
    if (values) for (const p of PROTO_NAMES) add(`${p} for an enum`, J(p));
    else {
      const v = validString(branches(s).inner[0] as Schema);
      for (const [c, ch] of CONTROLS) add(`a ${c} character`, J(c === "ESC" ? ch + v : v + ch));
      if (typeof s.maxLength === "number" && s.maxLength < BODY_BUDGET)
        add(`maxLength+1 (${s.maxLength + 1})`, J(pad(v, s.maxLength + 1)));
      if (!(typeof s.maxLength === "number" && s.maxLength >= ONE_MB)) add("1 MB of text", J(pad(v, ONE_MB)));
      if (isDateLike(s, name)) for (const d of IMPOSSIBLE_DATES) add(`impossible date ${d}`, J(d));
    }
  } else if (type === "number" || type === "integer") {
    const inner = branches(s).inner[0] as Schema;
    add("text for a number", '"1"');
    add("true for a number", "true");
    add("false for a number", "false");
    add("an object for a number", "{}");
    add("a list for a number", "[1]");
    add("1e400 (Infinity)", "1e400");
    add("-1e400 (-Infinity)", "-1e400");
    add("1e308", "1e308");
    add("-1e308", "-1e308");
    if (inner.type === "integer") {
      add("1.5 for a whole number", "1.5");
      add("2^53+1", "9007199254740993");
    }
    if (values) add("a number off the list", J(Math.max(...(values as number[])) + 1));
    out.push(...outOfRange(inner));
  } else if (type === "boolean") {
    add('"true" for a boolean', '"true"');
    add("1 for a boolean", "1");
    add("0 for a boolean", "0");
    add("an object for a boolean", "{}");
  } else if (type === "array") {
    const inner = branches(s).inner[0] as Schema;
    const item = J(validValue((inner.items ?? {}) as Schema));
    const items = (n: number) => `[${Array(n).fill(item).join(",")}]`;
    add("an object for a list", "{}");
    add("text for a list", '"a"');
    add("a number for a list", "1");
    const most = Math.min(100_001, Math.floor(BODY_BUDGET / (item.length + 1)));
    if (typeof inner.maxItems === "number") {
      if (inner.maxItems < most) add(`maxItems+1 (${inner.maxItems + 1})`, items(inner.maxItems + 1));
    } else add(`${most} items (no bound)`, items(most));
    if (typeof inner.minItems === "number" && inner.minItems > 0)
      add(`minItems-1 (${inner.minItems - 1})`, items(inner.minItems - 1));
  } else if (type === "object" || type === "record") {
    add("text for an object", '"a"');
    add("a number for an object", "1");
    add("a list for an object", "[]");
    add("true for an object", "true");
  }
  return out;
}

/** Bad text values for one query-string or path field. */
export function badText(s: Schema, name: string, part: "querystring" | "params"): Bad[] {
  const type = typeOf(s);
  const values = enumValues(s);
  const inner = branches(s).inner[0] as Schema;
  const out: Bad[] = [];
  const add = (what: string, raw: string) => out.push({ what, raw });
  if (type === "integer" || type === "number") {
    for (const t of ["Infinity", "-Infinity", "NaN", "abc", "0x10", "1e400", "99999999999999999999"])
      add(t, t);
    if (inner.type === "integer") {
      add("1e3 for a whole number", "1e3");
      add("1.5 for a whole number", "1.5");
    }
    if (part === "querystring") add("empty", "");
    if (/^(limit|offset)$/.test(name)) add("-1 for paging", "-1");
    for (const b of outOfRange(inner)) if (b.raw !== "-0") add(b.what, b.raw);
  } else if (type === "boolean") {
    for (const t of ["yes", "1", "TRUE"]) add(t, t);
  } else if (values) {
    for (const p of PROTO_NAMES) add(`${p} for an enum`, p);
  } else if (type === "string") {
    const v = validString(inner);
    for (const [c, ch] of CONTROLS) add(`a ${c} character`, c === "ESC" ? ch + v : v + ch);
    const cap = part === "params" ? MAX_PARAM : 5000;
    const max = typeof inner.maxLength === "number" ? inner.maxLength + 1 : part === "params" ? 65 : 5000;
    if (max <= cap) add(`${max} characters`, pad(v, max));
    if (isDateLike(inner, name)) for (const d of IMPOSSIBLE_DATES) add(`impossible date ${d}`, d);
  }
  return out;
}
