/** Loading a release from a directory: checksums, missing files, the compiled cache, the offline message. */
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HLA_3440, MAC_SUBSET } from "../../../test/support/shared.js";
import { CradleError } from "../../errors.js";
import { findMacs, findRelease, loadReleaseDir } from "./load.js";
import { parseMacFile } from "./mac.js";
import { parseAlleleList } from "./raw.js";

let work: string;
const saved = { ...process.env };

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "cradle-load-"));
  process.env.CRADLE_CACHE_DIR = join(work, "cache");
  delete process.env.CRADLE_HLA_DIR;
  delete process.env.CRADLE_MAC_FILE;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(work, { recursive: true, force: true });
});

function copyRelease(): string {
  const dir = join(work, "release");
  cpSync(HLA_3440, dir, { recursive: true });
  chmodSync(join(dir, "wmda"), 0o755);
  for (const f of ["Allelelist.txt", "wmda/hla_nom_g.txt", "wmda/md5checksum.txt"])
    chmodSync(join(dir, f), 0o644);
  return dir;
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CradleError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "no error";
}

describe("loading an IMGT/HLA release", () => {
  it("reads release 3.44.0, verifies its checksums and caches the compiled form", () => {
    const first = loadReleaseDir(HLA_3440);
    expect(first.raw.version).toBe("3.44.0");
    expect(first.raw.date).toBe("2021-04-20");
    expect(first.provenance.checksums).toBe("verified");
    expect(first.provenance.compiledCache && existsSync(first.provenance.compiledCache)).toBe(true);
    const second = loadReleaseDir(HLA_3440);
    expect(second.raw).toEqual(first.raw);
  });

  it("refuses a file whose MD5 does not match md5checksum.txt, naming the file", () => {
    const dir = copyRelease();
    writeFileSync(join(dir, "wmda", "hla_nom_g.txt"), "# tampered\nA*;01:01:01:01;01:01:01G\n");
    const msg = codeOf(() => loadReleaseDir(dir));
    expect(msg).toMatch(/^REFERENCE_CORRUPT: .*hla_nom_g\.txt: MD5 [0-9a-f]{32} does not match/);
  });

  it("names a missing file", () => {
    const dir = copyRelease();
    rmSync(join(dir, "Allelelist.txt"));
    expect(codeOf(() => loadReleaseDir(dir))).toMatch(/^REFERENCE_NOT_FOUND: .*Allelelist\.txt is missing/);
  });

  it("offline and with nothing cached, says how to set CRADLE_HLA_DIR", async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = (() => Promise.reject(new Error("getaddrinfo ENOTFOUND"))) as typeof fetch;
    try {
      await expect(findRelease({ version: "3.99.0" })).rejects.toThrow(/CRADLE_HLA_DIR=/);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("loads the MAC file named by CRADLE_MAC_FILE and returns none when none can be had", async () => {
    process.env.CRADLE_MAC_FILE = MAC_SUBSET;
    const found = await findMacs();
    expect(found?.macs.codes.get("AB")).toEqual(["01", "02"]);
    delete process.env.CRADLE_MAC_FILE;
    expect(await findMacs({ download: false })).toBeUndefined();
  });
});

describe("bad reference input", () => {
  it("refuses a release name that is not a version", async () => {
    await expect(findRelease({ version: "latest" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
  it("refuses a MAC file line without code and subtypes, naming the line", () => {
    expect(() =>
      parseMacFile('"LAST UPDATED: 01/01/25"\n*\tCODE\tSUBTYPE\n\n\tAB\t01/02\n\tab 01\n', "x.txt"),
    ).toThrow(/^x\.txt: line 5: expected/);
  });
  it("refuses an Allelelist.txt row that is not ID,Allele", () => {
    expect(() =>
      parseAlleleList("# version: IPD-IMGT/HLA 3.58.0\nAlleleID,Allele\nHLA00001;A*01:01\n"),
    ).toThrow(/Allelelist\.txt: line 3/);
  });
});
