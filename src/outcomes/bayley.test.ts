/**
 * Bayley-III composites bounded by their own norms (Bayley-III Technical Manual, Pearson 2006): Cognitive
 * 55–145 (the composite equivalents of scaled scores 1–19), Language 47–153, Motor 46–154. Each edge is
 * accepted and the next integer outside refused naming the field; the expected edges are the manual's.
 */
import { describe, expect, it } from "vitest";
import { checkForm } from "./forms.js";

const MANUAL = { cognitive: [55, 145], language: [47, 153], motor: [46, 154] } as const;
const typical = { instrument: "Bayley-III", cognitive: 100, language: 100, motor: 100 };

describe("Bayley-III composite ranges", () => {
  for (const [field, [min, max]] of Object.entries(MANUAL)) {
    it(`${field}: accepts ${min} and ${max}, refuses ${min - 1} and ${max + 1}`, () => {
      expect(checkForm("neurodevelopment", { ...typical, [field]: min })[field]).toBe(min);
      expect(checkForm("neurodevelopment", { ...typical, [field]: max })[field]).toBe(max);
      for (const bad of [min - 1, max + 1, 40, 160]) {
        expect(() => checkForm("neurodevelopment", { ...typical, [field]: bad })).toThrow(
          expect.objectContaining({
            details: expect.objectContaining({ field: `data.${field}`, value: String(bad) }),
          }),
        );
      }
    });
  }

  it("the cognitive range is the composite equivalent of scaled scores 1 to 19 (mean 100, SD 15 ↔ 10, 3)", () => {
    const equivalent = (scaled: number) => 100 + (15 / 3) * (scaled - 10);
    expect([equivalent(1), equivalent(19)]).toEqual([...MANUAL.cognitive]);
  });
});
