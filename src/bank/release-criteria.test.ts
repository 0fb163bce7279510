/** Release criteria as rows of one table: the not-expired rule among them, so a preview shows it too. */
import { describe, expect, it } from "vitest";
import { DEFAULT_RELEASE_CRITERIA, evaluateRelease } from "./release-criteria.js";

const cord = { source: "cord-blood", collectionType: "V" } as const;
const NOW = new Date("2026-03-01T12:00:00Z");

describe("release criteria", () => {
  it("has not-expired as a row of the criteria table", () => {
    expect(DEFAULT_RELEASE_CRITERIA.map((c) => c.rule)).toContain("not-expired");
  });

  it("passes a product with no expiry, and one that expires later", () => {
    const none = evaluateRelease({
      product: { ...cord, expiresAt: null },
      autologous: false,
      qc: [],
      now: NOW,
    });
    expect(none.find((r) => r.rule === "not-expired")).toEqual({
      rule: "not-expired",
      passed: true,
      reason: "the product has no expiry",
    });
    const later = evaluateRelease({
      product: { ...cord, expiresAt: "2026-03-02T12:00:00.000Z" },
      autologous: false,
      qc: [],
      now: NOW,
    });
    expect(later.find((r) => r.rule === "not-expired")?.passed).toBe(true);
  });

  it("fails a product whose expiry has come, at the very minute too", () => {
    for (const expiresAt of ["2026-02-28T10:00:00.000Z", "2026-03-01T12:00:00.000Z"]) {
      const results = evaluateRelease({
        product: { ...cord, expiresAt },
        autologous: false,
        qc: [],
        now: NOW,
      });
      expect(results.find((r) => r.rule === "not-expired")).toEqual({
        rule: "not-expired",
        passed: false,
        reason: `the product expired at ${expiresAt}`,
      });
    }
  });

  it("gives every rule as {rule, passed, reason}, failing rules for missing results included", () => {
    const results = evaluateRelease({
      product: { ...cord, expiresAt: null },
      autologous: false,
      qc: [],
      now: NOW,
    });
    for (const r of results) expect(Object.keys(r).sort()).toEqual(["passed", "reason", "rule"]);
    expect(results.find((r) => r.rule === "sterility-negative")).toEqual({
      rule: "sterility-negative",
      passed: false,
      reason: "no sterility result (pre-processing or post-processing)",
    });
  });
});
