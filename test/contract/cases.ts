/**
 * Every bad case of one route: each body field, query-string field and path parameter broken one way at a
 * time over a valid base, plus the object-level attacks (an unknown property, a `__proto__` or `constructor`
 * key, 5,000-deep nesting) and the query-string ones (a repeated or unknown parameter).
 */
import { refusalOf } from "../../src/contract/index.js";
import {
  type BadCase,
  GeneratorGap,
  type RouteInput,
  type Schema,
  badJson,
  badText,
  validValue,
} from "./generate.js";

const SENTINEL = "@@cradle-bad-value@@";
const KEY = "@@cradle-bad-key@@";
const J = JSON.stringify;
/** The field a refusal of the whole body names. */
export const ROOT = "input";

/** The form of a schema that holds fields: an object or a list, the first such form of a union. */
function container(s: Schema): Schema {
  const any = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  return any?.find((b) => b.type === "object" || b.type === "array") ?? s;
}

/** The schema one step down a path: an object's property or a list's item, through a nullable union. */
function child(s: Schema | undefined, key: string): Schema | undefined {
  const inner = s && container(s);
  if (inner?.type === "object") return ((inner.properties ?? {}) as Record<string, Schema>)[key];
  if (inner?.type === "array") return inner.items as Schema | undefined;
  return undefined;
}

/** A schema without its null branch; a union of several forms stays as it is. */
function nonNull(s: Schema): Schema {
  const any = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  const forms = any?.filter((b) => b.type !== "null");
  return forms?.length === 1 ? (forms[0] as Schema) : s;
}

interface Field {
  path: string[];
  schema: Schema;
  /** The field a refusal must name: the path itself, or the union of several forms it lies in. */
  expect: string;
}

/** Every field below a schema: properties of objects, the first item of lists, the first form of a union. */
function fieldsOf(s: Schema, path: string[] = [], union?: string): Field[] {
  const out: Field[] = path.length ? [{ path, schema: s, expect: union ?? path.join(".") }] : [];
  let inner = nonNull(s);
  const forms = (inner.anyOf ?? inner.oneOf) as Schema[] | undefined;
  // Inside a union of several forms the validator may name only the union: any deeper name is also fine.
  const within = forms && path.length ? (union ?? path.join(".")) : union;
  if (forms) inner = container(inner);
  if (inner.type === "object" && inner.properties)
    for (const k of Object.keys(inner.properties as object))
      out.push(...fieldsOf(child(inner, k) as Schema, [...path, k], within));
  if (inner.type === "array" && inner.items)
    out.push(...fieldsOf(inner.items as Schema, [...path, "0"], within));
  return out;
}

/** A copy of base with value at path, missing containers on the way made valid from their schemas. */
function placed(base: unknown, root: Schema, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  let s: Schema | undefined = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    s = child(s, key);
    if (node[key] === null || typeof node[key] !== "object") node[key] = validValue(container(s ?? {}));
    node = node[key] as Record<string, unknown>;
  });
  return copy;
}

/** Body text with one raw value spliced in at path. */
function withValue(base: unknown, root: Schema, path: string[], raw: string): string {
  return J(placed(base, root, path, SENTINEL)).replace(J(SENTINEL), () => raw);
}

/** Body text with one raw key and value added to the object at path. */
function withKey(base: unknown, root: Schema, path: string[], key: string, raw: string): string {
  return J(placed(base, root, [...path, KEY], SENTINEL)).replace(
    `${J(KEY)}:${J(SENTINEL)}`,
    () => `${J(key)}:${raw}`,
  );
}

function query(q: Record<string, string>, extra = ""): string {
  const parts = Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (extra) parts.push(extra);
  return parts.length ? `?${parts.join("&")}` : "";
}

