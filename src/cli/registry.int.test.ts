/** `cradle registry generate`: NDJSON listings, deterministic for a seed. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580, SHARED } from "../../test/support/shared.js";

const FREQ = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
const gen = (seed: string) =>
  cradle(
    ["registry", "generate", "--frequencies", FREQ, "--adults", "20", "--cords", "5", "--seed", seed],
    undefined,
    HLA_3580,
  );

describe("cradle registry generate", () => {
  it("writes one JSON listing per line, adults then cords, the same for the same seed", async () => {
    const a = await gen("5");
    expect(a.code, a.err).toBe(0);
    const lines = a.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual([...Array(20).fill("adult"), ...Array(5).fill("cord")]);
    expect((await gen("5")).out).toBe(a.out);
    expect((await gen("6")).out).not.toBe(a.out);
  });
  it("refuses a count that is not a whole number", async () => {
    const r = await cradle(
      ["registry", "generate", "--frequencies", FREQ, "--adults", "1e3x"],
      undefined,
      HLA_3580,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--adults "1e3x" must be a whole number');
  });
});

describe("cradle registry import, then cradle search", () => {
  it("imports a generated registry and finds the best donors and cords for a patient", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cradle-cli-"));
    const file = join(dir, "registry.ndjson");
    const env = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "cradle.db")}` };
    const g = await cradle(
      [
        "registry",
        "generate",
        "--frequencies",
        FREQ,
        "--adults",
        "400",
        "--cords",
        "100",
        "--seed",
        "2",
        "--out",
        file,
      ],
      undefined,
      HLA_3580,
    );
    expect(g.code, g.err).toBe(0);
    const imp = await cradle(["registry", "import", file], undefined, HLA_3580, env);
    expect(imp.code, imp.out + imp.err).toBe(0);
    expect(imp.out).toContain("imported 400 adult donors and 100 cord units from 500 rows; 0 problems");
    // Importing again refuses every row: they are already in the registry.
    const again = await cradle(["registry", "import", file], undefined, HLA_3580, env);
    expect(again.code).toBe(1);
    expect(again.out).toContain('line 1: id "D000000001" is already in the registry');

    const patient = "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01";
    const adults = await cradle(
      ["search", "--patient", patient, "--json", "--limit", "5"],
      undefined,
      HLA_3580,
      env,
    );
    expect(adults.code, adults.err).toBe(0);
    const a = JSON.parse(adults.out);
    expect(a.hits).toHaveLength(5);
    expect(a.total).toBe(Object.values(a.classCounts as Record<string, number>).reduce((s, n) => s + n, 0));
    const cords = await cradle(
      [
        "search",
        "--patient",
        patient,
        "--cords",
        "--weight-grams",
        "9000",
        "--diagnosis",
        "malignant",
        "--json",
      ],
      undefined,
      HLA_3580,
      env,
    );
    const c = JSON.parse(cords.out);
    expect(c.hits.length).toBeGreaterThan(0);
    expect(c.hits[0].dose.tncPerKg).toBeGreaterThanOrEqual(2.5e7);
    expect(Array.isArray(c.hits[0].flags)).toBe(true);
    // A cord search without the patient's weight is refused, naming the field.
    const bad = await cradle(["search", "--patient", patient, "--cords"], undefined, HLA_3580, env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("weightGrams");

    // The table prints each hit's reason, the same words the API gives (the search service's).
    const table = await cradle(
      [
        "search",
        "--patient",
        patient,
        "--cords",
        "--weight-grams",
        "9000",
        "--diagnosis",
        "malignant",
        "--limit",
        "3",
      ],
      undefined,
      HLA_3580,
      env,
    );
    expect(table.code, table.err).toBe(0);
    const why = table.out.split("\n").filter((l) => l.startsWith("    why: "));
    expect(why).toHaveLength(3);
    for (const l of why)
      expect(l).toMatch(
        /^ {4}why: \d\/\d( typed)?( \([A-Z0-9, ]+ untyped\))? allele, cord \d\/6, (no mismatch|mismatch [a-z-]+), TNC /,
      );

    // Options are read strictly and refused naming the option as typed.
    for (const [args, shown] of [
      [["--limit", "1e3"], '--limit "1e3"'],
      [["--loci", "9"], '--loci "9" is not one of: 8, 10'],
      [["--max-mismatches", "Infinity"], "--max-mismatches"],
      [["--max-per-locus", "DPB1=0"], "--max-per-locus.DPB1"],
      [["--diagnosis", "toString"], "--diagnosis"],
      [["--patient", "A*01:01:01:01:01^B*08:01^DRB1*03:01"], "HLA_UNKNOWN_ALLELE"],
    ] as const) {
      const r = await cradle(["search", "--patient", patient, ...args], undefined, HLA_3580, env);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(shown);
    }
  });
});
