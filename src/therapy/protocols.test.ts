/** The dose floor by diagnosis class: ICD-10 chapter II (C00–D49) is malignant, the rest is not. */
import { describe, expect, it } from "vitest";
import { PROTOCOLS, diagnosisClass, minimumPerKg, protocolById } from "./protocols.js";

describe("diagnosis classes and dose floors", () => {
  it("reads the class from the ICD-10 chapter", () => {
    expect(diagnosisClass("C91.00")).toBe("malignant"); // acute lymphoblastic leukaemia
    expect(diagnosisClass("D46.9")).toBe("malignant"); // myelodysplastic syndrome
    expect(diagnosisClass("D57.1")).toBe("nonmalignant"); // sickle cell disease
    expect(diagnosisClass("D81.1")).toBe("nonmalignant"); // SCID
    expect(diagnosisClass("E75.23")).toBe("nonmalignant"); // Krabbe
  });

  it("holds a transplant to the floor of its class, and per-kg protocols to their own minimum", () => {
    const tx = protocolById("allogeneic-cord-blood-transplant");
    expect(minimumPerKg(tx, "E76.01")).toBe(5e7);
    expect(minimumPerKg(tx, "C92.00")).toBe(5e7); // the protocol's own floor is the higher
    expect(minimumPerKg(protocolById("hie-autologous-cord-blood"), "P91.6")).toBe(1e7);
  });

  it("names the protocols when one is unknown", () => {
    expect(() => protocolById("hie")).toThrow(/protocol "hie" is not one of hie-autologous-cord-blood/);
    for (const p of Object.values(PROTOCOLS)) expect(p.minPerKg).toBeLessThanOrEqual(p.maxPerKg);
  });
});
