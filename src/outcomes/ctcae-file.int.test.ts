/**
 * CTCAE v5.0 read from NCI's spreadsheet in ../shared: the expected values are the spreadsheet's own rows
 * (CTCAE_v5.0_2017-11-27.xlsx, sheet "CTCAE v5.0 Clean Copy"), and a file of another layout is refused.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testCtcae } from "../../test/support/ctcae.js";
import { expectCode } from "../../test/support/expect-code.js";
import { allowedGrades, ctcaeFromRows, isDeathGrade, searchCtcae } from "./ctcae-dictionary.js";
import { loadCtcae } from "./ctcae-file.js";

describe("CTCAE v5.0 from NCI's spreadsheet", () => {
  it("holds the 837 terms with MedDRA code, SOC and the grades each allows", async () => {
    const d = await testCtcae();
    expect(d.terms.length).toBe(837);
    expect(new Set(d.terms.map((t) => t.soc)).size).toBe(26);
    expect(d.terms.filter((t) => t.otherSpecify).length).toBe(26);
    const fn = d.find("Febrile neutropenia");
    expect(fn).toMatchObject({ meddraCode: 10016288, soc: "Blood and lymphatic system disorders" });
    expect(fn && allowedGrades(fn)).toEqual([3, 4, 5]);
    expect(fn?.grades[2]).toMatch(/^ANC <1000\/mm3 with a single temperature of >38.3 degrees C/);
    expect(fn?.grades[4]).toBe("Death");
    const anemia = d.find("Anemia");
    expect(anemia && allowedGrades(anemia)).toEqual([1, 2, 3, 4, 5]);
    expect(anemia?.meddraCode).toBe(10002272);
    // Death neonatal is grade 4 only ("Neonatal loss of life"), and is a death; Death NOS is grade 5 only.
    const neonatal = d.find("Death neonatal");
    expect(neonatal && allowedGrades(neonatal)).toEqual([4]);
    expect(neonatal?.grades[3]).toBe("Neonatal loss of life");
    expect(isDeathGrade("Death neonatal", 4)).toBe(true);
    expect(isDeathGrade("Anemia", 4)).toBe(false);
    const nos = d.find("Death NOS");
    expect(nos && allowedGrades(nos)).toEqual([5]);
    expect(d.find("Cardiac disorders - Other, specify")).toMatchObject({
      otherSpecify: true,
      meddraCode: 10007541,
    });
    expect(d.find("febrile neutropenia")).toBeUndefined();
    expect(d.find("Feeling poorly")).toBeUndefined();
  });

  it("searches terms by words in a SOC, those starting with the text first", async () => {
    const d = await testCtcae();
    expect(searchCtcae(d, { q: "febrile neu", limit: 5 }).map((t) => t.term)).toEqual([
      "Febrile neutropenia",
    ]);
    const hits = searchCtcae(d, { q: "hypo", soc: "Vascular disorders", limit: 10 }).map((t) => t.term);
    expect(hits).toContain("Hypotension");
    expect(
      searchCtcae(d, { q: "hypo", soc: "Vascular disorders", limit: 10 }).every(
        (t) => t.soc === "Vascular disorders",
      ),
    ).toBe(true);
    expect(searchCtcae(d, { limit: 3 })).toHaveLength(3);
  });

  it("refuses a missing file and a sheet of another layout", async () => {
    await expectCode(loadCtcae("/no/such/CTCAE.xlsx"), "REFERENCE_NOT_FOUND");
    const dir = mkdtempSync(join(tmpdir(), "ctcae-"));
    writeFileSync(join(dir, "bad.xlsx"), "not a spreadsheet");
    await expectCode(loadCtcae(join(dir, "bad.xlsx")), "REFERENCE_CORRUPT");
    expect(() => ctcaeFromRows([["Code", "SOC", "Term"]])).toThrow(/has not the columns/);
    const header = [
      "MedDRA Code",
      "MedDRA SOC",
      "CTCAE Term",
      "Grade 1",
      "Grade 2",
      "Grade 3",
      "Grade 4",
      "Grade 5",
      "Definition",
    ];
    expect(() => ctcaeFromRows([header, [1, "SOC", "X", "-", "-", "-", "-", "-", "d"]])).toThrow(
      /allows no grade/,
    );
    expect(() => ctcaeFromRows([header, ["10000001", "SOC", "X", "a", "-", "-", "-", "-", "d"]])).toThrow(
      /no MedDRA code/,
    );
  });
});
