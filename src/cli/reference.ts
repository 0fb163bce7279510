/** The options every command that needs IMGT/HLA and MAC data shares, and opening that data. */
import type { Command } from "commander";
import { config } from "../config/index.js";
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
    .option("--release <version>", "IMGT/HLA release to use when no directory is given", "3.58.0");
}

export function openReference(o: RefOptions): Promise<OpenedHla> {
  return openHla({
    hlaDir: o.hlaDir ?? config().hlaDir,
    macFile: o.macFile ?? config().macFile,
    release: o.release,
  });
}
