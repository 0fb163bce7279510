/**
 * The seams of ARCHITECTURE.md, held by reading every import and every query under src/: a service is used
 * by other areas only through its index.ts (or its schemas, the contract the web app imports types from);
 * no two services import each other, directly or round a circle; each table is read and written only by
 * the service that owns it (OWNERS in src/store/schema.ts); and no circle of files exists anywhere.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TABLE_OWNERS } from "../src/store/schema.js";

const SRC = resolve(import.meta.dirname, "..", "src");
const SERVICES = ["bank", "search", "consent", "therapy", "outcomes"];
/**
 * Public entries besides index.ts and schemas: the bank's labels and therapy's wristbands load pdfkit and
 * bwip-js, which a command that prints none should not wait for.
 */
const EXTRA_ENTRIES = new Set(["bank/labels.ts", "therapy/wristband.ts", "outcomes/ctcae-file.ts"]);

interface Source {
  file: string;
  source: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of source.matchAll(re)) {
    const spec = m[1] ?? m[2];
    if (spec?.startsWith(".")) out.push(spec);
  }
  return out;
}

const areaOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0] ?? "";
/** The source file an import names: `./x.js` is x.ts (or x.tsx); the web app's `./x` is x.ts(x) or x/index.ts. */
function toSource(file: string, spec: string): string {
  const base = resolve(dirname(file), spec).replace(/\.js$/, "");
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (exists(candidate)) return candidate;
  }
  return `${base}.ts`;
}

function exists(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Imports that reach into another service past its public surface. */
function internalImports(all: Source[]): string[] {
  const broken: string[] = [];
  for (const { file, source } of all) {
    for (const spec of importsOf(source)) {
      const target = toSource(file, spec);
      const to = areaOf(target);
      if (!SERVICES.includes(to) || to === areaOf(file)) continue;
      const inside = relative(join(SRC, to), target);
      if (
        inside === "index.ts" ||
        // A service's schemas, beside its code or in one of its sub-folders (bank/quality/recall-schemas.ts).
        /^([a-z-]+\/)?([a-z-]+-)?schemas(\/|\.ts$)/.test(inside) ||
        EXTRA_ENTRIES.has(`${to}/${inside}`)
      )
        continue;
      broken.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
    }
  }
  return broken.sort();
}

/** Circles among services: "a → b → a". */
function serviceCircles(all: Source[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const { file, source } of all) {
    const from = areaOf(file);
    if (!SERVICES.includes(from)) continue;
    for (const spec of importsOf(source)) {
      const to = areaOf(toSource(file, spec));
      if (to !== from && SERVICES.includes(to)) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return circles(edges).map((c) => c.join(" → "));
}

/** Files that name a table they do not own in a query. */
function foreignTables(all: Source[], owners: Record<string, string>): string[] {
  const broken: string[] = [];
  const re =
    /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|with)\(\s*["'`](\w+)/g;
  for (const { file, source } of all) {
    const area = areaOf(file);
    if (area === "store") continue; // migrations create every table
    for (const m of source.matchAll(re)) {
      const table = m[1] as string;
      const owner = owners[table];
      if (owner !== undefined && owner !== area)
        broken.push(`${relative(SRC, file)} uses ${table} (owned by ${owner})`);
    }
  }
  return [...new Set(broken)].sort();
}

/** Every circle of files (strongly connected components of more than one file, or a file importing itself). */
function fileCircles(all: Source[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const { file, source } of all) {
    const from = relative(SRC, file);
    for (const spec of importsOf(source)) {
      let to = relative(SRC, toSource(file, spec));
      if (to.endsWith(".ts") && !all.some((s) => relative(SRC, s.file) === to))
        to = to.replace(/\.ts$/, ".tsx");
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return circles(edges).map((c) => c.join(" → "));
}

/** Tarjan's strongly connected components; each circle listed from its smallest member. */
function circles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || edges.get(v)?.has(v)) out.push(c.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}

const all = () => files(SRC).map((file) => ({ file, source: readFileSync(file, "utf8") }));

describe("seams", () => {
  it("services are used only through their index.ts (or schemas)", () => {
    expect(internalImports(all())).toEqual([]);
  });

  it("no two services import each other, directly or round a circle", () => {
    expect(serviceCircles(all())).toEqual([]);
  });

  it("each table is read and written only by its owner", () => {
    expect(foreignTables(all(), TABLE_OWNERS)).toEqual([]);
  });

  it("every table has an owner", () => {
    const tables = [
      ...readFileSync(join(SRC, "store", "schema.ts"), "utf8").matchAll(/^ {2}(\w+): \w+Table;$/gm),
    ].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !((t as string) in TABLE_OWNERS))).toEqual([]);
  });

  it("no circle of files anywhere in src/", () => {
    expect(fileCircles(all())).toEqual([]);
  });

  it("finds each kind of broken seam when one is written", () => {
    const fake = (path: string, source: string) => ({ file: join(SRC, path), source });
    const sample = [
      fake(
        "therapy/x.ts",
        'import { a } from "../bank/products.js";\nimport { b } from "../bank/index.js";\n',
      ),
      fake("bank/y.ts", 'import { c } from "../therapy/index.js";\nconst q = tx.selectFrom("patient");\n'),
      fake("cli/p.ts", 'import { d } from "./q.js";\n'),
      fake("cli/q.ts", 'import { e } from "./p.js";\n'),
    ];
    expect(internalImports(sample)).toEqual(["therapy/x.ts → bank/products.ts"]);
    expect(serviceCircles(sample)).toEqual(["bank → therapy"]);
    expect(foreignTables(sample, { patient: "therapy" })).toEqual([
      "bank/y.ts uses patient (owned by therapy)",
    ]);
    expect(fileCircles(sample)).toEqual(["cli/p.ts → cli/q.ts"]);
  });
});
