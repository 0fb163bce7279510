/** The `cradle hla` CLI contract, run as a user runs it: the built bin, real files, standard input. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, cradle } from "../../test/support/cli.js";
import { HLA_3440 } from "../../test/support/shared.js";

describe("cradle hla", () => {
  it("is installed as node_modules/.bin/cradle", async () => {
    const r = spawnSync(join(ROOT, "node_modules", ".bin", "cradle"), ["--version"], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe("0.1.0");
  });

  it("--help lists every command with one line each", async () => {
    const r = await cradle(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["hla status", "hla reduce", "hla expand-mac", "hla validate"])
      expect(r.out).toContain(c);
  });

  it("reduce reads one GL string per line and writes one result per line, in order; exit 1 on any error", async () => {
    const r = await cradle(
      ["hla", "reduce", "--to", "lgx"],
      "A*01:01:01:01+A*01:01:01:01\nA*99:99\nA*01:AB\n",
    );
    expect(r.out.split("\n")).toEqual([
      "A*01:01+A*01:01",
      'ERROR HLA_UNKNOWN_ALLELE: "A*99:99" is not an allele of IMGT/HLA 3.44.0',
      "A*01:01/A*01:02",
      "",
    ]);
    expect(r.code).toBe(1);
  });

  it("reduce exits 0 when every line succeeded", async () => {
    const r = await cradle(["hla", "reduce", "--to", "G"], "A*01:01:01\n");
    expect(r).toMatchObject({ code: 0, out: "A*01:01:01G\n" });
  });

  it("reduce with a typing argument and py-ard's modes", async () => {
    expect((await cradle(["hla", "reduce", "--to", "lg", "--ars-suffix", "A*01:AB"])).out).toBe(
      "A*01:01ARS/A*01:02ARS\n",
    );
    expect((await cradle(["hla", "reduce", "--to", "lgx", "--non-strict", "A*24:329"])).out).toBe(
      "A*24:329Q\n",
    );
  });

  it("validate prints the code, token and position and exits 2", async () => {
    const r = await cradle(["hla", "validate", "A*01:01+A*99:01"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('HLA_UNKNOWN_ALLELE: "A*99:01" (position 9 of "A*01:01+A*99:01")');
  });

  it("validate refuses a name the release does not know, as reduce does (five fields: issue 13)", async () => {
    const r = await cradle(["hla", "validate", "A*01:01:01:01:01"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('HLA_UNKNOWN_ALLELE: "A*01:01:01:01:01" is not an allele of IMGT/HLA 3.44.0');
    expect((await cradle(["hla", "reduce", "--to", "lgx", "A*01:01:01:01:01"])).code).toBe(2);
  });

  it("status names the release, its counts and where it came from", async () => {
    const r = await cradle(["hla", "status", "--json"]);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ release: "3.44.0", releaseDate: "2021-04-20", loadedFrom: HLA_3440 });
    expect(s.macs.count).toBe(12521);
    expect(s.alleles).toBeGreaterThan(30000);
  });
});
