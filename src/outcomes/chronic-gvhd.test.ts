/**
 * NIH 2014 chronic GVHD global severity (Jagasia et al., BBMT 2015;21:389) at every boundary: mild is 1–2
 * organs (not lung) scored 1; moderate is 3 or more organs scored 1, any organ but the lung scored 2, or
 * the lung scored 1; severe is any organ scored 3 or the lung scored 2 or 3. An entered severity that
 * differs from the derived one is refused naming data.global.
 */
import { describe, expect, it } from "vitest";
import { checkForm } from "./forms.js";
import { type ChronicOrganScores, chronicGvhdSeverity } from "./gvhd.js";

const ZERO: ChronicOrganScores = {
  skin: 0,
  mouth: 0,
  eyes: 0,
  gi: 0,
  liver: 0,
  lungs: 0,
  joints: 0,
  genital: 0,
};
const with_ = (over: Partial<ChronicOrganScores>) => ({ ...ZERO, ...over });

describe("NIH chronic GVHD global severity", () => {
  it("derives none, mild, moderate and severe at each boundary", () => {
    const cases: [Partial<ChronicOrganScores>, string][] = [
      [{}, "none"],
      [{ skin: 1 }, "mild"],
      [{ skin: 1, mouth: 1 }, "mild"],
      [{ skin: 1, mouth: 1, eyes: 1 }, "moderate"],
      [{ genital: 1, joints: 1, liver: 1, gi: 1 }, "moderate"],
      [{ lungs: 1 }, "moderate"],
      [{ lungs: 1, skin: 1 }, "moderate"],
      [{ skin: 2 }, "moderate"],
      [{ joints: 2, mouth: 1 }, "moderate"],
      [{ gi: 2, liver: 2, eyes: 2 }, "moderate"],
      [{ lungs: 2 }, "severe"],
      [{ lungs: 3 }, "severe"],
      [{ skin: 3 }, "severe"],
      [{ genital: 3 }, "severe"],
      [{ mouth: 1, eyes: 3 }, "severe"],
    ];
    for (const [over, severity] of cases)
      expect(chronicGvhdSeverity(with_(over)), JSON.stringify(over)).toBe(severity);
    // Every organ but the lung alone at 1 is mild, at 2 moderate, at 3 severe.
    for (const organ of ["skin", "mouth", "eyes", "gi", "liver", "joints", "genital"] as const) {
      expect(chronicGvhdSeverity(with_({ [organ]: 1 }))).toBe("mild");
      expect(chronicGvhdSeverity(with_({ [organ]: 2 }))).toBe("moderate");
      expect(chronicGvhdSeverity(with_({ [organ]: 3 }))).toBe("severe");
    }
  });

  it("refuses an entered severity that is not the derived one, and organ scores outside 0–3", () => {
    const form = (over: Partial<ChronicOrganScores>, global: string) => () =>
      checkForm("chronic-gvhd", { ...with_(over), global });
    expect(form({ skin: 3 }, "none")).toThrow(
      /data.global "none" is not the NIH 2014 global severity .* severe/,
    );
    expect(form({ skin: 1, mouth: 1, eyes: 1 }, "mild")).toThrow(/which is moderate/);
    expect(form({ lungs: 1 }, "mild")).toThrow(/which is moderate/);
    expect(form({}, "mild")).toThrow(/which is none/);
    expect(checkForm("chronic-gvhd", { ...with_({ lungs: 2 }), global: "severe" })).toMatchObject({
      global: "severe",
    });
    for (const bad of [4, -1, 1.5]) {
      try {
        checkForm("chronic-gvhd", { ...with_({ skin: bad }), global: "severe" });
        expect.unreachable();
      } catch (e) {
        expect((e as { details: { field: string } }).details.field).toBe("data.skin");
      }
    }
  });
});
