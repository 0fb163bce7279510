/**
 * Starts `cradle serve` as a user does (the built bin, a fresh SQLite database, the demo program at a
 * small scale so a test run stays short) and Debian's Chromium through playwright-core, headless.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIRequestContext, type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { ROOT } from "../support/cli.js";
import { CTCAE_FILE, HLA_3580, MAC_SUBSET, SHARED } from "../support/shared.js";
import { expectAccessible } from "./axe.js";

export const ADMIN_PASSWORD = "first start passphrase e2e";
export const DEMO_PASSWORD = "demo password e2e";
/** Where the pages' screenshots go (CI keeps them as artifacts): CRADLE_E2E_SCREENSHOTS, or test-results. */
export const SCREENSHOTS = process.env.CRADLE_E2E_SCREENSHOTS ?? join(ROOT, "test-results", "screenshots");
export const CHROMIUM = process.env.CRADLE_CHROMIUM ?? "/usr/bin/chromium";

/** True when the browser tests run here; in CI they must (.ci/debian.sh installs Debian's chromium). */
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM);
if (!CHROMIUM_AVAILABLE && process.env.CI) {
  throw new Error(`CI must run the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface Running {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startServer(): Promise<Running> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "cradle-e2e-"));
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, "bin", "cradle.js"), "serve", "--port", String(port), "--host", "127.0.0.1"],
    {
      env: {
        ...process.env,
        CRADLE_DATABASE_URL: `sqlite://${join(dir, "cradle.db")}`,
        CRADLE_HLA_DIR: HLA_3580,
        CRADLE_MAC_FILE: MAC_SUBSET,
        CRADLE_CTCAE_FILE: CTCAE_FILE,
        CRADLE_FREQUENCIES: join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz"),
        CRADLE_ADMIN_PASSWORD: ADMIN_PASSWORD,
        CRADLE_DEMO_PASSWORD: DEMO_PASSWORD,
        CRADLE_DEMO_SCALE: "0.05",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`cradle serve exited:\n${output}`);
    if (output.includes("listening on")) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!output.includes("listening on")) throw new Error(`cradle serve did not start:\n${output}`);
  return {
    url,
    log: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}

export async function signIn(
  page: Page,
  url: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The page checked by axe (expectAccessible) and kept as a screenshot; `axe: false` for pages not ours. */
export async function shot(page: Page, name: string, { axe = true } = {}): Promise<void> {
  if (axe) await expectAccessible(page, name);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The server and browser for one test file: started before its tests (a fresh database with the demo),
 * stopped after. Call the returned functions inside a test.
 */
export function useApp(viewport = { width: 1400, height: 1000 }): {
  server: () => Running;
  browser: () => Browser;
  newPage: () => Promise<Page>;
} {
  let server: Running | undefined;
  let browser: Browser | undefined;
  if (!CHROMIUM_AVAILABLE)
    console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  beforeAll(async () => {
    if (!CHROMIUM_AVAILABLE) return;
    server = await startServer();
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`${what} starts in beforeAll`);
    return x;
  };
  return {
    server: () => need(server, "the server"),
    browser: () => need(browser, "the browser"),
    newPage: async () => {
      const context = await need(browser, "the browser").newContext({ viewport, acceptDownloads: true });
      return context.newPage();
    },
  };
}

/** A demo user's API session (its own cookie jar), sending the CSRF token with every change. */
export async function apiAs(app: ReturnType<typeof useApp>, username: string, password = DEMO_PASSWORD) {
  const context = await app.browser().newContext();
  const request: APIRequestContext = context.request;
  const r = await request.post(`${app.server().url}/api/session`, { data: { username, password } });
  expect(r.status()).toBe(200);
  const csrf = (await r.json()).csrfToken as string;
  return async (method: "GET" | "POST" | "PUT", path: string, data?: unknown) => {
    const res = await request.fetch(`${app.server().url}${path}`, {
      method,
      headers: { "x-csrf-token": csrf },
      ...(data === undefined ? {} : { data }),
    });
    const body = await res.json();
    expect(res.ok(), `${method} ${path}: ${JSON.stringify(body)}`).toBe(true);
    return body;
  };
}
