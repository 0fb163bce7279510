/** One test per cord ranking rule, on real typings graded against IMGT/HLA 3.58.0. */
import { beforeAll, describe, expect, it } from "vitest";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import { type CordPatient, type CordUnit, rankCords } from "./cord-ranking.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

const NOW = new Date("2026-11-25T00:00:00Z");
const DR = "^DRB1*03:01+DRB1*15:01";
const PATIENT: CordPatient = {
  typing: `A*01:01+A*02:01^B*08:01+B*07:02${DR}`,
  weightGrams: 10_000, // 10 kg: 2.5×10^7/kg is 2.5×10^8 cells
  diagnosis: "malignant",
};

function unit(id: string, typing: string, extra: Partial<CordUnit> = {}): CordUnit {
  return {
    id,
    typing,
    tnc: 5e8, // 5.0×10^7/kg for 10 kg
    cd34: 3e6, // 3.0×10^5/kg
    collectedAt: "2022-03-01",
    accredited: true,
    rbcDepleted: true,
    attachedSegments: 2,
    ...extra,
  };
}
const ids = (r: { ranked: { unit: CordUnit }[] }) => r.ranked.map((c) => c.unit.id);
const MATCHED = PATIENT.typing;

describe("exclusions", () => {
  it("uses the TNC/kg floor of the patient's diagnosis", () => {
    // 4×10^8 cells / 10 kg = 4.0×10^7/kg: above 2.5×10^7 (malignant), below 5×10^7 (nonmalignant).
    const units = [unit("U1", MATCHED, { tnc: 4e8 })];
    expect(ids(rankCords(hla, PATIENT, units, { now: NOW }))).toEqual(["U1"]);
    const nonmalignant = rankCords(hla, { ...PATIENT, diagnosis: "nonmalignant" }, units, { now: NOW });
    expect(nonmalignant.ranked).toEqual([]);
    expect(nonmalignant.excluded[0]?.reasons[0]).toMatch(
      /TNC 4\.0×10\^7\/kg is below the nonmalignant floor of 5\.0×10\^7\/kg/,
    );
  });

  it("floors are configurable", () => {
    const units = [unit("U1", MATCHED, { tnc: 4e8 })];
    expect(ids(rankCords(hla, PATIENT, units, { now: NOW, tncFloor: { malignant: 4.5e7 } }))).toEqual([]);
  });

  it("excludes a known CD34+/kg below 1.5×10^5, keeps an unknown one", () => {
    const r = rankCords(
      hla,
      PATIENT,
      [unit("LOW", MATCHED, { cd34: 1e6 }), unit("UNKNOWN", MATCHED, { cd34: undefined })],
      { now: NOW },
    );
    expect(ids(r)).toEqual(["UNKNOWN"]);
    expect(r.excluded[0]?.reasons[0]).toMatch(/CD34\+ 1\.0×10\^5\/kg is below the floor of 1\.5×10\^5\/kg/);
  });

  it("excludes units carrying an antigen the patient has antibodies against: antigen, broad and allele", () => {
    const withA2 = unit("A2", MATCHED);
    const withB44 = unit("B44", `A*01:01+A*01:01^B*44:02+B*07:02${DR}`);
    const without = unit("CLEAN", `A*01:01+A*01:01^B*08:01+B*07:02${DR}`);
    const rank = (antibodies: string[]) =>
      rankCords(hla, { ...PATIENT, antibodies }, [withA2, withB44, without], { now: NOW });
    // Antibodies to A2: the unit typed A*02:01 (antigen 2 in rel_dna_ser.txt) is excluded.
    expect(ids(rank(["A2"]))).toEqual(["CLEAN", "B44"]);
    // Antibodies to the broad B12 bind its split B44 (rel_ser_ser.txt "B;12;44/45;").
    const b12 = rank(["B12"]);
    expect(ids(b12)).toEqual(["A2", "CLEAN"]);
    expect(b12.excluded[0]?.reasons[0]).toMatch(/carries or may carry B12/);
    // Allele-level specificity.
    expect(ids(rank(["A*02:01"]))).toEqual(["CLEAN", "B44"]);
  });
});

