import { describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.js";
import {
  ADMIN_PASSWORD,
  CHROMIUM_AVAILABLE,
  DEMO_PASSWORD,
  apiAs as apiOf,
  shot,
  signIn,
  useApp,
} from "./server.js";

const app = useApp({ width: 1400, height: 1000 });
const apiAs = (username: string) => apiOf(app, username);

const MRN = "E2E-HIE-0001";
/** An ISO time on a New York winter clock, as the birth record has it. */
const eastern = (t: number) => `${new Date(t - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`;

describe.skipIf(!CHROMIUM_AVAILABLE)("an HIE case from birth to the last dose", () => {
  it("registers, enrols, doses, blocks a wrong baby, and gives all four doses", async () => {
    const birth = Date.now() - 5 * 3_600_000;

    // The coordinator registers the baby.
    const coordinator = await app.newPage();
    await signIn(coordinator, app.server().url, "coordinator");
    await coordinator.getByRole("link", { name: "Patients" }).click();
    const form = coordinator.getByRole("form", { name: "Register a patient" });
    const fill = async (name: string, value: string) => form.locator(`[name="${name}"]`).fill(value);
    await fill("mrn", MRN);
    await fill("givenName", "Baby Boy");
    await fill("familyName", "Adeyemi");
    await fill("birth", eastern(birth));
    await form.locator('[name="sex"]').selectOption("male");
    await fill("gestationalWeeks", "39");
    await fill("gestationalDays", "4");
    await fill("birthWeightGrams", "3500");
    await fill("motherMrn", "E2E-MOTHER-0001");
    await fill("icd10", "P91.6");
    await form.locator('[name="indication"]').selectOption("neonatal-brain-injury");
    await fill("diagnosis", "Hypoxic-ischemic encephalopathy, Sarnat II, cooling started at 3 h");
    await fill("cordBloodCollectedMl", "70");
    await form.getByRole("button", { name: "Register" }).click();
    await coordinator.getByRole("heading", { name: `Adeyemi, Baby Boy ${MRN}` }).waitFor();
    await coordinator.getByRole("img", { name: `wristband of ${MRN}` }).waitFor();

    // The bank: the baby's cord blood, volume-reduced to 20 mL holding 1.4×10^9 TNC (7×10^7/mL), fresh,
    // divided into four 5 mL aliquots, released and reserved for the baby.
    const lab = await apiAs("lab");
    const quality = await apiAs("quality");
    const coord = await apiAs("coordinator");
    const product = await lab("POST", "/api/products", {
      fin: "W9999",
      source: "cord-blood",
      donorId: MRN,
      motherId: "E2E-MOTHER-0001",
      consentRef: "CB-CONSENT v3",
      collectedAt: new Date(birth + 600_000).toISOString(),
      site: "Cradle NICU",
      volumeMl: 70,
      productCode: "S9002100",
      aboRhD: "A+",
      expiresAt: new Date(birth + 72 * 3_600_000).toISOString(),
      storageTemperature: "refrigerated",
      recipientId: MRN,
    });
    const din = product.din as string;
    const now = () => new Date().toISOString();
    await lab("POST", `/api/products/${din}/processing`, {
      step: "volume-reduction",
      performedAt: now(),
      volumeBeforeMl: 70,
      volumeAfterMl: 20,
      complete: true,
    });
    for (const [test, stage, v] of [
      ["tnc", "post-processing", 1.4e9],
      ["cd34", "post-processing", 4e6],
      ["viability", "post-processing", 94],
      ["sterility", "post-processing", "negative"],
      ...["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"].map((m) => [m, "maternal", "negative"]),
    ] as [string, string, number | string][]) {
      await lab("POST", `/api/products/${din}/qc`, {
        test,
        stage,
        testedAt: now(),
        ...(typeof v === "number" ? { value: v } : { result: v }),
      });
    }
    const aliquots = (await lab("POST", `/api/products/${din}/divide`, { volumesMl: [5, 5, 5, 5] })) as {
      code: string;
      dinWithCheck: string;
    }[];
    expect(aliquots.map((a) => a.code)).toEqual(["S90021A0", "S90021B0", "S90021C0", "S90021D0"]);
    for (const a of aliquots) {
      await quality("POST", `/api/products/${din}/release?product=${a.code}`, { password: DEMO_PASSWORD });
      await coord("POST", `/api/products/${din}/reservation?product=${a.code}`, {
        patientId: MRN,
        reason: "HIE protocol",
      });
    }

    // The physician: eligibility, enrolment, and the four doses ordered.
    const physician = await app.newPage();
    await signIn(physician, app.server().url, "physician");
    await physician.goto(`${app.server().url}/patients/${MRN}`);
    await physician.getByRole("button", { name: "Check hie-autologous-cord-blood" }).click();
    await physician.getByText("hie-autologous-cord-blood: eligible now").waitFor();
    // The mother's treatment consent, witnessed by the physician's signature, then enrolment.
    const enrol = physician.getByRole("form", { name: /^Enrol/ });
    await physician.getByLabel("Protocol (activated)").selectOption("hie-autologous-cord-blood");
    await enrol.getByRole("button", { name: "Enrol" }).click();
    await expect.poll(() => enrol.getByRole("alert").textContent()).toContain("CONSENT_REQUIRED");
    const consent = physician.getByRole("form", { name: "Record a consent" });
    await consent.locator('[name="scope"]').selectOption("treatment");
    await consent.locator('[name="document"]').fill("HIE autologous cord blood treatment consent");
    await consent.locator('[name="documentVersion"]').fill("2");
    await consent.locator('[name="signedBy"]').fill("Funmi Adeyemi");
    await consent.locator('[name="relationship"]').selectOption("mother");
    await consent.locator('[name="password"]').fill(DEMO_PASSWORD);
    await consent.getByRole("button", { name: "Record consent" }).click();
    await expect.poll(() => physician.locator("table.consents").textContent()).toContain("Funmi Adeyemi");
    await physician.getByLabel("Protocol (activated)").selectOption("hie-autologous-cord-blood");
    await enrol.getByRole("button", { name: "Enrol" }).click();
    await physician.locator(".plan").getByText("active").waitFor();
    await expect.poll(() => physician.locator("[data-dose]").count()).toBe(4);
    // The first dose is due by 48 hours of age: 43 hours from now, give or take the test's own minutes.
    const countdown = await physician.locator('[data-dose="1"] [data-testid="countdown"]').textContent();
    expect(countdown).toMatch(/closes in 1 d (18|19):\d\d:\d\d/);
    const order = physician.getByRole("form", { name: "Order a dose" });
    // Only the four aliquots reserved for this baby are offered; none is typed by hand.
    const products = order.getByLabel("Product reserved for this baby");
    expect(await products.locator("option").count()).toBe(5);
    for (const [i, a] of aliquots.entries()) {
      await order.getByLabel(/^Dose/).selectOption(String(i + 1));
      if (i % 2 === 0) {
        // Chosen from the list…
        const label = (await products.locator("option", { hasText: a.code }).textContent()) ?? "";
        await products.selectOption({ label });
      } else {
        // …or scanned: the product code's barcode types into the scan field, Enter picks the product.
        await order.getByLabel(/or scan the bag/).fill(`=<${a.code}`);
        await order.getByLabel(/or scan the bag/).press("Enter");
        await order.getByText(`scanned: ${a.dinWithCheck} ${a.code}`, { exact: false }).waitFor();
      }
      await order.getByRole("button", { name: "Order" }).click();
      // 5×10^7/kg × 3.5 kg = 1.75×10^8 cells; ÷ 7×10^7 cells/mL = 2.5 mL.
      await order.getByText("ordered: draw 2.5 mL").waitFor();
      await expect
        .poll(() => physician.locator(`[data-dose="${i + 1}"]`).textContent())
        .toContain("draw 2.5 mL");
    }
    await shot(physician, "patient-hie-ordered");

    // The nurse at the bedside.
    const nurse = await app.newPage();
    await signIn(nurse, app.server().url, "nurse");
    const bedside = async (dose: number, wristband: string, verifier = "physician") => {
      await nurse.goto(`${app.server().url}/patients/${MRN}`);
      await nurse.locator(`[data-dose="${dose}"]`).getByRole("link", { name: "Bedside check" }).click();
      await nurse.getByRole("heading", { name: "Bedside check" }).waitFor();
      if (dose === 1) await expectAccessible(nurse, "bedside check");
      const a = aliquots[dose - 1] as (typeof aliquots)[0];
      const scan = nurse.getByRole("form", { name: "Scan and sign" });
      await scan.locator('[name="wristband"]').fill(wristband);
      await scan.locator('[name="din"]').fill(`=${a.dinWithCheck.slice(0, 13)}00`);
      await scan.locator('[name="productCode"]').fill(`=<${a.code}`);
      await scan.locator('[name="administeredPassword"]').fill(DEMO_PASSWORD);
      await scan.locator('[name="verifiedBy"]').fill(verifier);
      await scan.locator('[name="verifiedPassword"]').fill(DEMO_PASSWORD);
      await scan.getByRole("button", { name: "Check" }).click();
    };
    // A wrong baby's wristband: blocked, every reason shown, nothing given.
    await bedside(1, "DEMO-HIE-0002");
    await nurse.getByRole("heading", { name: "DO NOT GIVE" }).waitFor();
    expect(await nurse.locator(".blocked").textContent()).toContain(
      "wrong baby: the wristband is DEMO-HIE-0002",
    );
    await shot(nurse, "bedside-blocked");

    // An account the admin has disabled never co-signs: nurse2 disabled, the check is blocked; re-enabled, it passes.
    const admin = await apiOf(app, "admin", ADMIN_PASSWORD);
    await admin("POST", "/api/users/nurse2/disable", { reason: "e2e: on leave" });
    await bedside(3, MRN, "nurse2");
    await nurse.getByRole("heading", { name: "DO NOT GIVE" }).waitFor();
    expect(await nurse.locator(".blocked").textContent()).toContain("nurse2's account is disabled");
    await shot(nurse, "bedside-disabled-cosigner");
    await admin("POST", "/api/users/nurse2/enable", { reason: "e2e: back from leave" });

    for (const dose of [1, 2, 3, 4]) {
      // Two nurses check doses 2 to 4; the physician co-signs the first.
      await bedside(dose, MRN, dose === 1 ? "physician" : "nurse2");
      await nurse.getByRole("heading", { name: "Check passed" }).waitFor();
      const record = nurse.getByRole("form", { name: "Infusion record" });
      await record.locator('[name="location"]').fill("NICU bed 7");
      for (const [name, value] of [
        ["hrBefore", "132"],
        ["rrBefore", "44"],
        ["spo2Before", "98"],
        ["tempBefore", "33.5"],
        ["hrAfter", "136"],
        ["rrAfter", "46"],
        ["spo2After", "98"],
        ["tempAfter", "33.6"],
      ]) {
        await record.locator(`[name="${name}"]`).fill(value as string);
      }
      if (dose === 1) await shot(nurse, "bedside-passed");
      if (dose === 2) {
        // 3.5 mL against an order of 2.5 mL (more than 10 % above): refused, naming the volume, nothing given.
        await record.locator('[name="volumeMl"]').fill("3.5");
        await record.getByRole("button", { name: "Record infusion" }).click();
        await expect
          .poll(() => record.getByRole("alert").textContent())
          .toContain("above the ordered 2.5 mL");
        await shot(nurse, "infusion-above-order-refused");
        await record.locator('[name="volumeMl"]').fill("2.5");
      }
      await record.getByRole("button", { name: "Record infusion" }).click();
      await nurse
        .getByText(`infused 2.5 mL of ${din}:S90021${String.fromCharCode(64 + dose)}0`)
        .first()
        .waitFor();
    }

    // The plan is complete, four infusions recorded, every aliquot infused with its custody closed.
    await physician.goto(`${app.server().url}/patients/${MRN}`);
    await physician.locator(".plan").getByText("completed").waitFor();
    await expect.poll(() => physician.locator(".dose.given").count()).toBe(4);
    await shot(physician, "patient-hie-completed");
    const trace = await lab("GET", `/api/products/${din}/trace`);
    const infused = (trace.custody as { event: string; location: string }[]).filter(
      (e) => e.event === "infused",
    );
    expect(infused.map((e) => e.location)).toEqual(["NICU bed 7", "NICU bed 7", "NICU bed 7", "NICU bed 7"]);
    const audit = await quality("GET", "/api/audit?limit=500&offset=0");
    const actions = (audit.items as { action: string; entityId: string }[])
      .filter((e) => e.entityId === MRN)
      .map((e) => e.action);
    // The wrong wristband, and the disabled co-signer.
    expect(actions.filter((a) => a === "bedside.blocked")).toHaveLength(2);
    expect(actions.filter((a) => a === "infusion.record")).toHaveLength(4);
    expect(actions.filter((a) => a === "infusion.refused")).toHaveLength(1);

    // The dashboard no longer lists the baby; it still counts down for the demo's babies.
    await nurse.goto(app.server().url);
    await nurse.getByRole("heading", { name: "Time-critical patients" }).waitFor();
    await nurse.locator("table.due").getByText("DEMO-HIE-0002").first().waitFor();
    expect(await nurse.locator("table.due").textContent()).not.toContain(MRN);
    await shot(nurse, "dashboard-time-critical");
  }, 240_000);
});
