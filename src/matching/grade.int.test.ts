/**
 * Grading, on worked examples derived by hand from the definitions and the IMGT/HLA 3.58.0 files in
 * ../shared (the lines quoted are from wmda/hla_nom_p.txt, wmda/rel_dna_ser.txt and wmda/rel_ser_ser.txt).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { type LocusGrade, gradeTypings } from "./grade.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

function locus(patient: string, donor: string, name = "A"): LocusGrade {
  return gradeTypings(hla, patient, donor).loci[name] as LocusGrade;
}
const grades = (g: LocusGrade) => g.positions.map((p) => `${p.grade}/${p.confidence}`);

describe("grading one locus", () => {
  it("homozygous patient: the donor's second allele is a host-versus-graft mismatch only", () => {
    // Patient A*01:01, A*01:01; donor A*01:01, A*02:01. Position 1: A*01:01P = A*01:01P; the 2-field name
    // A*01:01 covers 280 alleles of 3.58.0 (Allelelist.txt), so neither side is one allele: one P group
    // each → allele/exact, not definite. Position 2: A*01:01P vs A*02:01P, antigens A1 vs A2 → mismatch.
    // GvH: every patient allele (A*01:01) is in the donor → 0. HvG: donor A*02:01 is not in the patient → 1.
    const g = locus("A*01:01+A*01:01", "A*01:01+A*02:01");
    expect(g).toMatchObject({ allele: 1, antigen: 1, gvh: 0, hvg: 1 });
    expect(grades(g)).toEqual(["allele/exact", "mismatch/mismatch"]);
  });

  it("homozygous donor: the patient's second allele is a graft-versus-host mismatch only", () => {
    // The mirror of the case above: the donor lacks the patient's A*02:01 → GvH 1, HvG 0.
    expect(locus("A*01:01+A*02:01", "A*01:01+A*01:01")).toMatchObject({ allele: 1, gvh: 1, hvg: 0 });
  });

  it("null allele: a donor with A*24:09N is graded as homozygous for its expressed allele", () => {
    // rel_dna_ser.txt: "A*;24:09N;0;;;" (0 = not expressed); hla_nom_p.txt gives it no P group.
    // Donor A*01:01 + A*24:09N expresses only A*01:01 → read as A*01:01, A*01:01. Patient A*01:01, A*24:02:
    // one allele match; the patient's A*24:02 is lacking in the donor (GvH 1); the donor has nothing the
    // patient lacks (HvG 0). Counting A*24:09N as an A24 antigen would wrongly make it a match.
    expect(locus("A*01:01+A*24:02", "A*01:01+A*24:09N")).toMatchObject({
      allele: 1,
      antigen: 1,
      gvh: 1,
      hvg: 0,
    });
  });

  it("MAC against allele: a potential allele-level match", () => {
    // alpha.v3: "AB 01/02", so A*01:AB = A*01:01/A*01:02: P groups A*01:01P and A*01:02P. The patient's
    // A*01:01 (A*01:01P) is among them: an allele match, but the donor is ambiguous → potential.
    const g = locus("A*01:01+A*02:01", "A*01:AB+A*02:01");
    expect(g).toMatchObject({ allele: 2, gvh: 0, hvg: 0 });
    expect(grades(g)).toEqual(["allele/potential", "allele/exact"]);
  });

  it("XX code against allele: a potential allele-level match", () => {
    // A*01:XX is every A*01 two-field allele, A*01:01 among them → allele/potential.
    expect(grades(locus("A*01:01+A*02:01", "A*01:XX+A*02:01"))).toEqual(["allele/potential", "allele/exact"]);
  });

  it("serology against allele: the antigen's alleles include the patient's → potential", () => {
    // rel_dna_ser.txt lists A*24:02:01:01 with antigen 24 and A*01:01:01:01 with 1: the donor's A24 and A1
    // expand to alleles whose P groups include A*24:02P and A*01:01P.
    const g = locus("A*24:02+A*01:01", "A24+A1");
    expect(g).toMatchObject({ allele: 2, antigen: 2 });
    expect(grades(g)).toEqual(["allele/potential", "allele/potential"]);
  });

  it("same antigen, different protein: an antigen-level match that is an allele-level mismatch", () => {
    // B*44:02:01:01 and B*44:03:01:01 both carry antigen 44 in rel_dna_ser.txt, but their P groups are
    // B*44:02P and B*44:03P. This is what the cord match class counts at A and B.
    const g = locus("B*44:02+B*07:02", "B*44:03+B*07:02", "B");
    expect(g).toMatchObject({ allele: 1, antigen: 2, gvh: 1, hvg: 1 });
    expect(grades(g)).toEqual(["antigen/mismatch", "allele/exact"]);
  });

  it("broad against split: B12 matches B44, two splits of B12 do not match each other", () => {
    // rel_ser_ser.txt: "B;12;44/45;" — B12 is the broad of B44 and B45.
    // Donor serology B12 covers B44's alleles → the patient's B*44:02 is a potential allele match.
    expect(locus("B*44:02+B*07:02", "B12+B7", "B").antigen).toBe(2);
    // Donor B45 is the other split: no shared antigen and no shared P group → mismatch at that position.
    const split = locus("B*44:02+B*07:02", "B45+B7", "B");
    expect(split).toMatchObject({ allele: 1, antigen: 1 });
    expect(split.positions[0]?.grade).toBe("mismatch");
  });

  it("crossed orientation: a donor written in the other order still matches 2 of 2", () => {
    // Direct: A*01:01~A*02:01 and A*02:01~A*01:01 would give 0 of 2; crossed gives 2 of 2.
    const g = locus("A*01:01+A*02:01", "A*02:01+A*01:01");
    expect(g).toMatchObject({ allele: 2, orientation: "crossed", gvh: 0, hvg: 0 });
  });

  it("same P group under different names: definite for two alleles, exact for a P group", () => {
    // hla_nom_p.txt: the A*01:01P row lists 01:01:01:01 and 01:01:02: two different alleles with one
    // antigen recognition domain. Both are single alleles → definite.
    expect(grades(locus("A*01:01:01:01+A*02:01", "A*01:01:02+A*02:01"))[0]).toBe("allele/definite");
    // The donor typed as the P group itself: both sides are exactly one P group → exact.
    expect(grades(locus("A*01:01:01:01+A*02:01", "A*01:01P+A*02:01"))[0]).toBe("allele/exact");
  });
});

describe("summaries", () => {
  it("counts 8, 10 and the cord 6 over typed loci, and names the untyped ones", () => {
    // Donor untyped at C and DQB1: A, B, DRB1 all 2/2 → allele8 6 (C not counted), cord6 6.
    const g = gradeTypings(
      hla,
      "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02",
      "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01",
    );
    expect(g.summary).toEqual({
      allele8: 6,
      allele10: 6,
      cord6: 6,
      mismatches8: 0,
      gvh8: 0,
      hvg8: 0,
      typed8: 6,
      untyped: ["C", "DQB1"],
      // Untyped is unknown, not a mismatch: counted over the typed positions, the untyped ones named.
      text: "6/6 typed (C, DQB1 untyped)",
      // Untyped loci cannot be claimed as matches: the overall WMDA category is Potential at best.
      category: "Potential",
    });
  });

  it("cord class counts A and B at antigen level and DRB1 at allele level", () => {
    // B*44:02 vs B*44:03 is an antigen match (counts for the 6) but an allele mismatch (not for the 8).
    const g = gradeTypings(
      hla,
      "A*01:01+A*02:01^B*44:02+B*07:02^DRB1*03:01+DRB1*15:01",
      "A*01:01+A*02:01^B*44:03+B*07:02^DRB1*03:01+DRB1*15:01",
    );
    expect(g.summary).toMatchObject({ allele8: 5, cord6: 6, mismatches8: 1, gvh8: 1, hvg8: 1 });
  });

  it("reads phased haplotypes and one-position loci", () => {
    const phased = gradeTypings(hla, "A*01:01~B*08:01+A*02:01~B*07:02", "A*02:01+A*01:01^B*07:02+B*08:01");
    expect(phased.summary.allele8).toBe(4);
    // "B*08:01" alone is read as homozygous B*08:01.
    expect(gradeTypings(hla, "B*08:01+B*08:01", "B*08:01").loci.B).toMatchObject({ allele: 2 });
  });

  it("refuses a typing it cannot cut into loci, naming the part", () => {
    expect(() => gradeTypings(hla, "A*01:01/B*08:01+A*02:01", "A*01:01+A*01:01")).toThrow(CradleError);
    expect(() => gradeTypings(hla, "A*01:01+A*02:01^A*03:01+A*11:01", "A*01:01")).toThrow(
      /types locus A twice/,
    );
  });
});
