/** Runs the built `cradle` bin as a user does, with the reference data of ../shared. */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { HLA_3440, MAC_SUBSET } from "./shared.js";

export const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cradle.js");

/**
 * Runs `cradle` in a child process. Asynchronous on purpose: a test worker blocked in spawnSync for many
 * seconds cannot answer Vitest's own messages, which then time out on a busy machine.
 */
export function cradle(
  args: string[],
  input?: string,
  hlaDir = HLA_3440,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CRADLE_HLA_DIR: hlaDir, CRADLE_MAC_FILE: MAC_SUBSET, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(input ?? "");
  });
}

/** Builds dist/ (the CLI and server, and the web app) so the bin and the browser run the code under test. */
export function build(): void {
  for (const args of [
    ["tsc", "-p", "tsconfig.build.json"],
    ["vite", "build", "--logLevel", "warn"],
  ]) {
    // Vitest runs with NODE_ENV=test, which would make vite bundle React's development build: the
    // browser tests load the production bundle users get.
    const env = { ...process.env, NODE_ENV: "production" };
    const r = spawnSync("npx", args, { cwd: ROOT, encoding: "utf8", env });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  }
}
