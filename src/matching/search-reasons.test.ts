import { describe, expect, it } from "vitest";
import type { Grade } from "./grade.js";
import { reasonFor } from "./search-reasons.js";

const grade = (allele8: number, allele10: number, cord6: number): Grade => ({
  summary: {
    allele8,
    allele10,
    cord6,
    mismatches8: 8 - allele8,
    gvh8: 0,
    hvg8: 0,
    typed8: 8,
    untyped: [],
    text: `${allele8}/8`,
    category: "Potential",
  },
  loci: {},
  renamed: [],
});

describe("reasonFor", () => {
  it("names the allele matches, the cord class, the direction and the dose, in ranking order", () => {
    const dose = { tncPerKg: 4.2e7, cd34PerKg: 1.6e5, weightKg: 3.4, recovery: 1 };
    expect(reasonFor({ grade: grade(7, 9, 5), direction: "gvh-only", dose }, 8, "cord")).toBe(
      "7/8 allele, cord 5/6, mismatch gvh-only, TNC 4.2×10^7/kg, CD34+ 1.6×10^5/kg",
    );
  });
  it("counts over the typed positions and names the untyped loci, never as mismatches", () => {
    const g = grade(6, 6, 6);
    g.summary = {
      ...g.summary,
      mismatches8: 0,
      typed8: 6,
      untyped: ["C", "DQB1"],
      text: "6/6 typed (C, DQB1 untyped)",
    };
    expect(reasonFor({ grade: g, direction: "none" }, 8, "adult")).toBe(
      "6/6 typed (C, DQB1 untyped) allele, no mismatch",
    );
    expect(reasonFor({ grade: g, direction: "none" }, 10, "adult")).toBe(
      "6/6 typed (C, DQB1 untyped) allele, no mismatch",
    );
  });
  it("for adults: the loci counted and the direction only", () => {
    expect(reasonFor({ grade: grade(8, 10, 6), direction: "none" }, 10, "adult")).toBe(
      "10/10 allele, no mismatch",
    );
  });
});
