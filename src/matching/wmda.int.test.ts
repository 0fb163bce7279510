/**
 * WMDA match grades, locus and overall categories, and the DPB1 T-cell-epitope reading, on worked examples
 * from the IMGT/HLA 3.58.0 files in ../shared (the lines quoted are from wmda/rel_ser_ser.txt,
 * wmda/rel_dna_ser.txt, wmda/hla_nom_g.txt, wmda/hla_nom_p.txt and tce/dpb_tce.csv).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { type LocusGrade, gradeTypings } from "./grade.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

function locus(patient: string, donor: string, name: string): LocusGrade {
  return gradeTypings(hla, patient, donor).loci[name] as LocusGrade;
}
/** The WMDA grade of the first position, the second position being a plain match (A*02:01 / B*07:02). */
function first(patient: string, donor: string): string {
  const name = patient.slice(0, patient.indexOf("*") > 0 ? patient.search(/[*\d]/) : 1).replace(/\*$/, "");
  const other = name === "B" ? "B*07:02" : "A*02:01";
  return locus(`${patient}+${other}`, `${donor}+${other}`, name).positions[0]?.wmda as string;
}

describe("serological grades (WMDA matching framework, as Atlas grades them)", () => {
  // rel_ser_ser.txt: "B;16;38/39;" (B16 is a broad with splits B38, B39) and "B;39;;3901/3902"
  // (B3901 and B3902 are associated antigens of the split B39).
  it("the same associated antigen is Associated; two different associated antigens mismatch", () => {
    expect(first("B3901", "B3901")).toBe("Associated");
    expect(first("B3901", "B3902")).toBe("Mismatch");
  });
  it("a split and an antigen associated with it are Split; a broad and either is Broad", () => {
    expect(first("B39", "B3901")).toBe("Split");
    expect(first("B39", "B39")).toBe("Split");
    expect(first("B16", "B3901")).toBe("Broad");
    expect(first("B16", "B39")).toBe("Broad");
    expect(first("B16", "B16")).toBe("Broad");
  });
  it("two splits of one broad are different specificities", () => {
    expect(first("B38", "B39")).toBe("Mismatch");
  });
  it("DNA typings carry their allele's own antigen: B*39:01 (B3901) and B*39:02 (B3902) differ", () => {
    // rel_dna_ser.txt: "B*;39:01:01:01;3901;;;" and "B*;39:02:01:01;3902;;;". Different P groups and
    // different associated antigens: no match at allele or antigen level.
    const g = locus("B*39:01+B*07:02", "B*39:02+B*07:02", "B");
    expect(g.positions[0]).toMatchObject({ grade: "mismatch", wmda: "Mismatch" });
    // Against the serological split B39 the DNA-typed B3901 is a Split match.
    expect(first("B*39:01:01:01", "B39")).toBe("Split");
  });
});

describe("molecular grades", () => {
  it("the same two-field protein is Protein; the same G group with another protein is GGroup", () => {
    expect(first("A*01:01:01:01", "A*01:01:01:03")).toBe("Protein");
    // hla_nom_g.txt: A*01:01:01G holds 01:01:01:01 and 01:32 (another protein, same ARS nucleotides).
    expect(first("A*01:01:01:01", "A*01:32")).toBe("GGroup");
  });
  it("the same P group in different G groups is PGroup; different P groups mismatch", () => {
    // hla_nom_p.txt: A*01:01P holds 01:01:01:01 and 01:335; 01:335 is in no G group with it.
    expect(first("A*01:01:01:01", "A*01:335")).toBe("PGroup");
    expect(first("A*01:01:01:01", "A*03:01")).toBe("Mismatch");
  });
  it("definite only when each side is one allele; a 2-field name covering many is exact at best", () => {
    const one = locus("A*01:01:01:01+A*02:01:01:01", "A*01:01:01:01+A*02:01:01:01", "A");
    expect(one.positions.map((p) => p.confidence)).toEqual(["definite", "definite"]);
    const two = locus("A*01:01+A*02:01", "A*01:01+A*02:01", "A");
    expect(two.positions.map((p) => p.confidence)).toEqual(["exact", "exact"]);
  });
});

describe("null alleles", () => {
  // rel_dna_ser.txt: "A*;24:09N;0;;;" — not expressed.
  it("the same null allele is a null match; two different nulls are NullMismatch", () => {
    expect(first("A*24:09N", "A*24:09N")).toBe("NullPartial");
    expect(first("A*24:09N", "A*01:04N")).toBe("NullMismatch");
  });
  it("a null against an expressed allele is ExpressingVsNull and leaves the locus to the other position", () => {
    const g = locus("A*01:01:01:01+A*24:09N", "A*01:01:01:01+A*24:02", "A");
    expect(g.positions.map((p) => p.wmda).sort()).toEqual(["ExpressingVsNull", "Protein"]);
    expect(g.category).toBe("Match");
  });
});

