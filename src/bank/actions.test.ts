/** The actions a page may offer follow the bank's roles and the status lifecycle. */
import { describe, expect, it } from "vitest";
import { type ActionFacts, productActions } from "./actions.js";

const facts = (over: Partial<ActionFacts>): ActionFacts => ({
  status: "in_processing",
  division: "00",
  stored: false,
  reserved: false,
  held: false,
  ...over,
});

describe("product actions", () => {
  it("a lab technologist processes, tests, divides, stores and discards a product in processing", () => {
    expect(productActions(["lab-technologist"], facts({}))).toEqual([
      "process",
      "qc",
      "divide",
      "store",
      "discard",
      "label",
    ]);
  });

  it("only release and discard for a quality manager, and release only from quarantine", () => {
    expect(productActions(["quality-manager"], facts({ status: "quarantine" }))).toEqual([
      "release",
      "discard",
      "label",
    ]);
    expect(productActions(["quality-manager"], facts({ status: "available" }))).toEqual(["discard", "label"]);
  });

  it("a held product is only dispositioned (by quality) or discarded: never reserved, shipped or received", () => {
    expect(productActions(["coordinator"], facts({ status: "available", held: true }))).toEqual([]);
    expect(
      productActions(["coordinator"], facts({ status: "reserved", reserved: true, held: true })),
    ).toEqual(["unreserve"]);
    // Its label may still be printed: a held product gets the quarantine label (bank/labels.ts).
    expect(productActions(["quality-manager"], facts({ status: "available", held: true }))).toEqual([
      "discard",
      "disposition",
      "label",
    ]);
    // A shipped, held bag is not received; its results and its shipper's log are still recorded.
    expect(productActions(["lab-technologist"], facts({ status: "shipped", held: true }))).toEqual([
      "qc",
      "temperature-log",
      "discard",
      "label",
    ]);
    expect(productActions(["lab-technologist"], facts({ status: "shipped" }))).toContain("receive");
    // No hold, nothing to disposition.
    expect(productActions(["quality-manager"], facts({ status: "available" }))).not.toContain("disposition");
  });

  it("a coordinator reserves an available product, and ships or lets go a reserved one", () => {
    expect(productActions(["coordinator"], facts({ status: "available" }))).toEqual(["reserve"]);
    expect(productActions(["coordinator"], facts({ status: "reserved", reserved: true }))).toEqual([
      "unreserve",
      "ship",
    ]);
  });

  it("a stored product is moved, not stored again; a division is not divided again", () => {
    const stored = productActions(
      ["lab-technologist"],
      facts({ status: "quarantine", stored: true, division: "A0" }),
    );
    expect(stored).toContain("move");
    expect(stored).not.toContain("store");
    expect(stored).not.toContain("divide");
  });

  it("nothing for a reader, nothing on a terminal status", () => {
    expect(productActions(["auditor"], facts({ status: "quarantine" }))).toEqual([]);
    for (const status of ["infused", "discarded", "divided"] as const) {
      expect(
        productActions(["lab-technologist", "quality-manager", "coordinator"], facts({ status })),
      ).toEqual([]);
    }
  });

  it("a shipped product's log is imported and it is received by a coordinator, who may not discard it", () => {
    expect(productActions(["coordinator"], facts({ status: "shipped" }))).toEqual([
      "temperature-log",
      "receive",
    ]);
  });
});
