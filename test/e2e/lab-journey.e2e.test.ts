/**
 * The bank's lab journey in the browser at 768 px, by clicks, each step's page and dialog checked by axe and
 * kept as a numbered screenshot (test-results/screenshots/lab-journey/): a cord unit registered and
 * processed (its instrument QC results posted as the lab's analysers would), divided in two, one division
 * discarded; the quality manager's release refused by the server on a result recorded after the page was
 * drawn, the checklist then naming the failing criterion, and signed once it passes; reserved (through the
 * API: the coordinator's dialog is not this journey's), shipped, its dry shipper's log uploaded with an
 * excursion (plotted and listed), and received only with the reason the excursion is accepted.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, signIn, useApp } from "./server.js";
import { journey } from "./steps.js";

const app = useApp({ width: 768, height: 1024 });

/** A change through the API from the page's session (the CSRF token from /api/session). */
async function post(page: Page, path: string, body: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ path, body }) => {
      const s = (await (await fetch("/api/session")).json()) as { csrfToken: string };
      const r = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": s.csrfToken },
        body: JSON.stringify(body),
      });
      const answer = await r.json();
      if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(answer)}`);
      return answer;
    },
    { path, body },
  );
}

/** The log of a dry shipper 8 hours on the road, a reading an hour, warming above -150 °C for two. */
const LOG = [
  "timestamp,temperature_c",
  "2026-11-30T08:00:00Z,-192.0",
  "2026-11-30T09:00:00Z,-190.5",
  "2026-11-30T10:00:00Z,-186.0",
  "2026-11-30T11:00:00Z,-171.5",
  "2026-11-30T12:00:00Z,-146.0",
  "2026-11-30T13:00:00Z,-141.5",
  "2026-11-30T14:00:00Z,-158.0",
  "2026-11-30T15:00:00Z,-176.0",
  "2026-11-30T16:00:00Z,-184.5",
].join("\n");

describe.skipIf(!CHROMIUM_AVAILABLE)("the lab's journey with a cord unit", () => {
  it("register → process → QC → divide → discard → refused and signed release → ship → log → receive", async () => {
    const url = app.server().url;
    const step = journey("lab journey");
    const lab = await app.newPage();
    await signIn(lab, url, "lab");

    // Register and process by clicks (the register page and processing form).
    await lab.goto(`${url}/register`);
    await lab.getByLabel("Facility (FIN) to allocate a DIN").fill("W9999");
    await lab.getByLabel("Donor (local id, never a name)").fill("E2E-JOURNEY-1");
    await lab.getByLabel("Mother (cord blood)").fill("E2E-JOURNEY-MOTHER");
    await lab.getByLabel("Consent reference").fill("E2E-JOURNEY-CONSENT");
    await lab.getByLabel("Collection site").fill("St Mary Maternity");
    await lab.getByLabel("Volume (mL)").fill("90");
    await lab.getByLabel("Product code").fill("S9001V00");
    await lab.getByLabel("ABO/RhD").fill("A+");
    await lab.getByLabel("Collected at").fill(new Date(Date.now() - 8 * 3600_000).toISOString().slice(0, 16));
    await step(lab, "register");
    await lab.getByRole("button", { name: "Register" }).click();
    await lab.waitForURL(/\/products\/W9999/, { timeout: 10_000 });
    const din = lab.url().split("/products/")[1] as string;
    const proc = lab.getByRole("form", { name: "Record processing" });
    await proc.locator('select[name="step"]').selectOption("volume-reduction");
    await proc.locator('input[name="volumeAfterMl"]').fill("24");
    await proc.locator('input[name="complete"]').check();
    await proc.getByRole("button", { name: "Record" }).click();
    await lab.locator(".status.quarantine").first().waitFor();
    await step(lab, "processed");

    // The analysers' results (app.e2e keys them by hand): everything a release needs.
    const qc = (test: string, stage: string, v: { value?: number; result?: string }) =>
      post(lab, `/api/products/${din}/qc`, { test, stage, ...v, testedAt: new Date().toISOString() });
    await qc("tnc", "post-processing", { value: 1_150_000_000 });
    await qc("cd34", "post-processing", { value: 3_900_000 });
    await qc("viability", "post-processing", { value: 94 });
    await qc("sterility", "post-processing", { result: "negative" });
    await qc("abo", "post-processing", { result: "A+" });
    await qc("hla", "post-processing", { result: "A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01" });
    for (const m of ["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"])
      await qc(m, "maternal", { result: "negative" });
    await lab.reload();
    await lab
      .getByText(/viability/)
      .first()
      .waitFor();

    // Divide: a wrong total is refused with the field named in the user's words, then two bags of 12 mL.
    await lab.getByRole("button", { name: "Divide…" }).click();
    const divide = lab.getByRole("dialog", { name: "Divide into divisions" });
    await divide.getByLabel("Volumes per division (mL)").fill("12, 10");
    await divide.getByRole("button", { name: "Divide" }).click();
    await expect
      .poll(() => divide.getByRole("alert").textContent())
      .toContain("Volumes (mL) add up to 22 mL");
    expect(await divide.getByRole("alert").textContent()).toContain("Not saved — check the field");
    await step(lab, "divide refused");
    await divide.getByLabel("Volumes per division (mL)").fill("12, 12");
    await divide.getByRole("button", { name: "Divide" }).click();
    await divide.locator(".divisions li").nth(1).waitFor();
    expect(await divide.locator(".divisions li").allTextContents()).toEqual([
      expect.stringMatching(/A0 — 12 mL, quarantine/),
      expect.stringMatching(/B0 — 12 mL, quarantine/),
    ]);
    await step(lab, "divided");
    const [a0, b0] = await divide
      .locator(".divisions a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));

    // The second division is discarded, with its reason.
    await lab.goto(`${url}${b0}`);
    // By keyboard: Enter opens the dialog, focus moves into it and Tab keeps it there, Escape closes it.
    await lab.getByRole("button", { name: "Discard…" }).focus();
    await lab.keyboard.press("Enter");
    const discard = lab.getByRole("dialog", { name: "Discard this product" });
    await discard.waitFor();
    const inDialog = () =>
      discard.evaluate((d) =>
        d.contains((d.ownerDocument as { activeElement: unknown }).activeElement as never),
      );
    await expect.poll(inDialog).toBe(true);
    for (let i = 0; i < 6; i++) {
      await lab.keyboard.press("Tab");
      expect(await inDialog(), `Tab ${i + 1} stays in the dialog`).toBe(true);
    }
    await lab.keyboard.press("Escape");
    await discard.waitFor({ state: "hidden" });
    await lab.getByRole("button", { name: "Discard…" }).click();
    await discard.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => discard.getByRole("alert").textContent()).toContain("Not saved");
    await discard.getByLabel("Reason").fill("bag seam leak seen at division");
    await discard.getByRole("button", { name: "Discard" }).click();
    await discard.getByText("Discarded.").waitFor();
    await step(lab, "discarded");
    await discard.getByRole("button", { name: "Close", exact: true }).click();
    await lab.locator(".status.discarded").first().waitFor();

    // The quality manager opens the first division while every criterion passes…
    const qm = await app.newPage();
    await signIn(qm, url, "quality");
    await qm.goto(`${url}${a0}`);
    await qm.locator(".criteria .pass").first().waitFor();
    expect(await qm.locator(".criteria .fail").count()).toBe(0);
    await step(qm, "release checklist passes");
    // … and meanwhile the lab records a viability below 85% on it.
    await lab.goto(`${url}${a0}`);
    const qcForm = lab.getByRole("form", { name: "Record a QC result" });
    await qcForm.locator('select[name="test"]').selectOption("viability");
    await qcForm.locator('select[name="stage"]').selectOption("post-processing");
    await qcForm.locator('input[name="value"]').fill("81");
    await qcForm.getByRole("button", { name: "Record" }).click();
    await qcForm.getByText("Record a QC result: done").waitFor();

    // Signing on the page drawn before: the server checks again, refuses, and names the failing criterion.
    await qm.getByRole("button", { name: "Release…" }).click();
    const sign = qm.getByRole("dialog", { name: /^Release: sign as Quinn Quality/ });
    await sign.getByLabel("Your password").fill(DEMO_PASSWORD);
    await step(qm, "release signing dialog");
    await sign.getByRole("button", { name: "Sign and release" }).click();
    const refused = qm.getByRole("dialog", { name: "Release refused by the server" });
    await expect.poll(() => refused.locator(".criteria.failing").textContent()).toMatch(/viability.*81/i);
    await step(qm, "release refused by the server");
    await refused.getByRole("button", { name: "Close", exact: true }).click();
    // Now the checklist shows it too, and Release… names it instead of asking a signature.
    await qm.locator(".criteria .fail").first().waitFor();
    await qm.getByRole("button", { name: "Release…" }).click();
    const blocked = qm.getByRole("dialog", { name: "Not ready for release" });
    expect(await blocked.locator(".criteria.failing").textContent()).toMatch(/viability/i);
    expect(await blocked.getByLabel("Your password").count()).toBe(0);
    await step(qm, "release blocked by the checklist");
    await blocked.getByRole("button", { name: "Close", exact: true }).click();

    // The repeat test passes; the release is signed.
    await qcForm.locator('select[name="test"]').selectOption("viability");
    await qcForm.locator('select[name="stage"]').selectOption("post-processing");
    await qcForm.locator('input[name="value"]').fill("91");
    await qcForm.getByRole("button", { name: "Record" }).click();
    await qcForm.getByText("Record a QC result: done").waitFor();
    await qm.reload();
    await qm.locator(".criteria .pass").first().waitFor();
    expect(await qm.locator(".criteria .fail").count()).toBe(0);
    await qm.getByRole("button", { name: "Release…" }).click();
    const sign2 = qm.getByRole("dialog", { name: /^Release: sign as Quinn Quality/ });
    await sign2.getByLabel("Your password").fill(DEMO_PASSWORD);
    await sign2.getByRole("button", { name: "Sign and release" }).click();
    await qm.getByText(/Signed released by Quinn Quality/).waitFor();
    await qm.locator(".status.available").first().waitFor();
    await step(qm, "released");

    // Reserved for a patient by the coordinator (their dialog is another journey's).
    const coordinator = await app.newPage();
    await signIn(coordinator, url, "coordinator");
    const code = new URL(`${url}${a0}`).searchParams.get("product");
    await post(coordinator, `/api/products/${din}/reservation?product=${code}`, {
      // A registered patient: the bank reserves only for one the patient records know.
      patientId: "DEMO-KRB-0001",
      reason: "cord search, 6/6 match",
    });

    // Ship.
    await lab.reload();
    await lab.getByRole("button", { name: "Ship…" }).click();
    const ship = lab.getByRole("dialog", { name: "Ship to the infusing centre" });
    await ship.getByLabel("Destination").fill("Children's Hospital BMT");
    await ship.getByLabel("Courier").fill("World Courier");
    await ship.getByLabel("Dry shipper serial number").fill("DS-0457");
    await step(lab, "ship dialog");
    await ship.getByRole("button", { name: "Ship" }).click();
    await ship.getByText(/must stay at or below -150 °C/).waitFor();
    await step(lab, "shipped");
    await ship.getByRole("button", { name: "Close", exact: true }).click();
    await lab.locator(".status.shipped").first().waitFor();

    // Receipt without a log is refused: the server names the reason field.
    await lab.getByRole("button", { name: "Receive…" }).click();
    const receive = lab.getByRole("dialog", { name: "Receive the shipment" });
    await receive.getByLabel("Condition on arrival").fill("shipper intact, seals unbroken");
    await receive.getByRole("button", { name: "Receive" }).click();
    await expect
      .poll(() => receive.getByRole("alert").textContent())
      .toContain("no temperature log was imported");
    await step(lab, "receipt refused without a log");
    await lab.keyboard.press("Escape");

    // Upload the dry shipper's log: one excursion, listed, and plotted on the page.
    await lab.getByRole("button", { name: "Upload temperature log…" }).click();
    const upload = lab.getByRole("dialog", { name: "Upload the dry shipper's temperature log" });
    await upload
      .getByLabel("Temperature log file (CSV)")
      .setInputFiles({ name: "DS-0457.csv", mimeType: "text/csv", buffer: Buffer.from(LOG) });
    await step(lab, "temperature log chosen");
    await upload.getByRole("button", { name: "Upload" }).click();
    await upload.getByText("9 readings imported.").waitFor();
    expect(await upload.locator("[data-excursions]").getAttribute("data-excursions")).toBe("1");
    expect(await upload.locator(".excursions li").textContent()).toMatch(/worst -141\.5 °C \(2 readings\)/);
    await step(lab, "temperature log uploaded");
    await upload.getByRole("button", { name: "Close", exact: true }).click();
    const plot = lab.locator("figure.temperature-log");
    await plot.locator("svg .readings path").first().waitFor();
    expect(await plot.locator(".limit").count()).toBeGreaterThan(0);
    expect(await plot.locator(".excursion-area").count()).toBe(1);
    expect(await plot.locator(".excursions li").count()).toBe(1);
    await step(lab, "excursion plot");

    // Receipt: refused while the excursion has no reason, accepted with one, the verdict shown.
    await lab.getByRole("button", { name: "Receive…" }).click();
    const receive2 = lab.getByRole("dialog", { name: "Receive the shipment" });
    await receive2.getByLabel("Condition on arrival").fill("shipper intact, seals unbroken");
    await receive2.getByRole("button", { name: "Receive" }).click();
    await expect
      .poll(() => receive2.getByRole("alert").textContent())
      .toContain("1 temperature excursions above -150 °C");
    expect(await receive2.getByRole("alert").textContent()).toContain(
      "Conflict with the record's current state",
    );
    await step(lab, "receipt refused on the excursion");
    await receive2
      .getByLabel("Why it is accepted (excursion or no log)")
      .fill("two hourly readings at the lid probe; core stayed frozen per QA review");
    await receive2.getByRole("button", { name: "Receive" }).click();
    await receive2.getByText("Received: the product is now received.").waitFor();
    expect(await receive2.locator(".excursions li").count()).toBe(1);
    await step(lab, "received");
    await receive2.getByRole("button", { name: "Close", exact: true }).click();
    await lab.locator(".status.received").first().waitFor();
    await step(lab, "product received");
    await Promise.all([lab.close(), qm.close(), coordinator.close()]);
  }, 240_000);
});
