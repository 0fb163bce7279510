/**
 * API throughput and latency (autocannon): `cradle serve` on a fresh SQLite database with the full demo
 * program (2,500 bank products, 200,000 adult donors, 20,000 cord units), then the inventory list and a
 * cord search at 50 and 200 concurrent clients, 10 s each. Inventory pages are cached by the server between
 * bank writes; the "uncached" row asks a new URL each time: the cost of a page after a write. The server runs in its own process; autocannon
 * shares the machine with it, as a load generator on the same host does.
 *
 *   npm run bench:api             the full demo
 *   npm run bench:api -- 0.1      a tenth of it (quicker)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { freqFile, hlaDir, macFile } from "./reference.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const scale = process.argv[2] ?? "1";
const port = 3900 + Math.floor(Math.random() * 90);
const url = `http://127.0.0.1:${port}`;
const PASSWORD = "bench password 1";

async function start(): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), "cradle-bench-api-"));
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin", "cradle.js"), "serve", "--port", String(port), "--host", "127.0.0.1"],
    {
      env: {
        ...process.env,
        CRADLE_DATABASE_URL: `sqlite://${join(dir, "cradle.db")}`,
        CRADLE_HLA_DIR: hlaDir,
        CRADLE_MAC_FILE: macFile,
        CRADLE_FREQUENCIES: freqFile,
        CRADLE_ADMIN_PASSWORD: PASSWORD,
        CRADLE_DEMO_PASSWORD: PASSWORD,
        CRADLE_DEMO_SCALE: scale,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((ok, fail) => {
    child.stdout?.on("data", (d: Buffer) => {
      process.stdout.write(d);
      if (d.toString().includes("listening on")) ok();
    });
    child.once("exit", () => fail(new Error("cradle serve exited")));
  });
  return child;
}

async function signIn(username: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: (r.headers.get("set-cookie") ?? "").split(";")[0] as string, csrf: body.csrfToken };
}

interface Case {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** A new URL for every request, so the server's page cache never answers. */
  uncached?: boolean;
}

async function run(c: Case, connections: number, s: { cookie: string; csrf: string }) {
  const r = await autocannon({
    url: `${url}${c.path}`,
    method: c.method,
    connections,
    duration: 10,
    headers: {
      cookie: s.cookie,
      "x-csrf-token": s.csrf,
      ...(c.body ? { "content-type": "application/json" } : {}),
    },
    ...(c.body ? { body: c.body } : {}),
    ...(c.uncached
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                path: `${c.path}&nocache=${Math.random()}`,
              }),
            },
          ],
        }
      : {}),
  });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: Math.round(r.requests.average),
    errors: r.errors + r.non2xx,
  };
}

const child = await start();
try {
  const s = await signIn("physician");
  const patient =
    "A*01:01+A*02:01^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01^DQB1*02:01+DQB1*03:02";
  const cases: Case[] = [
    { name: "inventory list (GET /api/products?limit=50)", method: "GET", path: "/api/products?limit=50" },
    {
      name: "inventory, quarantine filter, page 3",
      method: "GET",
      path: "/api/products?status=quarantine&limit=25&offset=50",
    },
    {
      name: "inventory list, uncached (a new URL each request)",
      method: "GET",
      path: "/api/products?limit=50",
      uncached: true,
    },
    {
      name: "cord search (POST /api/search, 3.4 kg)",
      method: "POST",
      path: "/api/search",
      body: JSON.stringify({
        patientTyping: patient,
        kind: "cord",
        weightGrams: 3400,
        diagnosis: "nonmalignant",
        limit: 20,
      }),
    },
  ];
  console.log(`\nAPI on ${url}, demo scale ${scale}; 10 s per row\n`);
  console.log("| request | clients | p50 ms | p99 ms | requests/s | errors |");
  console.log("|---|---|---|---|---|---|");
  for (const c of cases) {
    for (const connections of [50, 200]) {
      const r = await run(c, connections, s);
      console.log(`| ${c.name} | ${connections} | ${r.p50} | ${r.p99} | ${r.rps} | ${r.errors} |`);
    }
  }
} finally {
  child.kill("SIGTERM");
}
