/** `cradle registry generate`: NDJSON listings, deterministic for a seed. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build, cradle } from "../../test/support/cli.js";
import { HLA_3580, SHARED } from "../../test/support/shared.js";

beforeAll(build, 120_000);
const FREQ = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
const gen = (seed: string) =>
  cradle(
    ["registry", "generate", "--frequencies", FREQ, "--adults", "20", "--cords", "5", "--seed", seed],
    undefined,
    HLA_3580,
  );

describe("cradle registry generate", () => {
  it("writes one JSON listing per line, adults then cords, the same for the same seed", () => {
    const a = gen("5");
    expect(a.code, a.err).toBe(0);
    const lines = a.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual([...Array(20).fill("adult"), ...Array(5).fill("cord")]);
    expect(gen("5").out).toBe(a.out);
    expect(gen("6").out).not.toBe(a.out);
  });
  it("refuses a count that is not a whole number", () => {
    const r = cradle(
      ["registry", "generate", "--frequencies", FREQ, "--adults", "1e3x"],
      undefined,
      HLA_3580,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("--adults 1e3x: must be a whole number");
  });
});
