/**
 * One validator for every input, HTTP and CLI alike: TypeBox's compiled checks, no coercion, no defaults
 * guessed for missing required values. A refusal is one CradleError INVALID_INPUT naming the field (a dotted
 * path), the value (shortened) and the reason in plain words.
 */
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import { CradleError } from "../errors.js";
import "./formats.js";
import { shorten } from "./time.js";

type Checker = ReturnType<typeof Compile>;
const compiled = new WeakMap<TSchema, Checker>();

function checkerOf(schema: TSchema): Checker {
  let c = compiled.get(schema);
  if (!c) {
    c = Compile(schema);
    compiled.set(schema, c);
  }
  return c;
}

/** How deep a JSON value may nest: no input of Cradle's needs more. */
export const MAX_DEPTH = 16;

export interface Refusal {
  field: string;
  value: string;
  reason: string;
}

/** The first refusal of a value against a schema, in a user's words; null when the value is valid. */
export function refusalOf(schema: TSchema, value: unknown, root = ""): Refusal | null {
  const tooDeep = depthPath(value, MAX_DEPTH);
  if (tooDeep !== null)
    return { field: join(root, tooDeep), value: "…", reason: `nests deeper than ${MAX_DEPTH} levels` };
  const c = checkerOf(schema);
  if (c.Check(value)) return null;
  const errors = [...c.Errors(value)];
  // additionalProperties names the property in params; prefer it over the boolean-schema twin error.
  const e = errors.find((x) => x.keyword !== "boolean") ?? errors[0];
  if (!e) return { field: root || "input", value: shorten(value), reason: "is not valid" };
  const params = e.params as Record<string, unknown>;
  let path = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  let at: unknown = pointer(value, e.instancePath);
  if (e.keyword === "additionalProperties") {
    const extra = (params.additionalProperties as string[] | undefined)?.[0] ?? "";
    path = path ? `${path}.${extra}` : extra;
    at = (at as Record<string, unknown> | undefined)?.[extra];
    return { field: join(root, path), value: shorten(at), reason: "is not a known field" };
  }
  if (e.keyword === "required") {
    const missing = (params.requiredProperties as string[] | undefined)?.[0] ?? "";
    return { field: join(root, path ? `${path}.${missing}` : missing), value: "", reason: "is required" };
  }
  const sub = schemaAt(schema, e.schemaPath);
  return {
    field: join(root, path) || root || "input",
    // A secret's value is never repeated, not even shortened.
    value: sub?.writeOnly === true ? "" : shorten(at),
    reason: reasonOf(e.keyword, params, sub),
  };
}

/** Validates a value; throws INVALID_INPUT naming the first bad field. Returns the value, typed. */
export function check<T extends TSchema>(schema: T, value: unknown, root = ""): import("typebox").Static<T> {
  const r = refusalOf(schema, value, root);
  if (r) throw refusalError(r);
  return value as import("typebox").Static<T>;
}

export function refusalError(r: Refusal): CradleError {
  const quoted = r.value === "" ? "" : ` "${r.value}"`;
  return new CradleError("INVALID_INPUT", `${r.field}${quoted} ${r.reason}`, { ...r });
}

/**
 * Values that arrive as text (a query string, a CLI option) read into the schema's types: an integer only
 * from digits, a number only from a plain decimal, a boolean only from true/false. Anything else stays text,
 * so the check that follows refuses it with the field named. Defaults are filled from the schema.
 */
export function fromText<T extends TSchema>(
  schema: T,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const props = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  // No prototype: a `__proto__` key stays an own key, so the check refuses it as unknown rather than losing it.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(raw)) {
    const v = raw[key];
    const s = props[key] as { type?: string; anyOf?: { type?: string }[]; enum?: unknown[] } | undefined;
    out[key] = typeof v === "string" && s ? readText(v, typeOf(s)) : v;
  }
  for (const [key, s] of Object.entries(props)) {
    const d = (s as { default?: unknown }).default;
    if (!Object.hasOwn(out, key) && d !== undefined) out[key] = d;
  }
  return out;
}

