/**
 * Strict input for every route: JSON bodies parsed without prototype keys and nested at most MAX_DEPTH
 * deep, and every schema (body, query, params) checked by the contract's one validator, with no coercion.
 * Query strings and path parameters arrive as text: an integer is read only from digits, a boolean only
 * from true/false (contract/validate.ts fromText), so `?limit=Infinity` or `?limit=1e3` is refused, not
 * guessed.
 */
import type { FastifyInstance } from "fastify";
import type { TSchema } from "typebox";
import { MAX_DEPTH, depthPath, fromText, refusalError, refusalOf } from "../contract/index.js";
import { CradleError } from "../errors.js";

/** Keys that would reach an object's prototype if a value were ever merged with Object.assign. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function forbiddenKeyPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const [v, path] = stack.pop() as [unknown, string];
    if (v === null || typeof v !== "object") continue;
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (FORBIDDEN_KEYS.has(k)) return p;
      stack.push([x, p]);
    }
  }
  return null;
}

export function parseJsonBody(text: string): unknown {
  if (text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CradleError("INVALID_INPUT", `body is not JSON: ${(e as Error).message.slice(0, 120)}`, {
      field: "body",
      reason: "is not JSON",
    });
  }
  const deep = depthPath(value, MAX_DEPTH);
  if (deep !== null) {
    throw new CradleError("INVALID_INPUT", `body.${deep} nests deeper than ${MAX_DEPTH} levels`, {
      field: deep,
      reason: `nests deeper than ${MAX_DEPTH} levels`,
    });
  }
  const bad = forbiddenKeyPath(value);
  if (bad !== null) {
    throw new CradleError("INVALID_INPUT", `${bad} is not a field any input has`, {
      field: bad,
      reason: "is not a known field",
    });
  }
  return value;
}

export function registerStrictInput(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const s = schema as TSchema;
    const textual = httpPart === "querystring" || httpPart === "params";
    return (data: unknown) => {
      const value =
        textual && data !== null && typeof data === "object"
          ? fromText(s, data as Record<string, unknown>)
          : data;
      const r = refusalOf(s, value === null && httpPart === "body" ? undefined : value);
      if (r) return { error: refusalError(r) };
      return { value };
    };
  });
  // Answers are written as they are: output schemas document them (OpenAPI, the web app's types) and the
  // contract tests hold the answers to them; no serializer drops or reshapes a field.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