const asText = (o: unknown) =>
  Object.fromEntries(Object.entries((o ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

export interface RouteCases {
  route: string;
  cases: BadCase[];
  /** Why the generator made no cases for the route (no valid base), if it could not. */
  gap?: string;
}

export function routeCases(r: RouteInput): RouteCases {
  const route = `${r.method} ${r.url}`;
  const body = r.schema?.body as Schema | undefined;
  const qs = r.schema?.querystring as Schema | undefined;
  const ps = r.schema?.params as Schema | undefined;
  let base: { body: unknown; query: Record<string, string>; params: Record<string, string> };
  try {
    base = {
      body: body && validValue(body),
      query: asText(qs && validValue(qs)),
      params: asText(ps && validValue(ps)),
    };
    if (body && refusalOf(body as never, base.body)) throw new GeneratorGap("the base body is not valid");
  } catch (e) {
    if (e instanceof GeneratorGap) return { route, cases: [], gap: e.message };
    throw e;
  }
  const cases: BadCase[] = [];
  const urlOf = (params: Record<string, string>, q: string) =>
    r.url.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? "x")) + q;
  const basePayload = body ? J(base.body) : undefined;
  const add = (part: BadCase["part"], field: string, what: string, url: string, payload = basePayload) =>
    cases.push({ route, part, field, what, url, ...(payload === undefined ? {} : { payload }) });
  const baseUrl = urlOf(base.params, query(base.query));

  if (body) {
    for (const f of fieldsOf(body))
      for (const b of badJson(f.schema, f.path.at(-1) as string))
        add("body", f.expect, b.what, baseUrl, withValue(base.body, body, f.path, b.raw));
    const objects = [{ path: [] as string[], schema: body, expect: "" }, ...fieldsOf(body)].filter(
      (f) => nonNull(f.schema).type === "object" && !nonNull(f.schema).patternProperties,
    );
    for (const o of objects) {
      const at = (k: string) => (o.expect !== o.path.join(".") ? o.expect : [...o.path, k].join("."));
      add(
        "body",
        at("unexpectedField"),
        "an unknown property",
        baseUrl,
        withKey(base.body, body, o.path, "unexpectedField", "1"),
      );
      add(
        "body",
        at("__proto__"),
        "a __proto__ key",
        baseUrl,
        withKey(base.body, body, o.path, "__proto__", '{"polluted":true}'),
      );
    }
    add(
      "body",
      "constructor",
      "a constructor key",
      baseUrl,
      withKey(base.body, body, [], "constructor", '{"prototype":{"polluted":true}}'),
    );
    const first = Object.keys((body.properties ?? {}) as object)[0] ?? "unexpectedField";
    add(
      "body",
      first,
      "5,000-deep nesting",
      baseUrl,
      withValue(base.body, body, [first], `${"[".repeat(5000)}${"]".repeat(5000)}`),
    );
    // The body itself of the wrong kind: the refusal names the input as a whole.
    for (const [what, raw] of [
      ["null for the body", "null"],
      ["a list for the body", "[]"],
      ["text for the body", '"a"'],
    ] as const)
      add("body", ROOT, what, baseUrl, raw);
  }
  for (const [k, s] of Object.entries((qs?.properties ?? {}) as Record<string, Schema>)) {
    for (const b of badText(s, k, "querystring"))
      add("querystring", k, b.what, urlOf(base.params, query({ ...base.query, [k]: b.raw })));
    const v = encodeURIComponent(base.query[k] ?? String(validValue(s)));
    add(
      "querystring",
      k,
      "a repeated parameter",
      urlOf(base.params, query(base.query, `${k}=${v}&${k}=${v}`)),
    );
  }
  if (qs) {
    add(
      "querystring",
      "unexpectedField",
      "an unknown parameter",
      urlOf(base.params, query(base.query, "unexpectedField=1")),
    );
    add(
      "querystring",
      "__proto__",
      "a __proto__ parameter",
      urlOf(base.params, query(base.query, "__proto__=1")),
    );
  }
  for (const [k, s] of Object.entries((ps?.properties ?? {}) as Record<string, Schema>))
    for (const b of badText(s, k, "params"))
      add("params", k, b.what, urlOf({ ...base.params, [k]: b.raw }, query(base.query)));
  return { route, cases };
}
