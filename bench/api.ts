/**
 * API throughput and latency (autocannon): `cradle serve` on a fresh SQLite database with the full demo
 * program (2,500 bank products, 200,000 adult donors, 20,000 cord units), then each row at 50 and 200
 * concurrent clients for 10 s, every row run `runs` times (default 3: this machine's speed varies from run
 * to run). The server runs in its own process; autocannon shares the machine with it, as a load generator
 * on the same host does, and takes one of its cores.
 *
 * Rows: inventory pages as the web app asks them; any page of any filter at random (so few requests find
 * the page already built); the first page while a lab technologist records a QC result ten times a
 * second (every write sends the inventory view back to the database); a cord search asked again (a page
 * reloaded, a colleague opening the same baby's search); a cord search for a new patient every request
 * (2,000 patients drawn from the haplotype frequencies, taken in turn so none repeats within a run).
 *
 *   npm run bench:api                 the full demo, 3 runs
 *   npm run bench:api -- 0.1 1        a tenth of it, 1 run (quicker)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { benchEngine, benchHaplotypes, benchPatients, freqFile, hlaDir, macFile } from "./reference.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const scale = process.argv[2] ?? "1";
const runs = Number(process.argv[3] ?? 3);
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

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(username: string): Promise<Session> {
  const r = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: (r.headers.get("set-cookie") ?? "").split(";")[0] as string, csrf: body.csrfToken };
}

async function getJson<T>(s: Session, path: string): Promise<T> {
  const r = await fetch(`${url}${path}`, { headers: { cookie: s.cookie } });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

interface Case {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** Each request's path or body, when they vary. */
  vary?: (req: autocannon.Request) => autocannon.Request;
  /** Runs beside the load (bank writes), stopped when it ends; returns what it did. */
  beside?: () => { stop: () => Promise<string> };
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  /** Share of one core each process used: where the limit lies (autocannon saturated means the client). */
  serverCpu: number;
  clientCpu: number;
  note?: string;
}

/** CPU seconds a process has used (Linux /proc: user + system ticks). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function run(c: Case, connections: number, s: Session): Promise<Run> {
  const beside = c.beside?.();
  const t0 = performance.now();
  const server0 = cpuSeconds(child.pid as number);
  const client0 = process.cpuUsage();
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
    ...(c.vary ? { requests: [{ setupRequest: c.vary }] } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  const server = cpuSeconds(child.pid as number) - server0;
  const client = process.cpuUsage(client0);
  const note = await beside?.stop();
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: Math.round(r.requests.average),
    errors: r.errors + r.non2xx + r.timeouts,
    serverCpu: server / seconds,
    clientCpu: (client.user + client.system) / 1e6 / seconds,
    ...(note ? { note } : {}),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** A lab technologist recording a QC result on a quarantined product ten times a second. */
function qcWriter(lab: Session, dins: string[]): () => { stop: () => Promise<string> } {
  return () => {
    let writes = 0;
    let failed = 0;
    let i = 0;
    const timer = setInterval(() => {
      const din = dins[i++ % dins.length] as string;
      fetch(`${url}/api/products/${din}/qc`, {
        method: "POST",
        headers: { cookie: lab.cookie, "x-csrf-token": lab.csrf, "content-type": "application/json" },
        body: JSON.stringify({
          test: "viability",
          stage: "post-processing",
          value: 90 + (i % 9),
          testedAt: new Date().toISOString(),
        }),
      }).then(
        (r) => {
          if (r.ok) writes++;
          else failed++;
          return r.arrayBuffer();
        },
        () => failed++,
      );
    }, 100);
    return {
      stop: async () => {
        clearInterval(timer);
        await new Promise((r) => setTimeout(r, 200));
        return `${writes} writes${failed ? `, ${failed} failed` : ""}`;
      },
    };
  };
}

const child = await start();
try {
  const physician = await signIn("physician");
  const lab = await signIn("lab");
  const quarantined = await getJson<{ items: { din: string }[] }>(
    physician,
    "/api/products?status=quarantine&limit=100",
  );
  const total = (await getJson<{ total: number }>(physician, "/api/products?limit=1")).total;
  const filters = ["", "&status=available", "&status=quarantine", "&status=discarded", "&source=cord-blood"];
  const search = (patientTyping: string) =>
    JSON.stringify({ patientTyping, kind: "cord", weightGrams: 3400, diagnosis: "nonmalignant", limit: 20 });
  const patients = benchPatients(benchEngine(), benchHaplotypes(), 2000, 4242);
  let next = 0;
  const cases: Case[] = [
    { name: "inventory, first page (50)", method: "GET", path: "/api/products?limit=50" },
    {
      name: "inventory, quarantine filter, page 3 (25)",
      method: "GET",
      path: "/api/products?status=quarantine&limit=25&offset=50",
    },
    {
      name: "inventory, any page of any filter (50)",
      method: "GET",
      path: "/api/products?limit=50",
      vary: (req) => ({
        ...req,
        path: `/api/products?limit=50&offset=${Math.floor(Math.random() * total)}${filters[Math.floor(Math.random() * filters.length)]}`,
      }),
    },
    {
      name: "inventory, first page, while the lab records 10 QC results a second",
      method: "GET",
      path: "/api/products?limit=50",
      beside: qcWriter(
        lab,
        quarantined.items.map((p) => p.din),
      ),
    },
    {
      name: `cord search asked again (${scale === "1" ? "221 k" : scale} listings, 3.4 kg)`,
      method: "POST",
      path: "/api/search",
      body: search(patients[0] as string),
    },
    {
      name: "cord search, a new patient every request",
      method: "POST",
      path: "/api/search",
      body: search(patients[0] as string),
      vary: (req) => ({ ...req, body: search(patients[next++ % patients.length] as string) }),
    },
  ];
  console.log(
    `\nAPI on ${url}, demo scale ${scale}; 10 s per run, ${runs} run(s) per row (median, p99 range)\n`,
  );
  console.log(
    "| request | clients | p50 ms | p99 ms | requests/s | errors | CPU server / autocannon | beside |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const c of cases) {
    for (const connections of [50, 200]) {
      const rs: Run[] = [];
      for (let k = 0; k < runs; k++) rs.push(await run(c, connections, physician));
      const p99s = rs.map((r) => r.p99);
      const range = runs > 1 ? ` (${Math.min(...p99s)}–${Math.max(...p99s)})` : "";
      const pct = (xs: number[]) => `${Math.round(100 * median(xs))} %`;
      const cpu = `${pct(rs.map((r) => r.serverCpu))} / ${pct(rs.map((r) => r.clientCpu))}`;
      const notes = rs.flatMap((r) => (r.note ? [r.note] : [])).join("; ");
      console.log(
        `| ${c.name} | ${connections} | ${median(rs.map((r) => r.p50))} | ${median(p99s)}${range} | ${median(rs.map((r) => r.rps))} | ${rs.reduce((a, r) => a + r.errors, 0)} | ${cpu} | ${notes} |`,
      );
    }
  }
} finally {
  child.kill("SIGTERM");
}
