/** Runs the built `cradle` bin as a user does, with the reference data of ../shared. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { HLA_3440, MAC_SUBSET } from "./shared.js";

export const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cradle.js");

export function cradle(args: string[], input?: string, hlaDir = HLA_3440, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, CRADLE_HLA_DIR: hlaDir, CRADLE_MAC_FILE: MAC_SUBSET, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Builds dist/ (the CLI and server, and the web app) so the bin and the browser run the code under test. */
export function build(): void {
  for (const args of [
    ["tsc", "-p", "tsconfig.build.json"],
    ["vite", "build", "--logLevel", "warn"],
  ]) {
    const r = spawnSync("npx", args, { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  }
}
