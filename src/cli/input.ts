/**
 * Command-line options read through the services' own schemas: the same strictness as the HTTP API. Options
 * arrive as text; an integer is read only from digits, a number only from a plain decimal, a boolean only
 * from true/false (contract fromText), then the schema checks every field. A refusal names the option as
 * it is typed (`--volume-ml`) and exits 2 like every Cradle error.
 */
import type { TSchema } from "typebox";
import { fromText, refusalError, refusalOf } from "../contract/index.js";
import type { Static } from "../contract/index.js";

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Builds a service input from commander's options: `fields` lists the schema's properties taken from the
 * options of the same (camelCase) name, or a pair [property, option] where the option is named otherwise
 * (`["donorId", "donor"]` for --donor); `extra` adds values that are already typed (arguments, files read);
 * `optionNames` is the same mapping as a record (patientTyping ← --patient). A refusal names what was typed.
 */
export function optionsInput<T extends TSchema>(
  schema: T,
  options: Record<string, unknown>,
  fields: readonly (string | readonly [string, string])[],
  extra: Record<string, unknown> = {},
  optionNames: Readonly<Record<string, string>> = {},
): Static<T> {
  const optionOf = new Map(
    fields.map((f) => (typeof f === "string" ? [f, optionNames[f] ?? f] : [f[0], f[1]])),
  );
  const raw: Record<string, unknown> = {};
  for (const [f, o] of optionOf) if (options[o] !== undefined) raw[f] = options[o];
  const value = { ...fromText(schema, raw), ...extra };
  const r = refusalOf(schema, value);
  if (r) {
    const field = r.field.split(".")[0] ?? r.field;
    const option = optionOf.get(field);
    const shown = option === undefined ? r.field : `--${kebab(option)}${r.field.slice(field.length)}`;
    throw refusalError({ ...r, field: shown });
  }
  return value as Static<T>;
}

/** The help text of an option with a fixed list: the list itself, from the domain's constant. */
export function oneOfHelp(what: string, values: readonly string[]): string {
  return `${what}: ${values.join(", ")}`;
}
