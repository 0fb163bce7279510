/**
 * A randomised baby and her adverse events in the browser, as the physician: a preterm baby on the MSC
 * protocol's version 2 is enrolled with the arm her trial's randomisation assigned (an empty randomisation
 * time is refused, not taken as now); on the control arm no dose is scheduled or offered. A fatal event
 * is recorded with a CTCAE term, its grade's definition shown, serious forced, and the date of death:
 * the patient's page then shows the one recorded death. The outcomes page compares arms within the
 * protocol and lists groups too small to test.
 */
import { describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.js";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, apiAs, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });
const MRN = "E2E-BPD-0417";
const MSC = "msc-bronchopulmonary-dysplasia";

describe.skipIf(!CHROMIUM_AVAILABLE)("a randomised baby", () => {
  it("is enrolled on the arm assigned; the control arm gets no dose; a fatal event records her death", async () => {
    const now = Date.now();
    const coordinator = await apiAs(app, "coordinator");
    await coordinator("POST", "/api/patients", {
      mrn: MRN,
      givenName: "Baby",
      familyName: "Moreau",
      // Day 6 of life: inside the protocol's days 5 to 14.
      birth: new Date(now - 6 * 86_400_000).toISOString(),
      sex: "male",
      gestationalWeeks: 26,
      gestationalDays: 1,
      birthWeightGrams: 840,
      icd10: "P27.1",
      indication: "complication-of-prematurity",
      diagnosis: "Evolving bronchopulmonary dysplasia, ventilator dependent",
      respiratorySupport: "mechanical-ventilation",
    });
    const physicianApi = await apiAs(app, "physician");
    await physicianApi("POST", "/api/consents", {
      mrn: MRN,
      scope: "treatment",
      document: "MSC for BPD phase II consent",
      documentVersion: "3",
      signedBy: "Claire Moreau",
      relationship: "mother",
      signedAt: new Date(now - 3 * 3_600_000).toISOString(),
      password: DEMO_PASSWORD,
    });

    const page = await app.newPage();
    await signIn(page, app.server().url, "physician");
    await page.goto(`${app.server().url}/patients/${MRN}`);
    await page.getByLabel("Protocol (activated)").selectOption(MSC);
    const enrol = page.getByRole("form", { name: /^Enrol on msc-bronchopulmonary-dysplasia version 2/ });
    await enrol.waitFor();
    expect(await page.getByText("no cells are ordered or given on this arm").count()).toBe(1);
    await enrol.locator('[name="allocation.arm"]').selectOption("control");
    await enrol.locator('[name="allocation.reference"]').fill("BPD2-R-0417");
    // The randomisation time left empty: refused on that field, never taken as now.
    await enrol.getByRole("button", { name: "Enrol" }).click();
    await expect
      .poll(() => enrol.locator('[name="allocation.randomisedAt"]').getAttribute("aria-invalid"))
      .toBe("true");
    expect(await page.locator(".plan").count()).toBe(0);
    const randomised = await page.evaluate(() => {
      const d = new Date(Date.now() - 2 * 3_600_000);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await enrol.locator('[name="allocation.randomisedAt"]').fill(randomised);
    await enrol.getByRole("button", { name: "Enrol" }).click();
    const plan = page.locator(".plan");
    await plan.getByText("active").waitFor();
    expect(await plan.locator(".allocation").textContent()).toMatch(
      /Randomised to control .*allocation BPD2-R-0417.*receives no cells/,
    );
    expect(await plan.locator("[data-dose]").count()).toBe(0);
    expect(await page.getByRole("form", { name: "Order a dose" }).count()).toBe(0);
    await shot(page, "trial-arm-enrolled");

    // A fatal event, coded in CTCAE: "Death neonatal" has grade 4 only, which is the death.
    const ae = page.getByRole("form", { name: "Record an adverse event" });
    await ae.locator('[name="q"]').fill("Death neonatal");
    await expect.poll(() => ae.locator('[name="term"] option').allTextContents()).toContain("Death neonatal");
    await ae.locator('[name="term"]').selectOption("Death neonatal");
    const grades = ae.locator(".grades");
    await grades.waitFor();
    expect(await grades.textContent()).toMatch(/MedDRA \d+/);
    await grades.getByRole("radio").first().check();
    // Today on the browser's clock (not the randomisation's date: two hours back is yesterday after midnight,
    // a death before the event's onset).
    const today = await page.evaluate(() => {
      const d = new Date();
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    });
    await ae.locator('[name="deathDate"]').fill(today);
    expect(await ae.locator('[name="serious"]').isChecked()).toBe(true);
    expect(await ae.locator('[name="serious"]').isDisabled()).toBe(true);
    await ae.locator('[name="attribution"]').selectOption("unrelated");
    await ae.locator('[name="description"]').fill("Pulmonary haemorrhage on day 6");
    await expectAccessible(page, "adverse event form, fatal grade");
    await ae.getByRole("button", { name: "Record event" }).click();
    await expect.poll(() => page.locator(".ae-list").textContent()).toContain("Death neonatal");
    const death = page.getByRole("region", { name: "Death" });
    await death.waitFor();
    expect(await death.textContent()).toContain(`Died on ${today}`);
    expect(await death.textContent()).toContain("a fatal adverse event");
    await shot(page, "trial-arm-death");

    // The outcomes page: arms compared within the protocol; too few to test here, and listed as such.
    await page.getByRole("link", { name: "Outcomes" }).click();
    const compare = page.getByRole("form", { name: "Compare groups" });
    await compare.locator('[name="population"]').selectOption(`protocol:${MSC}`);
    await compare.locator('[name="groupBy"]').selectOption("arm");
    await expect.poll(() => page.getByTestId("logrank").textContent()).toContain("arm control (n = 1)");
    await shot(page, "trial-arm-outcomes");
  });
});
