/** `cradle hla impute` and `cradle match probability`: the JSON contract of issue 17, run as the built bin. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580, SHARED } from "../../test/support/shared.js";

const CAU = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
// h1 0.4, h2 0.3, h3 0.2, h4 0.1 (see src/matching/probability/impute.int.test.ts for the hand computation).
const FOUR = "A*01:01~B*08:01,4,0.4\nA*02:01~B*07:02,3,0.3\nA*01:01~B*07:02,2,0.2\nA*02:01~B*08:01,1,0.1\n";
const run = (args: string[]) => cradle(args, undefined, HLA_3580);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cradle-freqs-"));
  writeFileSync(join(dir, "FOUR.csv"), FOUR);
  writeFileSync(join(dir, "FOUR.freqs.gz"), gzipSync(FOUR));
  writeFileSync(join(dir, "bad.csv"), `${FOUR}A*99:99~B*08:01,1,0.1\n`);
});

describe("cradle hla impute", () => {
  it("prints the genotype distribution: haplotype pairs, most likely first, with coverage", async () => {
    const r = await run([
      "hla",
      "impute",
      "--frequencies",
      join(dir, "FOUR.csv"),
      "--json",
      "A*01:01+A*02:01",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out).slice(0, 4)).toEqual(["genotypes", "coverage", "unrepresented", "fallback"]);
    expect(out).toMatchObject({ coverage: 1, unrepresented: false, fallback: null });
    // 1/2, 1/4, 1/6, 1/12.
    expect(out.genotypes.map((g: { probability: number }) => g.probability)).toEqual(
      [1 / 2, 1 / 4, 1 / 6, 1 / 12].map((p) => expect.closeTo(p, 12)),
    );
    expect(out.genotypes[0]).toEqual({
      haplotypes: ["A*01:01~B*08:01", "A*02:01~B*07:02"],
      probability: expect.closeTo(0.5, 12),
    });
  });

  it("reads a .gz file, from a directory by --population; --top keeps N, normalised before truncation", async () => {
    const r = await run([
      "hla",
      "impute",
      "--frequencies",
      dir,
      "--population",
      "FOUR",
      "--top",
      "1",
      "--json",
      "A*01:01+A*02:01",
    ]);
    const out = JSON.parse(r.out);
    expect(out.genotypes).toHaveLength(1);
    expect(out.coverage).toBeCloseTo(0.5, 12);
  });

  it("writes five-locus haplotypes in the file's locus order, and reports an unrepresented typing", async () => {
    const ok = JSON.parse(
      (await run(["hla", "impute", "--frequencies", CAU, "--json", "A1+A2^B8+B7^DRB1*03:01+DRB1*15:01"])).out,
    );
    expect(ok.genotypes[0].haplotypes[0]).toMatch(
      /^A\*\d+:\d+~C\*\d+:\d+~B\*\d+:\d+~DRB1\*\d+:\d+~DQB1\*\d+:\d+$/,
    );
    const ps = ok.genotypes.map((g: { probability: number }) => g.probability);
    expect(ps).toEqual([...ps].sort((a, b) => b - a));
    expect(ok.coverage).toBeGreaterThanOrEqual(0.999);
    const r = await run([
      "hla",
      "impute",
      "--frequencies",
      join(dir, "FOUR.csv"),
      "--json",
      "A*03:01+A*01:01^B*08:01+B*07:02",
    ]);
    expect(JSON.parse(r.out)).toMatchObject({ unrepresented: true, fallback: "per-locus", coverage: 1 });
  });

  it("refuses a --top that is not a whole number, and a file's bad rows by line (exit 2)", async () => {
    for (const top of ["", "0", "1e3", "-1", "2.5"]) {
      const r = await run(["hla", "impute", "--frequencies", join(dir, "FOUR.csv"), "--top", top, "A*01:01"]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("INVALID_INPUT: --top");
    }
    const bad = await run(["hla", "impute", "--frequencies", join(dir, "bad.csv"), "A*01:01"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/1 bad rows: line 5: .*A\*99:99/);
  });
});

describe("cradle match probability", () => {
  it("prints P(0 … 4) overall at 6, 8, 10 and P(0, 1, 2) per locus, with a category", async () => {
    const patient =
      "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DQB1*02:01+DQB1*06:02^DRB1*03:01+DRB1*15:01";
    const r = await run([
      "match",
      "probability",
      "--frequencies",
      CAU,
      "--patient",
      patient,
      "--donor",
      "A1+A2^B8+B7^DRB1*03:01+DRB1*15:01",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out.overall)).toEqual(["6", "8", "10"]);
    for (const n of ["6", "8", "10"]) expect(out.overall[n]).toHaveLength(5);
    expect(Object.keys(out.loci).sort()).toEqual(["A", "B", "C", "DQB1", "DRB1"]);
    for (const l of Object.values(out.loci) as number[][]) {
      expect(l).toHaveLength(3);
      expect(l.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
    }
    // The donor's serology A1, A2, B8, B7 is the patient's antigens: 6/6 is certain, 8/8 likely.
    expect(out.overall["6"][0]).toBe(1);
    expect(out.overall["8"][0]).toBeGreaterThan(0.95);
    expect(out.category).toBe("8/8 likely");
    // Same typing on both sides: exactly 0 mismatches.
    const same = JSON.parse(
      (
        await run([
          "match",
          "probability",
          "--frequencies",
          CAU,
          "--patient",
          patient,
          "--donor",
          patient,
          "--json",
        ])
      ).out,
    );
    expect(same.overall).toEqual({ "6": [1, 0, 0, 0, 0], "8": [1, 0, 0, 0, 0], "10": [1, 0, 0, 0, 0] });
  });
});
