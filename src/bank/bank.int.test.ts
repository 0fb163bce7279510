/**
 * The bank's rules, on SQLite and PostgreSQL: a product goes from collection to receipt at the infusing
 * site, and every wrong step on the way is refused with nothing written.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import {
  PASSWORD,
  type People,
  TEST_PATIENTS,
  act,
  cordCollection,
  defineBoxes,
  nextTime,
  passingCordQc,
  people,
  recordAll,
  registerCord,
} from "../../test/support/bank.js";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { expectCode } from "../../test/support/expect-code.js";
import { HLA_3580, MAC_SUBSET } from "../../test/support/shared.js";
import { signatureMatches } from "../audit/signatures.js";
import { verifyAudit } from "../audit/trail.js";
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import { openHla } from "../hla/reference/open.js";
import type { Store } from "../store/connect.js";
import {
  cancelReservation,
  discardProduct,
  divideProduct,
  findProduct,
  importProductDescriptions,
  importTemperatureLog,
  listProducts,
  moveProduct,
  parseLocation,
  receiveProduct,
  recordProcessing,
  recordQc,
  registerCollection,
  releaseCheck,
  releaseProduct,
  reserveProduct,
  shipProduct,
  shipmentTemperatures,
  storeProduct,
  traceDin,
} from "./index.js";

let hla: HlaEngine;
beforeAll(async () => {
  hla = (await openHla({ hlaDir: HLA_3580, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});
const validateHla = (gl: string) => {
  hla.validate(gl);
};
const HLA_TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01";

async function snapshot(store: Store) {
  const count = async (
    t:
      | "collection"
      | "product"
      | "auditEvent"
      | "signature"
      | "statusChange"
      | "storagePlacement"
      | "reservation"
      | "custodyEvent",
  ) =>
    Number((await store.db.selectFrom(t).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);
  return {
    collections: await count("collection"),
    products: await count("product"),
    audit: await count("auditEvent"),
    signatures: await count("signature"),
    statusChanges: await count("statusChange"),
    placements: await count("storagePlacement"),
    reservations: await count("reservation"),
    custody: await count("custodyEvent"),
  };
}

/** A cord unit taken through processing and QC to quarantine, ready to release. */
async function quarantined(store: Store, p: People, over = {}) {
  const product = await registerCord(store, p.tech, over);
  await recordProcessing(
    store,
    { din: product.din },
    {
      step: "volume-reduction",
      performedAt: nextTime(),
      method: "Sepax 2",
      volumeBeforeMl: 82,
      volumeAfterMl: 25,
    },
    act(p.tech),
  );
  await recordProcessing(
    store,
    { din: product.din },
    {
      step: "cryopreservation",
      performedAt: nextTime(),
      reagents: "DMSO 10%",
      equipment: "CRF-3",
      complete: true,
    },
    act(p.tech),
  );
  await recordAll(
    store,
    product,
    [
      ...passingCordQc(),
      { test: "hla", stage: "post-processing", result: HLA_TYPING, testedAt: "2026-02-28T12:00:00Z" },
    ],
    p.tech,
    validateHla,
  );
  return findProduct(store.db, { din: product.din });
}

