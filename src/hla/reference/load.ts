/**
 * Finding an IPD-IMGT/HLA release and the NMDP MAC file: from a directory the user names
 * (`CRADLE_HLA_DIR`, `CRADLE_MAC_FILE`), else Cradle's cache, else a download from the official sources.
 * Each release is compiled once into a compact JSON file in the cache so later starts are fast.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { inflateRawSync } from "node:zlib";
import { CradleError } from "../../errors.js";
import { type MacDictionary, parseMacFile } from "./mac.js";
import {
  OPTIONAL_RELEASE_FILES,
  RELEASE_FILES,
  type RawRelease,
  parseMd5Checksums,
  parseRelease,
} from "./raw.js";

export const DEFAULT_RELEASE = "3.58.0";
const IMGT_RAW = "https://raw.githubusercontent.com/ANHIG/IMGTHLA";
const MAC_URL = "https://hml.nmdp.org/mac/files/alpha.v3.zip";

/** Where a piece of reference data came from, for `cradle hla status`. */
export interface Provenance {
  source: "directory" | "cache" | "download";
  path: string;
  compiledCache?: string;
  checksums: "verified" | "absent";
}

export function cacheDir(): string {
  const base =
    process.env.CRADLE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "cradle");
  return resolve(base);
}

function releaseKey(version: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new CradleError("INVALID_INPUT", `release "${version}" is not a version like 3.58.0`, { version });
  }
  return version.replace(/\./g, "");
}

function md5(buf: Buffer): string {
  return createHash("md5").update(buf).digest("hex");
}

/** Checks every file listed in wmda/md5checksum.txt that is present; returns whether a list was there. */
function verifyChecksums(dir: string): "verified" | "absent" {
  const listPath = join(dir, "wmda", "md5checksum.txt");
  if (!existsSync(listPath)) return "absent";
  const sums = parseMd5Checksums(readFileSync(listPath, "utf8"));
  for (const [rel, expected] of sums) {
    const p = join(dir, rel);
    if (!existsSync(p)) continue;
    const got = md5(readFileSync(p));
    if (got !== expected) {
      throw new CradleError(
        "REFERENCE_CORRUPT",
        `${p}: MD5 ${got} does not match ${expected} in md5checksum.txt`,
        {
          file: p,
          expected,
          got,
        },
      );
    }
  }
  return "verified";
}

function readReleaseDir(dir: string): Parameters<typeof parseRelease>[0] {
  const texts = {} as Parameters<typeof parseRelease>[0];
  for (const f of RELEASE_FILES) texts[f] = readFileSync(join(dir, f), "utf8");
  for (const f of OPTIONAL_RELEASE_FILES) {
    if (existsSync(join(dir, f))) texts[f] = readFileSync(join(dir, f), "utf8");
  }
  return texts;
}

/** A fingerprint of a directory's files (size and modification time), naming its compiled cache entry. */
function fingerprint(dir: string): string {
  const h = createHash("sha1").update(resolve(dir));
  for (const f of RELEASE_FILES) {
    const s = statSync(join(dir, f));
    h.update(`${f}:${s.size}:${s.mtimeMs}`);
  }
  for (const f of OPTIONAL_RELEASE_FILES) {
    const s = existsSync(join(dir, f)) ? statSync(join(dir, f)) : undefined;
    h.update(s ? `${f}:${s.size}:${s.mtimeMs}` : `${f}:absent`);
  }
  return h.digest("hex").slice(0, 16);
}

function writeAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function readCompiled(path: string): RawRelease | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(path, "utf8")) as RawRelease;
    return raw.format === 3 ? raw : undefined;
  } catch {
    return undefined; // a damaged cache entry is rebuilt, never trusted
  }
}

function writeCompiled(path: string, raw: RawRelease): boolean {
  try {
    mkdirSync(join(path, ".."), { recursive: true });
    writeAtomic(path, JSON.stringify(raw));
    return true;
  } catch {
    return false; // a read-only cache only costs speed
  }
}

/** Compiles a directory of official files, using (and filling) the compiled cache. */
export function loadReleaseDir(dir: string): { raw: RawRelease; provenance: Provenance } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CradleError("REFERENCE_NOT_FOUND", `IMGT/HLA directory ${dir} does not exist`, { dir });
  }
  for (const f of RELEASE_FILES) {
    const p = join(dir, f);
    if (!existsSync(p)) {
      throw new CradleError(
        "REFERENCE_NOT_FOUND",
        `${p} is missing: an IMGT/HLA release directory needs ${RELEASE_FILES.join(", ")}`,
        { file: p },
      );
    }
  }
  const compiledPath = join(cacheDir(), "imgt-hla", "compiled", `${fingerprint(dir)}.json`);
  const cached = readCompiled(compiledPath);
  if (cached) {
    // An entry is written only after its files passed their checksums, and any change to a file changes
    // the fingerprint, so a hit is as verified as the directory's checksum list allows.
    const checksums = existsSync(join(dir, "wmda", "md5checksum.txt")) ? "verified" : "absent";
    return {
      raw: cached,
      provenance: { source: "directory", path: dir, compiledCache: compiledPath, checksums },
    };
  }
  const checksums = verifyChecksums(dir);
  const raw = parseRelease(readReleaseDir(dir));
  const wrote = writeCompiled(compiledPath, raw);
  return {
    raw,
    provenance: {
      source: "directory",
      path: dir,
      checksums,
      ...(wrote ? { compiledCache: compiledPath } : {}),
    },
  };
}

