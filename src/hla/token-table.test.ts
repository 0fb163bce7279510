import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareNames } from "./sort.js";
import { TokenTable, sortKey } from "./token-table.js";

describe("TokenTable", () => {
  it("finds a key by its range inside a longer string", () => {
    const t = new TokenTable();
    t.set("A*01:01", "A*01:01:01G");
    const text = "A*02:01+A*01:01^B*07:02";
    const e = t.findRange(text, 8, 15);
    expect(e).toBeGreaterThanOrEqual(0);
    expect(t.value(e)).toBe("A*01:01:01G");
    expect(t.findRange(text, 0, 7)).toBe(-1);
    expect(t.findRange(text, 8, 14)).toBe(-1); // a prefix of a key is not the key
  });

  it("keeps every entry through growth, and replaces a value set twice", () => {
    const t = new TokenTable();
    const n = 50_000;
    for (let i = 0; i < n; i++) t.set(`K${i}`, `V${i}`);
    t.set("K7", "again");
    expect(t.size).toBe(n);
    for (let i = 0; i < n; i += 997) expect(t.get(`K${i}`)).toBe(i === 7 ? "again" : `V${i}`);
    expect(t.get("K7")).toBe("again");
    expect(t.get(`K${n}`)).toBeUndefined();
    t.clear();
    expect(t.get("K1")).toBeUndefined();
  });
});

describe("sortKey", () => {
  const field = fc.integer({ min: 1, max: 1200 }).map((n) => String(n).padStart(2, "0"));
  const suffix = fc.constantFrom("", "N", "Q", "G", "P", "g", "ARS");
  const name = fc
    .tuple(fc.constantFrom("A", "B", "DRB1"), fc.array(field, { minLength: 2, maxLength: 4 }), suffix)
    .map(([locus, fields, s]) => `${locus}*${fields.join(":")}${s}`);

  it("orders single molecular names as compareNames does whenever the keys differ", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const ka = sortKey(a);
        const kb = sortKey(b);
        expect(Number.isNaN(ka) || Number.isNaN(kb)).toBe(false);
        if (ka !== kb) expect(Math.sign(ka - kb)).toBe(Math.sign(compareNames(a, b)));
        else expect(compareNames(a, b) === 0 || a !== b).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("is NaN for allele lists and serology, which sort otherwise", () => {
    expect(sortKey("A*01:01/A*01:02")).toBeNaN();
    expect(sortKey("B62")).toBeNaN();
    expect(sortKey("A*01:123456")).toBeNaN();
  });
});