describe.each(DIALECTS)("the bank on %s", (dialect) => {
  const store = useStore(dialect);
  let p: People;
  beforeAll(async () => {
    p = await people(store());
    await defineBoxes(store(), p.tech, ["LN2-01/R03/B12", "LN2-02/R01/B01", "LN2-03/R1/B1", "LN2-09/R1/B1"]);
  });

  describe("collections and DINs", () => {
    it("registers a collection with an allocated DIN, in processing, with its custody started", async () => {
      const product = await registerCord(store(), p.tech);
      expect(product.status).toBe("in_processing");
      expect(product.din).toMatch(/^G123426\d{6}$/);
      expect(product.code).toBe("S1234V00");
      const trace = await traceDin(store(), product.din);
      expect(trace.custody.map((c) => c.event)).toEqual(["collected", "registered"]);
      expect(trace.custody[0]?.at).toBe("2026-02-27T09:15:00.000Z");
    });

    it("refuses a DIN already used, and writes nothing", async () => {
      const first = await registerCord(store(), p.tech, { fin: undefined, din: "G123426900001" });
      const before = await snapshot(store());
      const e = await expectCode(
        registerCollection(store(), cordCollection({ fin: undefined, din: `=${first.din}00` }), act(p.tech)),
        "DIN_IN_USE",
      );
      expect(e.message).toContain("G123426900001");
      expect(await snapshot(store())).toEqual(before);
    });

    it("refuses a DIN keyed with the wrong check character", async () => {
      // G123417654321 has check character A.
      await expectCode(
        registerCollection(store(), cordCollection({ fin: undefined, din: "G123417654321B" }), act(p.tech)),
        "DIN_BAD_CHECK_CHARACTER",
      );
    });

    it("names the field of each bad value", async () => {
      const cases: [Partial<ReturnType<typeof cordCollection>>, string][] = [
        [{ source: "placenta" }, "source"],
        [{ volumeMl: -3 }, "volumeMl"],
        [{ collectedAt: "2026-02-27 10:15" }, "collectedAt"],
        [{ collectedAt: "2026-02-27T10:15:00" }, "collectedAt"],
        [{ productCode: "S12X4V00" }, "productCode"],
        [{ productCode: "S1234Q00" }, "productCode"],
        [{ aboRhD: "O pos" }, "aboRhD"],
        [{ storageTemperature: "frozen" }, "storageTemperature"],
        [{ consentRef: " " }, "consentRef"],
        [{ productCode: "S1234100", recipientId: "INF-9999" }, "recipientId"],
      ];
      for (const [over, field] of cases) {
        const e = await expectCode(
          registerCollection(store(), cordCollection(over), act(p.tech)),
          "INVALID_INPUT",
        );
        expect(e.details.field, JSON.stringify(over)).toBe(field);
      }
    });

    it("lets only a lab technologist register", async () => {
      await expectCode(registerCollection(store(), cordCollection(), act(p.coordinator)), "FORBIDDEN");
    });
  });

  describe("status lifecycle", () => {
    it("refuses steps the status does not allow", async () => {
      const product = await registerCord(store(), p.tech);
      const ref = { din: product.din };
      const before = await snapshot(store());
      await expectCode(releaseProduct(store(), ref, PASSWORD, act(p.qm)), "STATUS_TRANSITION_ILLEGAL");
      await expectCode(
        reserveProduct(store(), ref, "INF-7", "search 12", act(p.coordinator), TEST_PATIENTS),
        "STATUS_TRANSITION_ILLEGAL",
      );
      await expectCode(
        shipProduct(
          store(),
          ref,
          { destination: "Children's", courier: "C", shipperId: "DS-1" },
          act(p.tech),
        ),
        "STATUS_TRANSITION_ILLEGAL",
      );
      await expectCode(
        receiveProduct(store(), ref, { condition: "intact" }, act(p.tech)),
        "STATUS_TRANSITION_ILLEGAL",
      );
      await expectCode(
        recordProcessing(store(), ref, { step: "thaw", performedAt: "2026-02-28T10:00:00Z" }, act(p.tech)),
        "STATUS_TRANSITION_ILLEGAL",
      );
      expect(await snapshot(store())).toEqual(before);
    });

    it("refuses to store a discarded product and to discard it twice", async () => {
      const product = await registerCord(store(), p.tech);
      const ref = { din: product.din };
      await discardProduct(store(), ref, "bag leaked during processing", act(p.tech));
      await expectCode(
        storeProduct(store(), ref, parseLocation("LN2-09/R1/B1/A1"), act(p.tech)),
        "STATUS_TRANSITION_ILLEGAL",
      );
      await expectCode(discardProduct(store(), ref, "again", act(p.tech)), "STATUS_TRANSITION_ILLEGAL");
      const history = (await traceDin(store(), product.din)).products[0]?.statusHistory.map(
        (h) => `${h.fromStatus}>${h.toStatus}:${h.reason}`,
      );
      expect(history).toEqual([
        "null>in_processing:registered",
        "in_processing>discarded:bag leaked during processing",
      ]);
    });
  });

  describe("QC and release", () => {
    it("checks each QC value on entry", async () => {
      const product = await registerCord(store(), p.tech);
      const ref = { din: product.din };
      const t = "2026-02-28T12:00:00Z";
      const bad: [Parameters<typeof recordQc>[2], string][] = [
        [{ test: "tnc-count", stage: "post-processing", value: 1, testedAt: t }, "test"],
        [{ test: "tnc", stage: "after", value: 1e9, testedAt: t }, "stage"],
        [{ test: "viability", stage: "post-processing", value: 104, testedAt: t }, "value"],
        [{ test: "sterility", stage: "post-processing", result: "clean", testedAt: t }, "result"],
        [{ test: "hla", stage: "post-processing", result: "A*01:01+A*99:99", testedAt: t }, "result"],
        [{ test: "tnc", stage: "post-processing", value: 1e9, testedAt: "2030-01-01T00:00:00Z" }, "testedAt"],
      ];
      for (const [q, field] of bad) {
        const e = await recordQc(store(), ref, q, act(p.tech), { validateHla }).catch((x: CradleError) => x);
        expect(e, JSON.stringify(q)).toBeInstanceOf(CradleError);
        if (q.test !== "hla") expect((e as CradleError).details.field, JSON.stringify(q)).toBe(field);
        else expect((e as CradleError).code).toBe("HLA_UNKNOWN_ALLELE");
      }
    });

    it("refuses an ABO result that disagrees with the product's ABO/RhD", async () => {
      const product = await registerCord(store(), p.tech, { aboRhD: "A-" });
      const e = await expectCode(
        recordQc(
          store(),
          { din: product.din },
          { test: "abo", stage: "post-processing", result: "O+", testedAt: "2026-02-28T12:00:00Z" },
          act(p.tech),
        ),
        "INVALID_INPUT",
      );
      expect(e.message).toContain("A-");
    });

    it("refuses a release that fails criteria, naming every failing rule, and writes nothing but its audit", async () => {
      const product = await registerCord(store(), p.tech);
      await recordProcessing(
        store(),
        { din: product.din },
        { step: "volume-reduction", performedAt: nextTime(), complete: true },
        act(p.tech),
      );
      const t = "2026-02-28T12:00:00Z";
      await recordAll(
        store(),
        product,
        [
          { test: "tnc", stage: "post-processing", value: 4.1e8, testedAt: t },
          { test: "viability", stage: "post-processing", value: 80, testedAt: t },
          { test: "sterility", stage: "post-processing", result: "pending", testedAt: t },
          { test: "hiv", stage: "maternal", result: "positive", testedAt: t },
        ],
        p.tech,
      );
      const before = await snapshot(store());
      const e = await expectCode(
        releaseProduct(store(), { din: product.din }, PASSWORD, act(p.qm)),
        "RELEASE_CRITERIA_FAILED",
      );
      const failed = (e.details.failures as { rule: string }[]).map((f) => f.rule).sort();
      expect(failed).toEqual(
        [
          "abo-typed", // ABO/RhD was given at registration, but no confirmatory typing was recorded
          "cd34-recorded",
          "cmv-cord-blood-maternal",
          "hbv-cord-blood-maternal",
          "hcv-cord-blood-maternal",
          "hiv-cord-blood-maternal",
          "hla-typed",
          "htlv-cord-blood-maternal",
          "sterility-negative",
          "syphilis-cord-blood-maternal",
          "tnc-minimum-cord-blood",
          "viability-cord-blood",
        ].sort(),
      );
      expect(e.message).toContain(
        "tnc-minimum-cord-blood: tnc post-processing 4.10×10^8 cells is below the minimum 5.00×10^8 cells",
      );
      expect(e.message).toContain("hiv-cord-blood-maternal: hiv maternal is positive, negative is required");
      // Nothing but the refusal's own audit event (product.release.refused, see refusal-audit.int.test.ts).
      expect(await snapshot(store())).toEqual({ ...before, audit: before.audit + 1 });
      expect((await findProduct(store().db, { din: product.din })).status).toBe("quarantine");
    });

    it("never lets a retest silently replace a positive: the repeat needs a reason and the product stays ineligible", async () => {
      const product = await quarantined(store(), p);
      // Reactive after negative is a contradiction too: it says which retest it is, and why.
      await expectCode(
        recordQc(
          store(),
          { din: product.din },
          { test: "sterility", stage: "post-processing", result: "positive", testedAt: nextTime() },
          act(p.tech),
        ),
        "RESULT_CONTRADICTS",
      );
      await recordQc(
        store(),
        { din: product.din },
        {
          test: "sterility",
          stage: "post-processing",
          result: "positive",
          testedAt: nextTime(),
          retest: "repeat",
          reason: "second culture set drawn after a delayed first reading",
        },
        act(p.tech),
      );
      expect(
        (await releaseCheck(store(), { din: product.din })).filter((r) => !r.passed).map((r) => r.rule),
      ).toEqual(["sterility-negative"]);
      await expectCode(
        recordQc(
          store(),
          { din: product.din },
          { test: "sterility", stage: "post-processing", result: "negative", testedAt: nextTime() },
          act(p.tech),
        ),
        "RESULT_CONTRADICTS",
      );
      await recordQc(
        store(),
        { din: product.din },
        {
          test: "sterility",
          stage: "post-processing",
          result: "negative",
          testedAt: nextTime(),
          retest: "repeat",
          reason: "culture bottle contaminated at sampling",
        },
        act(p.tech),
      );
      const failing = (await releaseCheck(store(), { din: product.din })).filter((r) => !r.passed);
      expect(failing.map((r) => r.rule)).toEqual(["sterility-negative"]);
      expect(failing[0]?.reason).toContain("until a quality manager signs a disposition");
    });

    it("releases with a signature bound to the record, after the password is given again", async () => {
      const product = await quarantined(store(), p);
      // A wrong password writes nothing of the bank's; its one write is the audit event auth.failure.
      await expectCode(
        releaseProduct(store(), { din: product.din }, "wrong password!", act(p.qm)),
        "AUTH_FAILED",
      );
      const before = await snapshot(store());
      await expectCode(releaseProduct(store(), { din: product.din }, PASSWORD, act(p.tech)), "FORBIDDEN");
      expect(await snapshot(store())).toEqual(before);
      const out = await releaseProduct(store(), { din: product.din }, PASSWORD, act(p.qm));
      expect(out.product.status).toBe("available");
      expect(out.signature).toMatchObject({
        username: "quinn",
        printedName: "Quinn Quality",
        meaning: "released",
        entityId: product.id,
      });
      expect(out.criteria.every((c) => c.passed)).toBe(true);
      const trace = await traceDin(store(), product.din);
      expect(trace.products[0]?.signatures).toEqual([out.signature]);
      // The signature is bound to what was signed: a changed record no longer matches it.
      expect(signatureMatches(out.signature, { product: { ...product, volumeMl: 30 } })).toBe(false);
    });

    it("refuses to release an expired product", async () => {
      const product = await quarantined(store(), p, {
        storageTemperature: "room",
        expiresAt: "2026-02-28T10:00:00Z",
      });
      const e = await expectCode(
        releaseProduct(store(), { din: product.din }, PASSWORD, act(p.qm)),
        "RELEASE_CRITERIA_FAILED",
      );
      expect(e.message).toContain("not-expired");
    });
  });

  describe("storage", () => {
    it("keeps one product per position, records moves, and refuses a second product into an occupied position", async () => {
      const a = await registerCord(store(), p.tech);
      const b = await registerCord(store(), p.tech);
      await storeProduct(store(), { din: a.din }, parseLocation("LN2-01/R03/B12/A1"), act(p.tech));
      const before = await snapshot(store());
      const e = await expectCode(
        storeProduct(store(), { din: b.din }, parseLocation("LN2-01/R03/B12/A1"), act(p.tech)),
        "STORAGE_POSITION_OCCUPIED",
      );
      expect(e.message).toContain(a.id);
      expect(await snapshot(store())).toEqual(before);
      // A product already stored is moved, not stored twice.
      await expectCode(
        storeProduct(store(), { din: a.din }, parseLocation("LN2-01/R03/B12/A2"), act(p.tech)),
        "INVALID_INPUT",
      );
      await storeProduct(store(), { din: b.din }, parseLocation("LN2-01/R03/B12/A2"), act(p.tech));
      await expectCode(
        moveProduct(store(), { din: a.din }, parseLocation("LN2-01/R03/B12/A2"), "consolidate", act(p.tech)),
        "STORAGE_POSITION_OCCUPIED",
      );
      await moveProduct(
        store(),
        { din: a.din },
        parseLocation("LN2-02/R01/B01/C7"),
        "freezer LN2-01 alarm",
        act(p.tech),
      );
      const trace = await traceDin(store(), a.din);
      expect(trace.products[0]?.storage).toEqual({
        freezer: "LN2-02",
        rack: "R01",
        box: "B01",
        position: "C7",
      });
      const moved = trace.custody.find((c) => c.event === "moved");
      expect(moved).toMatchObject({
        location: "LN2-02/R01/B01/C7",
        details: { from: "LN2-01/R03/B12/A1", reason: "freezer LN2-01 alarm" },
      });
      // The database itself refuses a second product in a slot's key, whatever code writes it.
      const c = await registerCord(store(), p.tech);
      await expect(
        store()
          .db.insertInto("storagePlacement")
          .values({
            productId: c.id,
            boxId: (await store().db.selectFrom("storageBox").select("id").executeTakeFirstOrThrow()).id,
            freezer: "X",
            rack: "1",
            box: "1",
            position: "1",
            positionKey: "LN2-01/R03/B12/A2",
            storedAt: "t",
            storedBy: "x",
          })
          .execute(),
      ).rejects.toThrow();
    });

    it("reads a location and names what is wrong", () => {
      expect(() => parseLocation("LN2-01/R03/B12")).toThrow(/device\/rack\/box\/position/);
      expect(() => parseLocation("LN2-01/R 3/B12/A1")).toThrow(/device\/rack\/box\/position/);
      expect(() => parseLocation("LN2-01/R#3/B12/A1")).toThrow(/rack "R#3"/);
    });
  });

  describe("reservation, shipment and receipt", () => {
    it("refuses to reserve an autologous product for another baby", async () => {
      const product = await quarantined(store(), p, { productCode: "S1234100", donorId: "INF-AUTO-1" });
      await releaseProduct(store(), { din: product.din }, PASSWORD, act(p.qm));
      const e = await expectCode(
        reserveProduct(
          store(),
          { din: product.din },
          "INF-OTHER",
          "HIE protocol",
          act(p.coordinator),
          TEST_PATIENTS,
        ),
        "INVALID_INPUT",
      );
      expect(e.message).toContain("autologous use by INF-AUTO-1 only");
      const r = await reserveProduct(
        store(),
        { din: product.din },
        "INF-AUTO-1",
        "HIE protocol",
        act(p.coordinator),
        TEST_PATIENTS,
      );
      expect(r.state).toBe("active");
    });

    it("ships a reserved unit, flags temperature excursions, and receives it only with a reason", async () => {
      const product = await quarantined(store(), p);
      const ref = { din: product.din };
      await storeProduct(store(), ref, parseLocation("LN2-03/R1/B1/A1"), act(p.tech));
      await releaseProduct(store(), ref, PASSWORD, act(p.qm));
      await reserveProduct(
        store(),
        ref,
        "INF-0042",
        "cord search 2026-03, 6/6 match",
        act(p.coordinator),
        TEST_PATIENTS,
      );
      await cancelReservation(store(), ref, "patient's plan changed", act(p.coordinator));
      await reserveProduct(
        store(),
        ref,
        "INF-0043",
        "cord search 2026-03, 5/6 match",
        act(p.coordinator),
        TEST_PATIENTS,
      );
      await shipProduct(
        store(),
        ref,
        { destination: "Children's Hospital BMT", courier: "World Courier", shipperId: "DS-0457" },
        act(p.tech),
      );
      await expectCode(
        receiveProduct(store(), ref, { condition: "shipper intact" }, act(p.tech)),
        "TEMPERATURE_EXCURSION",
      );
      const badCsv = "time,celsius\n2026-03-02T08:00:00Z,-190\n2026-03-02T08:10:00Z,cold\n";
      const e = await expectCode(importTemperatureLog(store(), ref, badCsv, act(p.tech)), "INVALID_INPUT");
      expect(e.message).toContain("line 3");
      const csv = [
        "timestamp,temperature_c",
        "2026-03-02T08:00:00Z,-190.5",
        "2026-03-02T08:10:00Z,-188",
        "2026-03-02T08:20:00Z,-149.5",
        "2026-03-02T08:30:00Z,-140",
        "2026-03-02T08:40:00Z,-185",
        "2026-03-02T08:50:00+01:00,-120",
      ].join("\n");
      const log = await importTemperatureLog(store(), ref, csv, act(p.tech));
      // 08:50+01:00 is 07:50Z, the first reading in time.
      expect(log.readings).toBe(6);
      expect(log.excursions).toEqual([
        { from: "2026-03-02T07:50:00.000Z", to: "2026-03-02T07:50:00.000Z", worstCelsius: -120, readings: 1 },
        { from: "2026-03-02T08:20:00.000Z", to: "2026-03-02T08:30:00.000Z", worstCelsius: -140, readings: 2 },
      ]);
      // The plot's data: every reading in time order (the +01:00 one first), the shipment's limits for a
      // cryopreserved unit (≤ -150 °C, no lower limit), and the same excursions.
      const [logged] = await shipmentTemperatures(store(), ref);
      expect(logged?.readings).toEqual([
        { recordedAt: "2026-03-02T07:50:00.000Z", celsius: -120 },
        { recordedAt: "2026-03-02T08:00:00.000Z", celsius: -190.5 },
        { recordedAt: "2026-03-02T08:10:00.000Z", celsius: -188 },
        { recordedAt: "2026-03-02T08:20:00.000Z", celsius: -149.5 },
        { recordedAt: "2026-03-02T08:30:00.000Z", celsius: -140 },
        { recordedAt: "2026-03-02T08:40:00.000Z", celsius: -185 },
      ]);
      expect([logged?.maxCelsius, logged?.minCelsius]).toEqual([-150, null]);
      expect(logged?.excursions).toEqual(log.excursions);
      const refused = await expectCode(
        receiveProduct(store(), ref, { condition: "shipper intact" }, act(p.tech)),
        "TEMPERATURE_EXCURSION",
      );
      expect(refused.message).toContain("2 temperature excursions above -150 °C");
      const received = await receiveProduct(
        store(),
        ref,
        {
          condition: "shipper intact",
          excursionReason: "logger probe at the lid; core stayed below -150 °C per QA review",
        },
        act(p.tech),
      );
      expect(received.product.status).toBe("received");

      const trace = await traceDin(store(), product.din);
      expect(trace.custody.map((c) => c.event)).toEqual([
        "collected",
        "registered",
        "processed",
        "processed",
        "stored",
        "released",
        "reserved",
        "reservation-cancelled",
        "reserved",
        "removed-from-storage",
        "shipped",
        "received",
      ]);
      expect(trace.recipients).toEqual(["INF-0043"]);
      expect(trace.products[0]?.storage).toBeUndefined();
      expect(trace.custody.at(-1)?.location).toBe("Children's Hospital BMT");
    });
  });

  describe("divisions", () => {
    it("divides a product into A0 and B0, each its own product with the parent's QC", async () => {
      const product = await quarantined(store(), p);
      await expectCode(divideProduct(store(), { din: product.din }, [10, 10], act(p.tech)), "INVALID_INPUT");
      const [a, b] = await divideProduct(store(), { din: product.din }, [20, 5], act(p.tech));
      expect([a?.code, b?.code]).toEqual(["S1234VA0", "S1234VB0"]);
      expect((await findProduct(store().db, { din: product.din, product: product.code })).status).toBe(
        "divided",
      );
      await expectCode(findProduct(store().db, { din: product.din }), "PRODUCT_AMBIGUOUS");
      const released = await releaseProduct(
        store(),
        { din: product.din, product: "S1234VA0" },
        PASSWORD,
        act(p.qm),
      );
      expect(released.product.status).toBe("available");
    });
  });

  describe("product descriptions", () => {
    it("imports the user's table and then refuses codes not in it", async () => {
      const csv =
        "code,description,class\nS1234,HPC CORD BLOOD|Citrate/XX/<=-150C|Vol reduced,HPC CORD BLOOD\nS5678,HPC CORD BLOOD|Fresh,HPC CORD BLOOD\n";
      await expectCode(importProductDescriptions(store(), csv, "bank-table.csv", act(p.tech)), "FORBIDDEN");
      await expectCode(
        importProductDescriptions(store(), "code,description\nS12,x\n", "bad.csv", act(p.qm)),
        "INVALID_INPUT",
      );
      expect(await importProductDescriptions(store(), csv, "bank-table.csv", act(p.qm))).toBe(2);
      const e = await expectCode(
        registerCollection(store(), cordCollection({ productCode: "S9999V00" }), act(p.tech)),
        "PRODUCT_CODE_UNKNOWN",
      );
      expect(e.details.field).toBe("productCode");
      await registerCollection(store(), cordCollection({ productCode: "S5678V00" }), act(p.tech));
    });
  });

  describe("inventory", () => {
    it("pages products newest first with the total", async () => {
      const all = await listProducts(store(), { limit: 1000 });
      const page = await listProducts(store(), { limit: 2, offset: 1 });
      expect(page.total).toBe(all.total);
      expect(page.items.map((x) => x.id)).toEqual(all.items.slice(1, 3).map((x) => x.id));
      const q = await listProducts(store(), { status: "quarantine", limit: 1000 });
      expect(q.items.every((x) => x.status === "quarantine")).toBe(true);
      await expectCode(listProducts(store(), { status: "frozen" }), "INVALID_INPUT");
    });
  });

  describe("audit trail", () => {
    it("has one event per write, chained, and finds an edited, a deleted and a truncated history", async () => {
      const ok = await verifyAudit(store());
      expect(ok.ok).toBe(true);
      if (!ok.ok) return;
      expect(ok.events).toBeGreaterThan(100);
      // Edit one value in a row in the middle, directly in SQL.
      const mid = Math.floor(ok.events / 2);
      const original = await store()
        .db.selectFrom("auditEvent")
        .select("actor")
        .where("seq", "=", mid)
        .executeTakeFirstOrThrow();
      await sql`update audit_event set actor = 'mallory' where seq = ${mid}`.execute(store().db);
      expect(await verifyAudit(store())).toMatchObject({
        ok: false,
        seq: mid,
        reason: expect.stringContaining("altered"),
      });
      await sql`update audit_event set actor = ${original.actor} where seq = ${mid}`.execute(store().db);
      expect((await verifyAudit(store())).ok).toBe(true);
      // Remove the newest event: the head still names it.
      await sql`delete from audit_event where seq = ${ok.events}`.execute(store().db);
      expect(await verifyAudit(store())).toMatchObject({
        ok: false,
        reason: expect.stringContaining("removed from the end"),
      });
      // Remove one in the middle: the gap is found first.
      await sql`delete from audit_event where seq = ${mid + 1}`.execute(store().db);
      expect(await verifyAudit(store())).toMatchObject({
        ok: false,
        seq: mid + 1,
        reason: expect.stringContaining("missing"),
      });
    });
  });
});
