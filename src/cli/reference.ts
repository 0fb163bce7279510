/** The options every command that needs IMGT/HLA and MAC data shares, and opening that data. */
import type { Command } from "commander";
import { config } from "../config/index.js";
import { lastUsed, lastUsedFile, rememberLastUsed } from "../hla/reference/last-used.js";
import { DEFAULT_RELEASE } from "../hla/reference/load.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";

export interface RefOptions {
  hlaDir?: string;
  macFile?: string;
  release?: string;
}

export function withReferenceOptions(cmd: Command): Command {
  return cmd
    .option(
      "--hla-dir <dir>",
      "IMGT/HLA release directory (default: $CRADLE_HLA_DIR, else cache or download)",
    )
    .option("--mac-file <file>", "NMDP MAC file, alpha.v3.txt layout (default: $CRADLE_MAC_FILE)")
    .option(
      "--release <version>",
      `IMGT/HLA release to use when no directory is given (default: the one the server last used, else ${DEFAULT_RELEASE})`,
    );
}

/**
 * Opens the reference data: the options, else the environment, else what the server last used (recorded in
 * the cache), else the cache or a download. Says on stderr when it takes the recorded paths.
 */
export function openReference(o: RefOptions): Promise<OpenedHla> {
  const hlaDir = o.hlaDir ?? config().hlaDir;
  const macFile = o.macFile ?? config().macFile;
  const last = hlaDir === undefined ? lastUsed() : undefined;
  const recorded = last && (o.release === undefined || o.release === last.version) ? last : undefined;
  if (recorded) {
    console.error(
      `cradle: using the reference data the server last used (${lastUsedFile()}): IMGT/HLA ${recorded.version} at ${recorded.hlaDir}${recorded.macFile && macFile === undefined ? `, MACs ${recorded.macFile}` : ""}`,
    );
  }
  return openHla({
    hlaDir: hlaDir ?? recorded?.hlaDir,
    macFile: macFile ?? (recorded ? recorded.macFile : undefined),
    release: o.release,
  });
}

/** The server records what it opened, for later commands (see openReference). */
export function rememberReference(hla: OpenedHla, log: (m: string) => void): void {
  try {
    const file = rememberLastUsed({
      hlaDir: hla.release.provenance.path,
      macFile: hla.macs?.provenance.path,
      version: hla.engine.release.version,
      recordedAt: new Date().toISOString(),
    });
    log(`reference data recorded in ${file} for later commands`);
  } catch (e) {
    // A read-only cache costs later commands a lookup; it never stops a start.
    log(`could not record the reference data used (${(e as Error).message})`);
  }
}
