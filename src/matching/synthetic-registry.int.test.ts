/** The synthetic registry: deterministic, drawn from the frequencies, typed at a registry's mix. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET, SHARED } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import {
  type AdultListing,
  type CordListing,
  type Haplotype,
  type Listing,
  generateRegistry,
  parseHaplotypeFrequencies,
} from "./synthetic-registry.js";

let hla: HlaEngine;
let haplotypes: Haplotype[];
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  const file = join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz");
  haplotypes = parseHaplotypeFrequencies(gunzipSync(readFileSync(file)).toString("utf8"));
});

const draw = (seed: number, adults: number, cords: number): Listing[] => [
  ...generateRegistry({ haplotypes, engine: hla, adults, cords, seed }),
];

describe("synthetic registry", () => {
  it("reads the frequency file: 3,380 five-locus haplotypes", () => {
    expect(haplotypes).toHaveLength(3380);
    expect(Object.keys(haplotypes[0]?.alleles ?? {})).toEqual(["A", "C", "B", "DRB1", "DQB1"]);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(draw(42, 50, 10)).toEqual(draw(42, 50, 10));
    expect(draw(43, 50, 10)).not.toEqual(draw(42, 50, 10));
  });

  it("writes typings every engine call accepts, at a registry's mix of resolutions", () => {
    const adults = draw(1, 3000, 0) as AdultListing[];
    const positions = adults.flatMap((a) => a.typing.split(/[\^+]/));
    for (const a of adults.slice(0, 500)) expect(() => hla.validate(a.typing)).not.toThrow();
    const share = (re: RegExp) => positions.filter((p) => re.test(p)).length / positions.length;
    // Defaults: 25 % MACs (a few fall back to the allele when no short code covers it), 4 % XX, 3 % serology.
    expect(share(/:[A-WYZ][A-Z]*$/)).toBeGreaterThan(0.18);
    expect(share(/:[A-WYZ][A-Z]*$/)).toBeLessThan(0.28);
    expect(share(/:XX$/)).toBeGreaterThan(0.025);
    expect(share(/:XX$/)).toBeLessThan(0.055);
    expect(share(/^[A-Z][A-Za-z]*\d+$/)).toBeGreaterThan(0.015);
    // C untyped for about 20 % of donors, DQB1 for about 40 %.
    const without = (locus: string) =>
      adults.filter((a) => !a.typing.includes(`${locus}*`)).length / adults.length;
    expect(without("C")).toBeGreaterThan(0.16);
    expect(without("C")).toBeLessThan(0.24);
    expect(without("DQB1")).toBeGreaterThan(0.35);
    expect(without("DQB1")).toBeLessThan(0.45);
  });

  it("draws haplotypes by frequency", () => {
    // The most frequent haplotype's share of drawn chromosomes should be near its frequency.
    const top = [...haplotypes].sort((a, b) => b.frequency - a.frequency)[0] as Haplotype;
    const total = haplotypes.reduce((s, h) => s + h.frequency, 0);
    const expected = top.frequency / total;
    const adults = [
      ...generateRegistry({
        haplotypes,
        engine: hla,
        adults: 20_000,
        cords: 0,
        seed: 9,
        mix: { mac: 0, xx: 0, serology: 0, cUntyped: 0, dqb1Untyped: 0 },
      }),
    ];
    const a = top.alleles;
    const carriers = adults.filter((d) =>
      [a.A, a.B, a.C, a.DRB1, a.DQB1].every((x) => x !== undefined && d.typing.includes(x)),
    ).length;
    // Carrying all five alleles ≈ carrying the haplotype (at least one copy): 1 - (1 - p)^2, plus chance.
    const p = 1 - (1 - expected) ** 2;
    expect(carriers / adults.length).toBeGreaterThan(p * 0.85);
    expect(carriers / adults.length).toBeLessThan(p * 1.3 + 0.01);
  });

  it("gives cords banked-unit cell counts and volumes", () => {
    const cords = draw(3, 0, 2000) as CordListing[];
    for (const c of cords) {
      expect(c.tnc).toBeGreaterThanOrEqual(0.9e9);
      expect(c.volumeMl).toBeGreaterThanOrEqual(40);
      expect(c.volumeMl).toBeLessThanOrEqual(200);
      expect(c.viabilityPercent).toBeGreaterThanOrEqual(85);
      expect(c.cd34).toBeGreaterThan(0);
    }
    const medianTnc = [...cords.map((c) => c.tnc)].sort((a, b) => a - b)[1000] ?? 0;
    expect(medianTnc).toBeGreaterThan(1.0e9);
    expect(medianTnc).toBeLessThan(1.5e9);
  });

  it("refuses a malformed frequency row, naming its line", () => {
    expect(() => parseHaplotypeFrequencies("A*01:01~B*08:01,1,0.1\nnonsense\n", "f.csv")).toThrow(
      /f\.csv: line 2/,
    );
  });
});
