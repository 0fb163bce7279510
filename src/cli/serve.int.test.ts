/**
 * `cradle serve` on a first start (issue 15): it answers while it prepares (a page with the step and how
 * far, /api/health with that state, other API calls 503 STARTING with Retry-After), then serves the app; a
 * demo load killed mid-way is reported with the fix at the next start, never served; and it records the
 * reference data it used, so `cradle hla …` finds it later without CRADLE_HLA_DIR / CRADLE_MAC_FILE.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";

const BIN = join(ROOT, "bin", "cradle.js");
const DIR = mkdtempSync(join(tmpdir(), "cradle-serve-"));
const CACHE = join(DIR, "cache");

/** The environment of a user who set only the database and the cache: no reference paths exported. */
function env(db: string, over: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(e)) if (k.startsWith("CRADLE_") || k === "PORT" || k === "HOST") delete e[k];
  return {
    ...e,
    CRADLE_DATABASE_URL: `sqlite://${join(DIR, db)}`,
    CRADLE_CACHE_DIR: CACHE,
    CRADLE_ADMIN_PASSWORD: "first start passphrase of the bank",
    CRADLE_DEMO_PASSWORD: "demo users password 2026",
    CRADLE_DEMO_SCALE: "0.01",
    ...over,
  };
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function start(args: string[], e: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [BIN, ...args], { env: e, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

/** Waits until the output matches (or the process ends); returns the match. */
async function waitFor(s: Started, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const m = s.output().match(pattern);
    if (m) return m;
    if (s.child.exitCode !== null)
      throw new Error(`exited ${s.child.exitCode} before ${pattern}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("cradle serve on a first start", () => {
  it("answers while it prepares, then serves the app, and records the reference data it used", async () => {
    const s = start(
      ["serve", "--port", "0", "--host", "127.0.0.1"],
      env("first.db", { CRADLE_HLA_DIR: HLA_3580, CRADLE_MAC_FILE: MAC_SUBSET }),
    );
    const url = `http://127.0.0.1:${(await waitFor(s, /answering on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    const seen: { page: string; health: Record<string, unknown>; api: number; retry: string | null }[] = [];
    for (;;) {
      const health = await fetch(`${url}/api/health`);
      const body = (await health.json()) as Record<string, unknown>;
      if (health.status === 200) break;
      const page = await fetch(`${url}/`);
      const api = await fetch(`${url}/api/products/summary`);
      seen.push({
        page: await page.text(),
        health: body,
        api: api.status,
        retry: api.headers.get("retry-after"),
      });
      // The app may have become ready between the two requests: then it is the app's answer (401).
      const apiBody = (await api.json()) as { code?: string };
      expect(apiBody.code).toBe(api.status === 503 ? "STARTING" : "AUTH_REQUIRED");
    }
    // While preparing: the page says what and how far, refreshing itself; health names the step; the API 503.
    expect(seen.length).toBeGreaterThan(0);
    const first = seen[0] as (typeof seen)[number];
    expect(first.page).toContain("Cradle is preparing its data");
    expect(first.page).toContain('<meta http-equiv="refresh" content="2">');
    expect(first.page).toMatch(/Step \d of \d: <strong>[a-z]/);
    expect(first.health).toMatchObject({ status: "starting", start: { state: "preparing" } });
    expect(first.api).toBe(503);
    expect(first.retry).toBe("5");
    const steps = new Set(seen.map((x) => (x.health.start as { step: string }).step.split(":")[0]));
    expect([...steps].some((st) => st?.startsWith("loading the demo program"))).toBe(true);
    // How far: the steps done of the steps, on the page as a progress bar.
    expect(first.health.start).toMatchObject({ steps: 6 });
    expect(typeof (first.health.start as { stepsDone: unknown }).stepsDone).toBe("number");
    expect(first.page).toMatch(/<progress max="100" value="\d+">/);

    // Ready: the app itself answers on the same port.
    const ready = await fetch(`${url}/api/health`);
    expect(ready.status).toBe(200);
    const index = await fetch(`${url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).not.toContain("preparing its data");
    expect((await fetch(`${url}/api/products/summary`)).status).toBe(401);
    expect(s.output()).toContain("listening on http://127.0.0.1:");
    s.child.kill("SIGTERM");
    await s.exited;

    // Later, offline and with no reference variables: `cradle hla` finds what the server used, and says so.
    expect(existsSync(join(CACHE, "last-used-reference.json"))).toBe(true);
    const hla = start(["hla", "status"], env("first.db"));
    expect(await hla.exited, hla.output()).toBe(0);
    expect(hla.output()).toContain("using the reference data the server last used");
    expect(hla.output()).toContain(HLA_3580);
    expect(hla.output()).toContain("3.58.0");
    // A whole first start with the demo: about 40 s on a quiet 2-core machine, more when it is shared.
  }, 180_000);

  it("reports a demo load killed mid-way at the next start, with the fix, and does not serve it", async () => {
    const e = env("killed.db", { CRADLE_HLA_DIR: HLA_3580, CRADLE_MAC_FILE: MAC_SUBSET });
    const s = start(["serve", "--port", "0", "--host", "127.0.0.1"], e);
    // Killed as a power cut would: once the demo's bank products are being written.
    await waitFor(s, /demo: \d+ bank products/);
    s.child.kill("SIGKILL");
    await s.exited;

    const again = start(["serve", "--port", "0", "--host", "127.0.0.1"], e);
    expect(await again.exited).toBe(2);
    const out = again.output();
    expect(out).toContain("refusing to start: the demo load begun at");
    expect(out).toContain("did not finish");
    expect(out).toContain("Fix: start again on an empty database");
    expect(out).not.toContain("listening on");
  });

  it("stops with the reason and exit 2 when a setting is refused while it prepares", async () => {
    // A first admin password that holds the user name is refused by the password policy.
    const e = env("refused.db", { CRADLE_ADMIN_PASSWORD: "admin passphrase for the bank" });
    const s = start(["serve", "--port", "0", "--host", "127.0.0.1"], e);
    expect(await s.exited, s.output()).toBe(2);
    expect(s.output()).toContain("CRADLE_ADMIN_PASSWORD");
    expect(s.output()).not.toContain("listening on");
  });
});
