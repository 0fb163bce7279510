import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CradleError } from "../errors.js";
import { type GlTree, formatGl, joinGl, leaves, parseGl } from "./glstring.js";

describe("GL string grammar", () => {
  it("binds operators from loosest (^) to tightest (/)", () => {
    const t = parseGl(
      "A*01:01/A*01:02+A*02:01^B*07:02~C*07:02+B*08:01~C*07:01|B*08:01~C*07:02+B*07:02~C*07:01",
    );
    expect(t.kind === "node" && t.op).toBe("^");
    const [a, bc] = t.kind === "node" ? t.items : [];
    expect(a?.kind === "node" && a.op).toBe("+");
    expect(a?.kind === "node" && a.items[0]?.kind === "node" && a.items[0].op).toBe("/");
    expect(bc?.kind === "node" && bc.op).toBe("|");
    expect(leaves(t).map((l) => l.token)).toHaveLength(11);
  });

  it("records the position of each token", () => {
    const t = parseGl("A*01:01+A*02:01");
    expect(leaves(t).map((l) => [l.token, l.position])).toEqual([
      ["A*01:01", 0],
      ["A*02:01", 8],
    ]);
  });

  it.each([
    ["", 1],
    ["A*01:01+", 9],
    ["+A*01:01", 1],
    ["A*01:01//A*01:02", 9],
    ["A*01:01^^B*07:02", 9],
    ["A*01:01~|B*07:02", 9],
  ])("rejects %j with HLA_GL_SYNTAX at position %i", (gl, position) => {
    try {
      parseGl(gl);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CradleError);
      expect((e as CradleError).code).toBe("HLA_GL_SYNTAX");
      expect((e as CradleError).details.position).toBe(position);
    }
  });

  it("rejects white space inside a name", () => {
    expect(() => parseGl("A*01:01+A *02:01")).toThrow(/white space/);
  });

  it("formats canonically: sorted allele lists, duplicates kept across + only", () => {
    expect(formatGl(parseGl("A*02:10/A*02:09/A*02:10+A*01:01"))).toBe("A*01:01+A*02:09/A*02:10");
    expect(formatGl(parseGl("A*01:01+A*01:01"))).toBe("A*01:01+A*01:01");
    expect(formatGl(parseGl("B*07:02^A*01:01"))).toBe("A*01:01^B*07:02");
    // A haplotype keeps its order: the alleles sit on one chromosome in that order.
    expect(formatGl(parseGl("B*07:02~A*01:01"))).toBe("B*07:02~A*01:01");
  });

  it("lists ignored suffixes last", () => {
    expect(joinGl(["DRBX*NNNN", "DRB3*03:01"], "+", ["NNNN"])).toBe("DRB3*03:01+DRBX*NNNN");
  });
});

/** Random GL trees over allele-like names, without operators inside names. */
const name = fc
  .tuple(
    fc.constantFrom("A", "B", "C", "DRB1", "DQB1"),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 400 }),
  )
  .map(([l, a, b]) => `${l}*${String(a).padStart(2, "0")}:${String(b).padStart(2, "0")}`);

const ops = ["^", "|", "+", "~", "/"] as const;
function treeAt(level: number): fc.Arbitrary<string> {
  if (level >= ops.length) return name;
  const op = ops[level] as string;
  const below = treeAt(level + 1);
  return fc.array(below, { minLength: 1, maxLength: 3 }).map((items) => items.join(op));
}

describe("GL string properties", () => {
  it("parse(format(parse(s))) is the same tree as parse(s) up to order", () => {
    fc.assert(
      fc.property(treeAt(0), (s) => {
        const once = formatGl(parseGl(s));
        expect(formatGl(parseGl(once))).toBe(once);
        const tokens = (t: GlTree) => new Set(leaves(t).map((l) => l.token));
        expect(tokens(parseGl(once))).toEqual(tokens(parseGl(s)));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but a CradleError on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          parseGl(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CradleError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
