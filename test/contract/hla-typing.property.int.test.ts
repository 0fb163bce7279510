/**
 * Every typing the server stores is one that `hla reduce` accepts (issue 13). Stored typings are checked by
 * HlaEngine.validate: patients' hla (routes/therapy.ts → registerPatient's validateHla), QC HLA results
 * (routes/products.ts → recordQc's validateHla) and listings (search/listings.ts checkTyping). `hla reduce`
 * is HlaEngine.reduce. Names are generated from the 3.58.0 release and broken the ways typings arrive:
 * more fields than the release knows (A*01:01:01:01:01), fake expression suffixes (…:01N), group suffixes,
 * fields cut, unknown loci, the HLA- prefix.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CradleError } from "../../src/errors.js";
import type { HlaEngine } from "../../src/hla/engine.js";
import { openHla } from "../../src/hla/reference/open.js";
import { HLA_3580, MAC_SUBSET } from "../support/shared.js";

let engine: HlaEngine;
let names: string[];
beforeAll(async () => {
  engine = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
  names = [...engine.release.valid].filter((n) => n.includes("*"));
});

const RUNS = { numRuns: 5000, seed: 358 };

function accepts(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof CradleError) return false;
    throw e;
  }
}
const stored = (name: string) => accepts(() => engine.validate(name));
const reduced = (name: string) => accepts(() => engine.reduce(name, "lgx"));

/** A release name, then one way a typing arrives broken (or none). */
const typing = () =>
  fc
    .record({
      i: fc.nat(),
      how: fc.constantFrom(
        "as is",
        "more fields",
        "more fields and N",
        "suffix",
        "group",
        "cut",
        "locus",
        "prefix",
      ),
      k: fc.integer({ min: 1, max: 4 }),
      suffix: fc.constantFrom("N", "L", "S", "Q", "C", "A", "G", "P", "g"),
    })
    .map(({ i, how, k, suffix }) => {
      const name = names[i % names.length] as string;
      const fields = ":01".repeat(k);
      switch (how) {
        case "more fields":
          return `${name}${fields}`;
        case "more fields and N":
          return `${name}${fields}N`;
        case "suffix":
          return `${name}${suffix}`;
        case "group":
          return `${name}${suffix === "P" ? "P" : "G"}`;
        case "cut":
          return name.split(":").slice(0, k).join(":");
        case "locus":
          return `Z${name}`;
        case "prefix":
          return `HLA-${name}`;
        default:
          return name;
      }
    });

describe("stored typings and hla reduce accept the same names (IMGT/HLA 3.58.0)", () => {
  it("every name of the release is accepted by both", () => {
    const sample = names.filter((_, i) => i % 7 === 0);
    const disagree = sample.filter((n) => stored(n) !== reduced(n));
    expect(disagree.slice(0, 10)).toEqual([]);
  });

  it("a name reduce accepts is one a stored typing accepts", () => {
    fc.assert(
      fc.property(typing(), (name) => !reduced(name) || stored(name)),
      RUNS,
    );
  });

  // The direction that used to fail: validate accepted names longer than the release knows when their two
  // fields were an allele (A*01:01:01:01:01, A*01:01:01:01N), which reduce refuses. Both now share one check.
  it("a name a stored typing accepts is one reduce accepts (over-long names included)", () => {
    fc.assert(
      fc.property(typing(), (name) => !stored(name) || reduced(name)),
      RUNS,
    );
  });

  it("the cases of issue 13 by name", () => {
    expect(reduced("A*01:01:01:01")).toBe(true);
    expect(reduced("A*01:01:01:01:01")).toBe(false);
    expect(reduced("A*01:01:01:01:01:01:01N")).toBe(false);
    expect(reduced("A*01:01:01:01N")).toBe(false);
  });
});
