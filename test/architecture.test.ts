/**
 * Keeps the arrows of DESIGN.md true: pure cores import no platform, service or face; services do not
 * import faces; the web app reaches the rest only over HTTP. Reads every import under src/.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "..", "src");

const CORES = ["hla", "matching", "isbt128", "stats"];
// accounts (users, roles, passwords) is platform too: every service and face needs to know who acts.
// config (the settings, read once from the environment) is platform: the store reads its URL there.
const PLATFORM = ["contract", "config", "store", "audit", "accounts"];
const SERVICES = ["bank", "search", "consent", "therapy", "outcomes"];
// seeds (the demo program) write through the services like a user would; only faces load them.
const SEEDS = ["seeds"];
const FACES = ["server", "cli", "web"];

/** Which areas each area may import (besides itself and src/errors.ts). */
const ALLOWED: Record<string, string[]> = {
  hla: [],
  matching: ["hla"],
  isbt128: [],
  stats: [],
  contract: [],
  config: ["contract"],
  store: ["contract", "config"],
  audit: ["contract", "store"],
  accounts: ["contract", "config", "store", "audit"],
  bank: [...CORES, ...PLATFORM, ...SERVICES],
  search: [...CORES, ...PLATFORM, ...SERVICES],
  // consent sits below therapy and outcomes: it imports no other service.
  consent: [...CORES, ...PLATFORM],
  therapy: [...CORES, ...PLATFORM, ...SERVICES.filter((s) => s !== "outcomes")],
  outcomes: [...CORES, ...PLATFORM, ...SERVICES],
  server: [...CORES, ...PLATFORM, ...SERVICES],
  seeds: [...CORES, ...PLATFORM, ...SERVICES],
  cli: [...CORES, ...PLATFORM, ...SERVICES, ...SEEDS, "server"],
  web: [],
};

/**
 * Node modules a pure core may not use outside its reference loader: disk, network, processes. Worker
 * threads are allowed: the search scans on them (issue 3), and computing on another core is still pure.
 */
const IMPURE_NODE = /^node:(fs|fs\/promises|http|https|net|dgram|child_process)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Each import or re-export with its module and whether it brings types only (erased from the bundle). */
function importStatements(source: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const re =
    /(?:^|\n)\s*((?:import|export)\s[^;]*?)from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of source.matchAll(re)) {
    const spec = m[2] ?? m[3];
    if (spec) out.push({ spec, typeOnly: /^(?:import|export)\s+type\s/.test(m[1] ?? "") });
  }
  return out;
}

/**
 * The web app may take the services' contract types, type-only: schema files (and the pure constant lists
 * they are built from) are all it may name outside itself; the import is erased, so no server code ships.
 */
const WEB_TYPE_SOURCES = /(?:^|\/)(?:[a-z-]*schemas|roles)(?:\.js)?$/;

function areaOf(file: string): string {
  const rel = relative(SRC, file).split(/[\\/]/);
  return rel.length === 1 ? "root" : (rel[0] ?? "root");
}

/** The broken arrows of a set of source files: "from → to" lines. */
function violations(all: { file: string; source: string }[]): string[] {
  const broken: string[] = [];
  for (const { file, source } of all) {
    const from = areaOf(file);
    const rel = relative(SRC, file);
    for (const { spec, typeOnly } of importStatements(source)) {
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        const to = areaOf(target);
        if (to === from || relative(SRC, target) === "errors.js" || from === "root") continue;
        if (from === "web" && typeOnly && (WEB_TYPE_SOURCES.test(spec) || to === "contract")) continue;
        if (to === "root" || !(ALLOWED[from] ?? []).includes(to))
          broken.push(`${rel} → ${relative(SRC, target)}`);
      } else if (
        CORES.includes(from) &&
        IMPURE_NODE.test(spec) &&
        !rel.startsWith(join("hla", "reference"))
      ) {
        broken.push(`${rel} → ${spec} (a pure core reads no disk or network outside hla/reference)`);
      } else if (from === "web" && !spec.startsWith("react") && spec.startsWith("node:")) {
        broken.push(`${rel} → ${spec} (the web app runs in the browser)`);
      }
    }
  }
  return broken;
}

describe("architecture", () => {
  it("every import under src/ follows the arrows of DESIGN.md", () => {
    expect(violations(files(SRC).map((file) => ({ file, source: readFileSync(file, "utf8") })))).toEqual([]);
  });

  it("every area named in DESIGN.md has a rule", () => {
    for (const area of [...CORES, ...PLATFORM, ...SERVICES, ...SEEDS, ...FACES])
      expect(ALLOWED[area]).toBeDefined();
  });

  it("finds a broken arrow when one is written", () => {
    const fake = (path: string, source: string) => ({ file: join(SRC, path), source });
    expect(
      violations([
        fake(
          "hla/fake.ts",
          'import { x } from "../bank/products.js";\nimport { readFileSync } from "node:fs";\n',
        ),
        fake("store/fake.ts", 'export { y } from "../server/app.js";\n'),
        fake("matching/fake.ts", 'import { Release } from "../hla/release.js";\n'),
        fake("hla/reference/fake.ts", 'import { readFileSync } from "node:fs";\n'),
        fake("bank/fake.ts", 'import { loadDemo } from "../seeds/index.js";\n'),
        fake("config/fake.ts", 'import { openStore } from "../store/connect.js";\n'),
        fake("web/fake.ts", 'import type { Consent } from "../consent/schemas.js";\n'),
        fake("web/fake2.ts", 'import { CONSENT_SCOPES } from "../consent/schemas.js";\n'),
        fake("web/fake3.ts", 'import type { Store } from "../store/connect.js";\n'),
        fake("web/pages/fake.tsx", 'import type { Product } from "../../bank/schemas.js";\n'),
        fake("web/pages/fake2.tsx", 'import { ProductSchema } from "../../bank/schemas.js";\n'),
        fake("web/fake.ts", 'import type { User } from "../accounts/schemas.js";\n'),
        fake("web/fake2.ts", 'import { UserSchema } from "../accounts/schemas.js";\n'),
      ]),
    ).toEqual([
      "hla/fake.ts → bank/products.js",
      "hla/fake.ts → node:fs (a pure core reads no disk or network outside hla/reference)",
      "store/fake.ts → server/app.js",
      "bank/fake.ts → seeds/index.js",
      "config/fake.ts → store/connect.js",
      "web/fake2.ts → consent/schemas.js",
      "web/fake3.ts → store/connect.js",
      "web/pages/fake2.tsx → bank/schemas.js",
      "web/fake2.ts → accounts/schemas.js",
    ]);
  });
});
