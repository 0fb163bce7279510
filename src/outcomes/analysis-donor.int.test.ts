/**
 * The analysis dataset's donor columns for an allogeneic graft, on SQLite and PostgreSQL: a child given a
 * public bank's cord unit (ISBT 128 collection type "V", volunteer allogeneic) is "allogeneic" (Cradle does
 * not record whether a donor is related), and its HLA match is the cord's match class graded from the
 * child's registered typing and the unit's HLA result — one antigen mismatch at A is 5/6 — or
 * "not-recorded" when no IMGT/HLA release is loaded; the report groups plans by that class.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, passingCordQc } from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { type Team, team, treatmentConsent } from "../../test/support/therapy.js";
import { recordProcessing } from "../bank/processing.js";
import { findProduct, registerCollection } from "../bank/products.js";
import { recordQc } from "../bank/qc.js";
import { releaseProduct } from "../bank/release.js";
import { type OpenedHla, openHla } from "../hla/reference/open.js";
import type { Store } from "../store/connect.js";
import { verifyBedside } from "../therapy/bedside.js";
import { recordInfusion } from "../therapy/infusions.js";
import { orderDose } from "../therapy/orders.js";
import { recordWeight, registerPatient } from "../therapy/patients.js";
import { enrolPatient } from "../therapy/plans.js";
import { activateProtocol } from "../therapy/protocol-versions.js";
import { reserveForPatient } from "../therapy/reservations.js";
import { analysisDataset, outcomesReport, pseudonym, recordConsent } from "./index.js";

const KEY = "a program key of more than sixteen characters";
const PATIENT_TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";
// A*03:01 where the child has A*02:01: A3 against A2, one antigen mismatch; B and DRB1 identical.
const UNIT_TYPING = "A*01:01+A*03:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

let hla: OpenedHla;
beforeAll(async () => {
  hla = await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false });
});
const on = (user: Team["physician"], iso: string) => ({ user, at: new Date(iso) });

describe.each(DIALECTS)("donor columns of the analysis dataset on %s", (dialect) => {
  const store = useStore(dialect);
  let t: Team;
  let s: Store;
  beforeAll(async () => {
    s = store();
    t = await team(s);
  });

  it("says allogeneic and the cord match class 5/6 for a public cord unit given, and groups by it", async () => {
    await activateProtocol(
      s,
      "allogeneic-cord-blood-transplant",
      PASSWORD,
      on(t.physician, "2026-04-01T08:00:00Z"),
    );
    const baby = await registerPatient(
      s,
      {
        mrn: "MRN-2101",
        givenName: "Omar",
        familyName: "Haddad",
        birth: "2025-02-01T10:00:00+02:00",
        sex: "male",
        gestationalWeeks: 40,
        gestationalDays: 0,
        birthWeightGrams: 3600,
        icd10: "E76.01",
        indication: "genetic-disorder",
        diagnosis: "Hurler syndrome (MPS IH)",
        hla: PATIENT_TYPING,
      },
      on(t.coordinator, "2026-04-02T08:00:00Z"),
    );
    await treatmentConsent(s, t, baby.mrn, new Date("2026-04-09T15:00:00Z"));
    await recordConsent(
      s,
      {
        mrn: baby.mrn,
        scope: "research",
        document: "Transplant registry consent",
        documentVersion: "1",
        signedBy: "Lina Haddad",
        relationship: "mother",
        signedAt: "2026-04-09T15:10:00Z",
      },
      PASSWORD,
      on(t.coordinator, "2026-04-09T15:15:00Z"),
    );
    const plan = await enrolPatient(
      s,
      { mrn: baby.mrn, protocol: "allogeneic-cord-blood-transplant", day0: "2026-04-22T08:00:00Z" },
      on(t.physician, "2026-04-10T08:00:00Z"),
    );
    await recordWeight(
      s,
      baby.mrn,
      { grams: 11000, measuredAt: "2026-04-19T07:00:00Z" },
      on(t.nurse, "2026-04-19T07:05:00Z"),
    );
    const p = await registerCollection(
      s,
      {
        fin: "G1234",
        source: "cord-blood",
        donorId: "CB-PUBLIC-1",
        consentRef: "PUBLIC-CB v1",
        collectedAt: "2025-06-01T10:00:00Z",
        site: "Public bank",
        volumeMl: 80,
        productCode: "S1234V00",
        aboRhD: "O+",
        storageTemperature: "cryopreserved",
      },
      on(t.tech, "2026-04-12T08:00:00Z"),
    );
    const ref = { din: p.din };
    await recordProcessing(
      s,
      ref,
      {
        step: "volume-reduction",
        performedAt: "2026-04-12T09:00:00Z",
        volumeBeforeMl: 80,
        volumeAfterMl: 25,
        complete: true,
      },
      on(t.tech, "2026-04-12T09:05:00Z"),
    );
    for (const q of [
      ...passingCordQc(),
      { test: "hla", stage: "post-processing", result: UNIT_TYPING, testedAt: "" },
    ]) {
      await recordQc(
        s,
        ref,
        { ...q, ...(q.test === "tnc" ? { value: 1.2e9 } : {}), testedAt: "2026-04-12T10:00:00Z" },
        on(t.tech, "2026-04-12T10:05:00Z"),
        { validateHla: (gl: string) => void hla.engine.validate(gl) },
      );
    }
    await releaseProduct(s, ref, PASSWORD, on(t.qm, "2026-04-14T08:00:00Z"));
    await reserveForPatient(s, ref, baby.mrn, "cord search, 5/6", on(t.coordinator, "2026-04-14T09:00:00Z"));
    const unit = await findProduct(s.db, ref);
    const order = await orderDose(
      s,
      { planId: plan.id, doseNumber: 1, din: unit.din },
      on(t.physician, "2026-04-20T08:00:00Z"),
    );
    const check = await verifyBedside(
      s,
      {
        orderId: order.id,
        wristband: baby.mrn,
        din: unit.dinWithCheck,
        productCode: unit.code,
        administeredBy: { username: t.nurse.username, password: PASSWORD },
        verifiedBy: { username: t.physician.username, password: PASSWORD },
      },
      on(t.nurse, "2026-04-22T09:00:00Z"),
    );
    const vitals = { heartRate: 110, respiratoryRate: 28, spo2: 98, temperatureC: 36.8 };
    await recordInfusion(
      s,
      {
        checkId: check.check.id,
        startedAt: "2026-04-22T09:05:00Z",
        endedAt: "2026-04-22T09:35:00Z",
        volumeMl: order.drawMl,
        location: "BMT unit",
        vitalsBefore: vitals,
        vitalsAfter: vitals,
      },
      on(t.nurse, "2026-04-22T09:40:00Z"),
    );
    const researcher = { ...t.coordinator, username: "rae", roles: ["researcher" as const] };
    const graded = await analysisDataset(s, KEY, on(researcher, "2026-06-01T08:00:00Z"), { hla: hla.engine });
    expect(graded.rows.find((r) => r.subject === pseudonym(KEY, baby.mrn))).toMatchObject({
      protocol: "allogeneic-cord-blood-transplant",
      donor_type: "allogeneic",
      hla_match: "5/6",
      bpd_grade_36w: null,
    });
    // Without a release the match is not guessed.
    const ungraded = await analysisDataset(s, KEY, on(researcher, "2026-06-01T08:00:00Z"));
    expect(ungraded.rows.find((r) => r.subject === pseudonym(KEY, baby.mrn))?.hla_match).toBe("not-recorded");
    // The report groups the program's plans by the graft's match class.
    const report = await outcomesReport(
      s,
      on(t.physician, "2026-06-01T08:00:00Z"),
      { groupBy: "hla-match" },
      { hla: hla.engine },
    );
    expect(Object.keys(report.survival.groups)).toEqual(["HLA 5/6"]);
  });
});