describe("order", () => {
  it("fewer allele mismatches of 8 first", () => {
    const r = rankCords(
      hla,
      PATIENT,
      [unit("ONE_MM", `A*01:01+A*03:01^B*08:01+B*07:02${DR}`), unit("MATCH", MATCHED)],
      {
        now: NOW,
      },
    );
    expect(ids(r)).toEqual(["MATCH", "ONE_MM"]);
    expect(r.ranked[1]?.reason).toMatch(/more allele mismatches of 8 than #1 \(1 vs 0\)/);
  });

  it("then the higher cord class: an antigen-level match beats an antigen mismatch", () => {
    // Patient B*44:02; B*44:03 shares antigen 44 (cord 6/6), B*45:01 does not (5/6); both 1 allele mismatch.
    const patient = { ...PATIENT, typing: `A*01:01+A*02:01^B*44:02+B*07:02${DR}` };
    const r = rankCords(
      hla,
      patient,
      [
        unit("B45", `A*01:01+A*02:01^B*45:01+B*07:02${DR}`),
        unit("B4403", `A*01:01+A*02:01^B*44:03+B*07:02${DR}`),
      ],
      { now: NOW },
    );
    expect(ids(r)).toEqual(["B4403", "B45"]);
    expect(r.ranked.map((c) => c.grade.summary.cord6)).toEqual([6, 5]);
  });

  it("then graft-versus-host-only before bidirectional before host-versus-graft-only", () => {
    // Patient heterozygous at A (A*01:01, A*02:01), homozygous at B (B*08:01 twice).
    const patient = { ...PATIENT, typing: `A*01:01+A*02:01^B*08:01+B*08:01${DR}` };
    const r = rankCords(
      hla,
      patient,
      [
        // Donor has B*07:02 the patient lacks: host-versus-graft only.
        unit("HVG", `A*01:01+A*02:01^B*08:01+B*07:02${DR}`),
        // Donor lacks A*02:01 and has A*03:01: both directions.
        unit("BI", `A*01:01+A*03:01^B*08:01+B*08:01${DR}`),
        // Donor homozygous A*01:01 lacks the patient's A*02:01: graft-versus-host only.
        unit("GVH", `A*01:01+A*01:01^B*08:01+B*08:01${DR}`),
      ],
      { now: NOW },
    );
    expect(
      r.ranked.map((c) => [c.unit.id, c.direction, c.grade.summary.mismatches8, c.grade.summary.cord6]),
    ).toEqual([
      ["GVH", "gvh-only", 1, 5],
      ["BI", "bidirectional", 1, 5],
      ["HVG", "hvg-only", 1, 5],
    ]);
  });

  it("then the higher TNC/kg, then the higher CD34+/kg (uncounted last)", () => {
    const r = rankCords(
      hla,
      PATIENT,
      [
        unit("LOW_TNC", MATCHED, { tnc: 3e8 }),
        unit("NO_CD34", MATCHED, { cd34: undefined }),
        unit("HIGH_CD34", MATCHED, { cd34: 9e6 }),
        unit("HIGH_TNC", MATCHED, { tnc: 9e8 }),
      ],
      { now: NOW },
    );
    expect(ids(r)).toEqual(["HIGH_TNC", "HIGH_CD34", "NO_CD34", "LOW_TNC"]);
    // Patient and units are untyped at C and DQB1: 6 of the 8 are counted, and the reason says so.
    expect(r.ranked[0]?.reason).toBe(
      "6/6 typed (C, DQB1 untyped) at allele level (0 mismatches), 6/6 cord class, TNC 9.0×10^7/kg, " +
        "CD34+ 3.0×10^5/kg; first by the guideline order",
    );
    expect(r.ranked[2]?.reason).toMatch(/lower CD34\+\/kg \(not counted vs 9\.0×10\^5\/kg\)/);
    expect(r.ranked[3]?.reason).toMatch(/lower TNC\/kg \(3\.0×10\^7\/kg vs 5\.0×10\^7\/kg\)/);
  });
});

describe("flags", () => {
  it("flags but keeps old, unaccredited, red-cell-replete units without a segment", () => {
    const r = rankCords(
      hla,
      PATIENT,
      [
        unit("OLD", MATCHED, {
          collectedAt: "2014-01-15",
          accredited: false,
          rbcDepleted: false,
          attachedSegments: 0,
        }),
      ],
      { now: NOW },
    );
    expect(r.ranked[0]?.flags).toEqual([
      "collected 12.9 years ago (more than 10)",
      "bank not accredited",
      "red cells not depleted",
      "no attached segment for confirmatory typing",
    ]);
  });

  it("refuses a collection date it cannot read, naming the unit", () => {
    expect(() =>
      rankCords(hla, PATIENT, [unit("BAD", MATCHED, { collectedAt: "15/01/2014" })], { now: NOW }),
    ).toThrow(/unit BAD: collectedAt "15\/01\/2014"/);
  });
});
