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

/** Builds dist/ so the bin runs the code under test. */
export function build(): void {
  const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
}