async function download(url: string): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw new CradleError("REFERENCE_NOT_FOUND", `could not download ${url}: ${(e as Error).message}`, {
      url,
    });
  }
  if (!res.ok)
    throw new CradleError("REFERENCE_NOT_FOUND", `could not download ${url}: HTTP ${res.status}`, { url });
  return Buffer.from(await res.arrayBuffer());
}

function offlineHelp(version: string): string {
  return `IMGT/HLA release ${version} is not cached and could not be downloaded. Download the release (Allelelist.txt and wmda/*.txt from branch ${releaseKey(version)} of the ANHIG/IMGTHLA repository) into a directory and point Cradle at it: \`export CRADLE_HLA_DIR=/path/to/release\` or \`--hla-dir /path/to/release\`.`;
}

/** Downloads a release's official files into the cache, verifies them, and returns the directory. */
export async function downloadRelease(version: string): Promise<string> {
  const key = releaseKey(version);
  const dir = join(cacheDir(), "imgt-hla", version);
  try {
    mkdirSync(join(dir, "wmda"), { recursive: true });
    for (const f of [...RELEASE_FILES, "wmda/md5checksum.txt"]) {
      writeAtomic(join(dir, f), await download(`${IMGT_RAW}/${key}/${f}`));
    }
    for (const f of OPTIONAL_RELEASE_FILES) {
      try {
        const data = await download(`${IMGT_RAW}/${key}/${f}`);
        mkdirSync(join(dir, f, ".."), { recursive: true });
        writeAtomic(join(dir, f), data);
      } catch {
        // Optional: older releases have no TCE file, and DPB1 permissiveness is then reported unknown.
      }
    }
  } catch (e) {
    if (e instanceof CradleError && e.code === "REFERENCE_NOT_FOUND") {
      throw new CradleError("REFERENCE_NOT_FOUND", `${offlineHelp(version)} (${e.message})`, { version });
    }
    throw e;
  }
  verifyChecksums(dir);
  return dir;
}

export interface ReleaseRequest {
  /** A directory of official files; default `CRADLE_HLA_DIR`. */
  dir?: string | undefined;
  /** Release to use when no directory is given; default 3.58.0. */
  version?: string | undefined;
}

/** Finds a release: the directory given, else `CRADLE_HLA_DIR`, else the cache, else a download. */
export async function findRelease(
  req: ReleaseRequest = {},
): Promise<{ raw: RawRelease; provenance: Provenance }> {
  const dir = req.dir ?? process.env.CRADLE_HLA_DIR;
  if (dir) return loadReleaseDir(dir);
  const version = req.version ?? DEFAULT_RELEASE;
  const cached = join(cacheDir(), "imgt-hla", version);
  if (RELEASE_FILES.every((f) => existsSync(join(cached, f)))) {
    const r = loadReleaseDir(cached);
    return { raw: r.raw, provenance: { ...r.provenance, source: "cache" } };
  }
  const fetched = await downloadRelease(version);
  const r = loadReleaseDir(fetched);
  return { raw: r.raw, provenance: { ...r.provenance, source: "download" } };
}

export interface MacRequest {
  /** An alpha.v3.txt file; default `CRADLE_MAC_FILE`. */
  file?: string | undefined;
  /** Try NMDP's published file when nothing local is found (default true). */
  download?: boolean;
}

/**
 * Loads the MAC dictionary, or returns undefined when none can be had: typings with MACs then fail with
 * HLA_MAC_UNAVAILABLE rather than being guessed.
 */
export async function findMacs(
  req: MacRequest = {},
): Promise<{ macs: MacDictionary; provenance: Provenance } | undefined> {
  const file = req.file ?? process.env.CRADLE_MAC_FILE;
  if (file) {
    if (!existsSync(file))
      throw new CradleError("REFERENCE_NOT_FOUND", `MAC file ${file} does not exist`, { file });
    return {
      macs: parseMacFile(readFileSync(file, "utf8"), file),
      provenance: { source: "directory", path: file, checksums: "absent" },
    };
  }
  const cached = join(cacheDir(), "mac", "alpha.v3.txt");
  if (existsSync(cached)) {
    return {
      macs: parseMacFile(readFileSync(cached, "utf8"), cached),
      provenance: { source: "cache", path: cached, checksums: "absent" },
    };
  }
  if (req.download === false) return undefined;
  try {
    const zip = await download(MAC_URL);
    const text = unzipSingleText(zip);
    mkdirSync(join(cached, ".."), { recursive: true });
    writeAtomic(cached, text);
    return {
      macs: parseMacFile(text, cached),
      provenance: { source: "download", path: cached, checksums: "absent" },
    };
  } catch {
    return undefined;
  }
}

/** Extracts the one text file of NMDP's alpha.v3.zip (a single deflated entry) with Node's zlib. */
function unzipSingleText(zip: Buffer): string {
  if (zip.readUInt32LE(0) !== 0x04034b50)
    throw new CradleError("REFERENCE_CORRUPT", "MAC download is not a zip file");
  const method = zip.readUInt16LE(8);
  const compressed = zip.readUInt32LE(18);
  const nameLen = zip.readUInt16LE(26);
  const extraLen = zip.readUInt16LE(28);
  const start = 30 + nameLen + extraLen;
  const body = zip.subarray(start, compressed > 0 ? start + compressed : undefined);
  return (method === 0 ? body : inflateRawSync(body)).toString("utf8");
}
