/** The `cradle match grade` contract of issue 3: JSON summary and per-locus counts. */
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580 } from "../../test/support/shared.js";

describe("cradle match grade", () => {
  it("prints the summary and per-locus allele, antigen, gvh and hvg counts as JSON", async () => {
    // A: donor homozygous A*01:01 lacks the patient's A*02:01 (GvH 1). B: B*44:03 shares antigen 44 with
    // the patient's B*44:02 but not its P group (allele 1/2, antigen 2/2). DRB1 identical.
    const r = await cradle(
      [
        "match",
        "grade",
        "--json",
        "--patient",
        "A*01:01+A*02:01^B*44:02+B*07:02^DRB1*03:01+DRB1*15:01",
        "--donor",
        "A*01:01+A*01:01^B*44:03+B*07:02^DRB1*03:01+DRB1*15:01",
      ],
      undefined,
      HLA_3580,
    );
    expect(r.code, r.err).toBe(0);
    const g = JSON.parse(r.out);
    expect(g.summary).toMatchObject({ allele8: 4, allele10: 4, cord6: 5 });
    expect(g.loci.A).toMatchObject({ allele: 1, antigen: 1, gvh: 1, hvg: 0 });
    expect(g.loci.B).toMatchObject({ allele: 1, antigen: 2, gvh: 1, hvg: 1 });
    expect(g.loci.DRB1).toMatchObject({ allele: 2, antigen: 2, gvh: 0, hvg: 0 });
    // The WMDA vocabulary beside the counts: B*44:02 ~ B*44:03 is an allele-level Mismatch (a P group
    // apart), so B and the whole are Mismatch; C, DQB1 and DPB1 are untyped, so Unknown.
    expect(g.loci.B.category).toBe("Mismatch");
    expect(g.loci.B.positions.map((p: { wmda: string }) => p.wmda).sort()).toEqual(["Mismatch", "Protein"]);
    expect(g.loci.C.category).toBe("Unknown");
    expect(g.summary.category).toBe("Mismatch");
  });

  it("names the bad token of a typing and exits 2", async () => {
    const r = await cradle(
      ["match", "grade", "--patient", "A*01:01+A*99:99", "--donor", "A*01:01+A*01:01"],
      undefined,
      HLA_3580,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('HLA_UNKNOWN_ALLELE: "A*99:99" (position 9 of "A*01:01+A*99:99")');
  });
});
