/**
 * Cradle's configuration: every environment variable read once, at start, into one frozen typed object.
 * A wrong value is refused with INVALID_INPUT naming the variable, its value (secrets masked) and the
 * reason, so a start never goes on with a setting it guessed. Platform: imports only contract and errors.
 */
import { Obj, fromText, refusalOf, shorten } from "../contract/index.js";
import { CradleError } from "../errors.js";
import { type Config, VARIABLES, type Variable } from "./variables.js";

export { API_DOCS, HostSchema, LOG_LEVELS, VARIABLES, keyOfText } from "./variables.js";
export type { ApiDocs, Config, LogLevel, Variable } from "./variables.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** One variable as `cradle config` shows it. */
export interface Setting {
  name: string;
  /** The value in force, as text (secrets masked); undefined when unset and without default. */
  value: string | undefined;
  /** Where the value comes from. */
  from: "environment" | "default" | "unset";
  default: string | undefined;
  meaning: string;
  secret: boolean;
  /** Why the value is refused, when it is. */
  refused?: string;
}

/** A value as it may be printed: secrets hidden, a database URL's password masked, long text shortened. */
export function shown(v: Variable<unknown>, text: string): string {
  if (v.secret) return `(hidden, ${text.length} characters)`;
  return shorten(text.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, "$1***@"));
}

/** Reads one variable's text; returns the typed value, or the reason it is refused. */
function readOne(v: Variable<unknown>, text: string): { value: unknown } | { reason: string } {
  if (text === "") return { reason: "is set but empty: unset it or give a value" };
  const schema = Obj({ [v.name]: v.schema });
  const typed = fromText(schema, { [v.name]: text })[v.name];
  const r = refusalOf(schema, { [v.name]: typed });
  const reason = r ? r.reason : v.verify?.(text);
  if (reason) return { reason };
  return { value: v.to ? (v.to as (x: unknown) => unknown)(typed) : typed };
}

/** Every variable with its value in force and, where refused, why. Never throws. */
export function settings(env: Env = process.env): Setting[] {
  return (Object.values(VARIABLES) as Variable<unknown>[]).map((v) => {
    const set = env[v.name];
    const text = set ?? v.default;
    const read = text === undefined ? undefined : readOne(v, text);
    return {
      name: v.name,
      value: text === undefined ? undefined : shown(v, text),
      from: set !== undefined ? "environment" : text !== undefined ? "default" : "unset",
      default: v.default,
      meaning: v.meaning,
      secret: v.secret === true,
      ...(read && "reason" in read ? { refused: read.reason } : {}),
    };
  });
}

/** Reads and checks every variable; throws one INVALID_INPUT naming each refused one. */
export function readConfig(env: Env = process.env): Readonly<Config> {
  const out: Record<string, unknown> = {};
  const refused: { field: string; value: string; reason: string }[] = [];
  for (const [key, v] of Object.entries(VARIABLES) as [string, Variable<unknown>][]) {
    const text = env[v.name] ?? v.default;
    if (text === undefined) {
      out[key] = undefined;
      continue;
    }
    const read = readOne(v, text);
    if ("reason" in read) refused.push({ field: v.name, value: shown(v, text), reason: read.reason });
    else out[key] = read.value;
  }
  if (refused.length > 0) {
    const first = refused[0] as (typeof refused)[number];
    throw new CradleError(
      "INVALID_INPUT",
      refused.map((r) => `${r.field} "${r.value}" ${r.reason}`).join("; "),
      { ...first, ...(refused.length > 1 ? { refused } : {}) },
    );
  }
  return Object.freeze(out as unknown as Config);
}

let loaded: Readonly<Config> | undefined;

/** The configuration of this process: read and checked from the environment on first use, then kept. */
export function config(): Readonly<Config> {
  loaded ??= readConfig(process.env);
  return loaded;
}

/** The README's table of variables (variable, default, meaning), made from the declarations. */
export function markdownTable(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = (Object.values(VARIABLES) as Variable<unknown>[]).map(
    (v) => `| \`${v.name}\` | ${v.default === undefined ? "—" : `\`${v.default}\``} | ${cell(v.meaning)} |`,
  );
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}
