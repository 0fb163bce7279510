/**
 * The web app imports the consent and outcomes schemas' types, and tsc reads their whole import closure
 * under the web's settings: it must hold no Node module, database, store or server code. Follows every
 * relative import from each schema file and checks each file's imports.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "..");
const SCHEMAS = ["consent/schemas.ts", "outcomes/schemas.ts", "outcomes/report-schemas.ts"];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g;

function closure(entry: string): { file: string; bare: string[] }[] {
  const seen = new Map<string, string[]>();
  const stack = [resolve(SRC, entry)];
  while (stack.length) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    const bare: string[] = [];
    seen.set(file, bare);
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith(".")) stack.push(resolve(dirname(file), spec).replace(/\.js$/, ".ts"));
      else bare.push(spec);
    }
  }
  return [...seen].map(([file, bare]) => ({ file: relative(SRC, file), bare }));
}

describe("schema files", () => {
  for (const entry of SCHEMAS) {
    it(`${entry} imports only typebox, the contract and pure constants`, () => {
      const files = closure(entry);
      const bad = files.flatMap(({ file, bare }) => [
        ...bare.filter((b) => !/^typebox(\/|$)/.test(b)).map((b) => `${file} → ${b}`),
        // Another area's schema files and the pure lists they are built from (vocabulary, constants, roles,
        // the protocols' data) may be named; nothing else of it.
        ...(/^(store|server|cli|audit|accounts|therapy|bank|search)\//.test(file) &&
        !/\/(schemas(\.ts|\/.*)|[a-z-]*-schemas\.ts|vocabulary\.ts|constants\.ts|protocols\.ts|roles\.ts)$/.test(
          file,
        )
          ? [file]
          : []),
      ]);
      expect(bad).toEqual([]);
    });
  }
});
