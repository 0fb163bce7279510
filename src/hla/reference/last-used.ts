/**
 * The reference data an installation last used, kept in the cache directory: `cradle serve` records the
 * IMGT/HLA release directory and MAC file it opened, so a later `cradle hla …` finds them without
 * CRADLE_HLA_DIR / CRADLE_MAC_FILE exported again (and offline). A path that has gone since is not used.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir } from "./load.js";

export interface LastUsedReference {
  hlaDir: string;
  macFile?: string | undefined;
  /** The release's version, for the message. */
  version: string;
  recordedAt: string;
}

export function lastUsedFile(): string {
  return join(cacheDir(), "last-used-reference.json");
}

/** Records the paths; written to a temporary file and renamed, so a reader never sees half a file. */
export function rememberLastUsed(r: LastUsedReference): string {
  const file = lastUsedFile();
  mkdirSync(cacheDir(), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(r, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}

/** The recorded paths that still exist; undefined when none were recorded or the release has gone. */
export function lastUsed(): LastUsedReference | undefined {
  const file = lastUsedFile();
  if (!existsSync(file)) return undefined;
  let r: Partial<LastUsedReference>;
  try {
    r = JSON.parse(readFileSync(file, "utf8")) as Partial<LastUsedReference>;
  } catch {
    return undefined;
  }
  if (typeof r.hlaDir !== "string" || !existsSync(r.hlaDir)) return undefined;
  const macFile = typeof r.macFile === "string" && existsSync(r.macFile) ? r.macFile : undefined;
  return {
    hlaDir: r.hlaDir,
    macFile,
    version: typeof r.version === "string" ? r.version : "?",
    recordedAt: typeof r.recordedAt === "string" ? r.recordedAt : "?",
  };
}
