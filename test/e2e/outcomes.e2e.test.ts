/**
 * The outcomes page in the browser: survival curves with numbers at risk and the log-rank test, the
 * engraftment curve, adverse events by grade, CSV downloads; a follow-up form recorded through its typed
 * fields; and a consent withdrawn on the patient's page, after which the researcher's export leaves the
 * baby out and holds no identifier.
 */
import { describe, expect, it } from "vitest";
import { CHROMIUM_AVAILABLE, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });

describe.skipIf(!CHROMIUM_AVAILABLE)("the outcomes page", () => {
  it("shows curves, tables and downloads; a withdrawal leaves the baby out of the research export", async () => {
    const researcher = await app.newPage();
    await signIn(researcher, app.server().url, "researcher");
    const exportJson = async () => {
      const r = await researcher.request.get(`${app.server().url}/api/research/export?format=json`);
      expect(r.status()).toBe(200);
      return {
        text: await r.text(),
        body: (await r.json()) as { records: { subject: string }[]; excluded: number },
      };
    };
    const before = await exportJson();
    expect(before.body.records.length).toBeGreaterThan(0);

    const physician = await app.newPage();
    await signIn(physician, app.server().url, "physician");
    await physician.getByRole("link", { name: "Outcomes" }).click();
    await physician.getByRole("heading", { name: "Overall survival" }).waitFor();
    const survival = physician.locator('figure[aria-label="Overall survival (Kaplan–Meier, 95% CI)"]');
    await survival.waitFor();
    expect(await survival.textContent()).toContain("At risk");
    expect(await survival.textContent()).toContain("hie-autologous-cord-blood");
    // No log-rank test across protocols (outcome-plots.e2e.test.ts chooses one).
    await physician.getByTestId("logrank").waitFor();
    expect(await physician.getByTestId("logrank").textContent()).toContain("no test across populations");
    await physician
      .locator('figure[aria-label="Neutrophil engraftment: cumulative incidence (95% CI), death competing"]')
      .waitFor();
    expect(await physician.locator("table.ae").textContent()).toContain("Graft failure");
    // The demo's four transplants: all but the graft failure reach neutrophil engraftment.
    const neutrophils = physician.locator("table.timing tr", { hasText: "Neutrophils" });
    expect(await neutrophils.textContent()).toContain("3 of 4");
    await shot(physician, "outcomes");
    const csv = await physician.request.get(`${app.server().url}/api/outcomes/report.csv?table=survival`);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("group,time_days,n_risk,n_event,n_censor,survival,std_err,lower,upper");
    expect(lines.length).toBeGreaterThan(2);
    const download = physician.waitForEvent("download");
    await physician.getByRole("button", { name: "Download image (SVG)" }).first().click();
    expect((await download).suggestedFilename()).toBe("cradle-survival.svg");

    // A follow-up form through its typed fields, then the research consent withdrawn.
    const mrn = "DEMO-HIE-0101";
    await physician.goto(`${app.server().url}/patients/${mrn}`);
    const form = physician.getByRole("form", { name: "Record a follow-up form" });
    await form.locator('[name="visit"]').selectOption("month-12");
    await form.locator('[name="form"]').selectOption("vital-status");
    await form.locator('[name="alive"]').check();
    await form.getByRole("button", { name: "Record form" }).click();
    await form.getByText("vital-status recorded for month-12").waitFor();
    await expect.poll(() => physician.locator('[data-visit="month-12"]').textContent()).toContain("done");
    const research = physician.locator("table.consents tr", { hasText: "research" });
    await research.getByRole("button", { name: "Withdraw" }).click();
    const withdraw = physician.getByRole("form", { name: "Withdraw consent" });
    await withdraw.locator('[name="reason"]').fill("parents asked to leave the registry");
    await withdraw.getByRole("button", { name: "Withdraw now" }).click();
    await expect.poll(() => physician.locator("table.consents").textContent()).toContain("withdrawn");
    await shot(physician, "patient-follow-up");

    const after = await exportJson();
    expect(after.body.records.length).toBe(before.body.records.length - 1);
    expect(after.body.excluded).toBe(before.body.excluded + 1);
    for (const text of [
      after.text,
      await (await researcher.request.get(`${app.server().url}/api/research/export?format=csv`)).text(),
    ]) {
      expect(text).not.toMatch(/DEMO-(HIE|TX|KRB|BPD)-\d{4}/);
      expect(text).not.toContain("Baby");
    }
    // The researcher reads no identified outcomes: a patient's record is refused.
    expect((await researcher.request.get(`${app.server().url}/api/patients/${mrn}/outcomes`)).status()).toBe(
      403,
    );
  }, 180_000);
});
