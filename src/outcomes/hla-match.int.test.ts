/**
 * The HLA match of the graft given, graded on IMGT/HLA 3.58.0 as the field classes it: a cord unit's
 * match class counts A and B at antigen level and DRB1 at allele level (of 6); another graft counts A, B,
 * C and DRB1 at allele level (of 8). An untyped counted locus gives no class; no release, no typing, no
 * match recorded; autologous cells have none to grade.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import { INCOMPLETE, NOT_APPLICABLE, NOT_RECORDED, graftMatch } from "./hla-match.js";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});

const PATIENT = "A*01:01+A*02:01^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01";
const graft = (typing: string | null, cord = true) => ({ productId: "P", cord, typing });

describe("graftMatch", () => {
  it("classes a cord unit over A and B antigens and DRB1 alleles", () => {
    const e = hla.engine;
    // Identical: 6/6.
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(PATIENT)] })).toBe("6/6");
    // A*03:01 in place of A*02:01: A3 is another antigen than A2, one antigen mismatch.
    const a3 = "A*01:01+A*03:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(a3)] })).toBe("5/6");
    // A*02:05 is the same antigen (A2) as A*02:01: matched at antigen level, counted as such for a cord.
    const a205 = "A*01:01+A*02:05^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(a205)] })).toBe("6/6");
    // DRB1*04:02 against DRB1*04:01: an allele mismatch, which the cord class counts at DRB1.
    const dr = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:02";
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(dr)] })).toBe("5/6");
    // A double cord: each unit's class.
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(a3), graft(PATIENT)] })).toBe("5/6 + 6/6");
  });

  it("classes another graft at allele level over A, B, C and DRB1", () => {
    const e = hla.engine;
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(PATIENT, false)] })).toBe("8/8");
    const c = "A*01:01+A*02:05^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01";
    // A*02:05 vs A*02:01 is an allele mismatch for an adult graft, though not for a cord's class.
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(c, false)] })).toBe("7/8");
  });

  it("gives no class when a counted locus is untyped, nor without typings or a release", () => {
    const e = hla.engine;
    const noDrb1 = "A*01:01+A*02:01^B*08:01+B*44:02";
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(noDrb1)] })).toBe(INCOMPLETE);
    // C untyped on the donor: a cord's class does not count C, an adult graft's does.
    const noC = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(noC)] })).toBe("6/6");
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(noC, false)] })).toBe(INCOMPLETE);
    expect(graftMatch(e, { patient: PATIENT, grafts: [graft(null)] })).toBe(NOT_RECORDED);
    expect(graftMatch(e, { patient: null, grafts: [graft(PATIENT)] })).toBe(NOT_RECORDED);
    expect(graftMatch(undefined, { patient: PATIENT, grafts: [graft(PATIENT)] })).toBe(NOT_RECORDED);
    // An allele the release does not have (an old record): not graded, not called a mismatch.
    expect(
      graftMatch(e, {
        patient: PATIENT,
        grafts: [graft("A*01:01+A*99:99^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01")],
      }),
    ).toBe(NOT_RECORDED);
    // Autologous cells: nothing to match.
    expect(graftMatch(e, undefined)).toBe(NOT_APPLICABLE);
  });
});