describe("locus and overall categories", () => {
  const HIGH =
    "A*01:01:01:01+A*02:01:01:01^B*07:02:01:01+B*08:01:01:01^C*07:01:01:01+C*07:02:01:01^DRB1*03:01:01:01+DRB1*15:01:01:01^DQB1*02:01:01:01+DQB1*06:02:01:01";
  it("Definite when every position of every typed locus is one allele matched", () => {
    expect(gradeTypings(hla, HIGH, HIGH).summary.category).toBe("Definite");
  });
  it("Exact with 2-field typings, Potential with ambiguity, Mismatch with a mismatch", () => {
    const two = "A*01:01+A*02:01^B*07:02+B*08:01^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02";
    expect(gradeTypings(hla, two, two).summary.category).toBe("Exact");
    expect(gradeTypings(hla, two, two.replace("A*01:01", "A*01:AB")).summary.category).toBe("Potential");
    const g = gradeTypings(hla, two, two.replace("A*01:01", "A*03:01"));
    expect(g.loci.A?.category).toBe("Mismatch");
    expect(g.summary.category).toBe("Mismatch");
  });
  it("an untyped locus is Unknown, never a mismatch", () => {
    const g = gradeTypings(hla, HIGH, HIGH.replace(/\^C\*[^^]+/, ""));
    expect(g.loci.C).toMatchObject({ typed: false, category: "Unknown" });
    expect(g.summary.category).toBe("Potential");
  });
});

describe("DPB1 permissive mismatches (T-cell-epitope groups, tce/dpb_tce.csv)", () => {
  // dpb_tce.csv: DPB1*04:01 → 3, DPB1*02:01 → 3, DPB1*03:01 → 2, DPB1*09:01 → 1 (version-2 assignment).
  const dp = (p: string, d: string) => locus(`DPB1*04:01+${p}`, `DPB1*04:01+${d}`, "DPB1");
  it("a mismatch within one TCE group is permissive", () => {
    const g = dp("DPB1*04:01", "DPB1*02:01");
    expect(g.category).toBe("PermissiveMismatch");
    expect(g.dpb1?.reading).toBe("permissive");
    expect(g.positions.map((p) => p.wmda)).toContain("PermissiveMismatch");
  });
  it("a donor carrying a more immunogenic group is non-permissive in the host-versus-graft direction", () => {
    const g = dp("DPB1*02:01", "DPB1*09:01");
    expect(g).toMatchObject({ category: "Mismatch", dpb1: { reading: "non-permissive-hvg" } });
  });
  it("a patient carrying the more immunogenic group is non-permissive in the graft-versus-host direction", () => {
    expect(dp("DPB1*09:01", "DPB1*03:01").dpb1?.reading).toBe("non-permissive-gvh");
  });
  it("only permissive DPB1 mismatches make the overall category PermissiveMismatch", () => {
    const base =
      "A*01:01:01:01+A*02:01:01:01^B*07:02:01:01+B*08:01:01:01^C*07:01:01:01+C*07:02:01:01^DRB1*03:01:01:01+DRB1*15:01:01:01^DQB1*02:01:01:01+DQB1*06:02:01:01";
    const g = gradeTypings(hla, `${base}^DPB1*04:01+DPB1*04:01`, `${base}^DPB1*04:01+DPB1*02:01`);
    expect(g.summary.category).toBe("PermissiveMismatch");
  });
});

describe("names the release has deleted and replaced", () => {
  // hla_nom.txt: "A*;02:01:08;20020930;20220131;02:1040;Sequence renamed".
  it("grades a renamed allele as its current name and says so, for either side", () => {
    const g = gradeTypings(hla, "A*02:01:08+A*01:01", "A*02:1040+A*01:01");
    expect(g.loci.A?.allele).toBe(2);
    expect(g.renamed).toEqual([
      {
        side: "patient",
        from: "A*02:01:08",
        to: "A*02:1040",
        deleted: "20220131",
        reason: "Sequence renamed",
      },
    ]);
    expect(gradeTypings(hla, "A*02:1040+A*01:01", "A*02:01:08+A*01:01").renamed[0]?.side).toBe("donor");
  });
  it("still refuses a name that is not in the release at all", () => {
    expect(() => gradeTypings(hla, "A*02:9999+A*01:01", "A*02:01+A*01:01")).toThrow(/A\*02:9999/);
  });
});

describe("NEW, an allele found but not yet named", () => {
  it("is typed but unknown: an allele-level mismatch, and unknown for DPB1's epitope groups", () => {
    const g = gradeTypings(hla, "A*01:01+A*02:01", "A*01:01+A*NEW");
    expect(g.loci.A).toMatchObject({ allele: 1, category: "Mismatch" });
    const dp = gradeTypings(hla, "DPB1*04:01+DPB1*04:01", "DPB1*04:01+DPB1*NEW").loci.DPB1;
    expect(dp?.dpb1?.reading).toBe("unknown");
    expect(dp?.dpb1?.reason).toMatch(/DPB1\*NEW has no TCE group/);
  });
  it("is accepted only as NEW: other unnamed fields are still refused", () => {
    expect(() => gradeTypings(hla, "A*01:01+A*02:01", "A*01:01+A*NEWER")).toThrow(/A\*NEWER/);
  });
});