function typeOf(s: { type?: string; anyOf?: { type?: string }[]; enum?: unknown[] }): string | undefined {
  // A list of numbers (loci 8 or 10) is read as a number, then checked as one of the list.
  if (s.enum?.length && s.enum.every((x) => typeof x === "number")) return "number";
  return s.type ?? s.anyOf?.find((x) => x.type && x.type !== "null")?.type;
}

/**
 * A plain decimal written as text (`75.5`, `1.1e9`, `-3`), finite, else undefined: never hexadecimal,
 * `Infinity`, blanks or the other forms Number() reads. Queries, CLI options and imported files use it.
 */
export function decimal(v: string): number | undefined {
  if (!/^-?(0|[1-9]\d{0,15})(\.\d{1,15})?([eE][+-]?\d{1,3})?$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function readText(v: string, type: string | undefined): unknown {
  if (type === "integer" && /^-?(0|[1-9]\d{0,15})$/.test(v)) return Number(v);
  if (type === "number") return decimal(v) ?? v;
  if (type === "boolean" && (v === "true" || v === "false")) return v === "true";
  return v;
}

/** Where a value nests deeper than max (a path), else null. Iterative: a 5,000-deep value cannot overflow. */
export function depthPath(value: unknown, max: number): string | null {
  const stack: [unknown, number, string][] = [[value, 0, ""]];
  while (stack.length) {
    const [v, d, path] = stack.pop() as [unknown, number, string];
    if (v === null || typeof v !== "object") continue;
    if (d >= max) return path || "input";
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, d + 1, `${path}.${i}`.replace(/^\./, "")]));
    else for (const [k, x] of Object.entries(v)) stack.push([x, d + 1, path ? `${path}.${k}` : k]);
  }
  return null;
}

function reasonOf(
  keyword: string,
  p: Record<string, unknown>,
  s: Record<string, unknown> | undefined,
): string {
  switch (keyword) {
    case "type":
      return `must be ${article(String(p.type))}`;
    case "enum":
      return `is not one of: ${(p.allowedValues as unknown[]).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "maxLength":
      return `is longer than ${p.limit} characters`;
    case "minLength":
      return p.limit === 1 ? "must not be empty" : `is shorter than ${p.limit} characters`;
    case "pattern":
      return String(p.pattern).startsWith("^[^\\u0000")
        ? "contains a control character or a text-direction override"
        : (s?.description as string | undefined)
          ? `is not ${s?.description}`
          : `does not have the expected form (${p.pattern})`;
    case "format":
      return p.format === "instant"
        ? "is not an ISO 8601 date and time with its zone that exists in the calendar, e.g. 2026-03-01T04:30:00-05:00"
        : p.format === "calendar-date"
          ? "is not a calendar date YYYY-MM-DD that exists"
          : `is not a valid ${p.format}`;
    case "minimum":
      return `is below the minimum ${p.limit}`;
    case "maximum":
      return `is above the maximum ${p.limit}`;
    case "exclusiveMinimum":
      return `must be above ${p.limit}`;
    case "exclusiveMaximum":
      return `must be below ${p.limit}`;
    case "maxItems":
      return `has more than ${p.limit} items`;
    case "minItems":
      return `has fewer than ${p.limit} items`;
    case "anyOf":
    case "oneOf":
      return "is not any of the accepted forms";
    default:
      return `is not valid (${keyword})`;
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    integer: "a whole number",
    number: "a finite number",
    string: "text",
    boolean: "true or false",
    object: "an object",
    array: "a list",
    null: "null",
  };
  return words[type] ?? type;
}

function pointer(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    v =
      v !== null && typeof v === "object" && Object.hasOwn(v, key)
        ? (v as Record<string, unknown>)[key]
        : undefined;
  }
  return v;
}

function schemaAt(schema: TSchema, schemaPath: string): Record<string, unknown> | undefined {
  let s: unknown = schema;
  for (const part of schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    s = s !== null && typeof s === "object" ? (s as Record<string, unknown>)[part] : undefined;
  }
  return s as Record<string, unknown> | undefined;
}

function join(root: string, path: string): string {
  return root && path ? `${root}.${path}` : root || path;
}

export { Value };
