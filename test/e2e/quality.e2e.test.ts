/**
 * The quality manager's deviation and alarm in Debian's Chromium (issue 18): on the Quality page the quality
 * manager records an unplanned deviation against a unit in quarantine; its release is then refused
 * with DEVIATION_OPEN; the deviation is assessed and closed with a signature, and leaves the open list.
 * Then a monitoring system posts a warm reading for an LN2 tank over the device endpoint, the excursion
 * alarm shows on the page, and the quality manager acknowledges it, signed. Axe on the page and dialogs.
 * A deviation in a shipped unit is assessed reportable to FDA and its 1271.350(b) report recorded from the
 * deviation's record: the clock shows 45 days from discovery, a submission time before the discovery is
 * refused on its field, and the report as submitted replaces the form.
 */
import { describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.js";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, apiAs, shot, signIn, useApp } from "./server.js";
import { unitReadyForRelease } from "./units.js";

const app = useApp({ width: 1400, height: 1000 });

describe.skipIf(!CHROMIUM_AVAILABLE)("a deviation and an alarm on the Quality page", () => {
  it("bars release while the deviation is open, closes it signed, and acknowledges an alarm signed", async () => {
    const quality = await apiAs(app, "quality");
    const lab = await apiAs(app, "lab");
    // A cord unit processed and tested by the lab: in quarantine, meeting every release criterion.
    const din = await unitReadyForRelease(lab, "E2E-DEV");
    expect((await quality("GET", `/api/products/${din}`)).product.status).toBe("quarantine");

    const qm = await app.newPage();
    await signIn(qm, app.server().url, "quality");
    await qm.getByRole("link", { name: "Quality" }).click();
    await qm.getByRole("heading", { name: "Quality", level: 1 }).waitFor();
    const form = qm.getByRole("form", { name: "Record a deviation" });
    await form.locator('[name="kind"]').selectOption("unplanned");
    // Entered on the browser's clock (the machine's zone, as this process's): an hour ago, to the minute.
    const ago = new Date(Date.now() - 3_600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    const discovered = `${ago.getFullYear()}-${pad(ago.getMonth() + 1)}-${pad(ago.getDate())}T${pad(ago.getHours())}:${pad(ago.getMinutes())}`;
    await form.locator('[name="discoveredAt"]').fill(discovered);
    await form.locator('[name="description"]').fill("controlled-rate freezer profile interrupted at -40 C");
    await form.locator('[name="products"]').fill(din);
    await expectAccessible(qm, "Quality page with the deviation form");
    await form.getByRole("button", { name: "Record the deviation" }).click();
    const row = qm.locator("tr[data-deviation]", { hasText: "freezer profile interrupted" });
    await expect.poll(() => row.locator('[data-testid="deviation-state"]').textContent()).toBe("open");
    expect(await row.textContent()).toContain(din);
    const recorded = (await quality("GET", "/api/quality/deviations?open=true")) as {
      discoveredAt: string;
    }[];
    expect(Date.parse(recorded[0]?.discoveredAt ?? "")).toBe(new Date(discovered).getTime());
    await shot(qm, "deviation-recorded");

    // Release is refused while the deviation is open (the server's rule, over the API).
    const ctx = await app.browser().newContext();
    const signed = await ctx.request.post(`${app.server().url}/api/session`, {
      data: { username: "quality", password: DEMO_PASSWORD },
    });
    const csrf = (await signed.json()).csrfToken as string;
    const release = () =>
      ctx.request.post(`${app.server().url}/api/products/${din}/release`, {
        headers: { "x-csrf-token": csrf },
        data: { password: DEMO_PASSWORD },
      });
    const refused = await release();
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect((await refused.json()).code).toBe("DEVIATION_OPEN");

    // Closing before the assessment is refused, and says why; the deviation stays open.
    const close = async (reason: string) => {
      await row.getByRole("button", { name: "Close…" }).click();
      const dialog = qm.getByRole("dialog");
      await dialog.locator('[name="decision"]').selectOption("accept");
      await dialog.locator('[name="reason"]').fill(reason);
      await dialog.locator('[name="password"]').fill(DEMO_PASSWORD);
      await dialog.getByRole("button", { name: "Sign and close" }).click();
    };
    await close("profile reviewed, product unaffected");
    await expect.poll(() => qm.getByRole("dialog").getByRole("alert").count()).toBeGreaterThan(0);
    await expectAccessible(qm, "close dialog with a refusal");
    await shot(qm, "deviation-close-refused");
    await qm.keyboard.press("Escape");
    await qm.getByRole("dialog").waitFor({ state: "detached" });
    expect(await row.locator('[data-testid="deviation-state"]').textContent()).toBe("open");

    // Assess it, then close it signed.
    await row.getByRole("button", { name: "Assess" }).click();
    const assess = qm.getByRole("dialog");
    await assess.locator('[name="impact"]').fill("post-thaw viability of the retained segment 91 %");
    await expectAccessible(qm, "assessment dialog");
    await assess.getByRole("button", { name: "Record the assessment" }).click();
    await expect.poll(() => row.locator('[data-testid="deviation-state"]').textContent()).toBe("assessed");
    // Its record opens from the row; a CAPA is opened there and listed on the record.
    await row.getByRole("link", { name: /freezer profile interrupted/ }).click();
    await qm.getByRole("heading", { name: "Deviation", level: 1 }).waitFor();
    expect(await qm.getByTestId("deviation-state").textContent()).toBe("assessed");
    const capaForm = qm.getByRole("form", { name: "Open a CAPA from this deviation" });
    await capaForm.locator('[name="kind"]').selectOption("corrective");
    await capaForm.locator('[name="description"]').fill("add a power-loss alarm to the freezer");
    await capaForm.locator('[name="owner"]').fill("lab");
    await capaForm.locator('[name="dueDate"]').fill("2027-01-15");
    await capaForm.getByRole("button", { name: "Open the CAPA" }).click();
    const capaRow = qm.locator("tr[data-capa]", { hasText: "power-loss alarm" });
    await expect.poll(() => capaRow.getByTestId("capa-state").textContent()).toBe("open");
    await expectAccessible(qm, "deviation record with a CAPA");
    await shot(qm, "deviation-record");
    await qm.getByRole("link", { name: "Back to the quality dashboard" }).click();
    await qm.getByRole("heading", { name: "Quality", level: 1 }).waitFor();
    await close("profile reviewed, segment viability within specification");
    await expect.poll(() => row.count()).toBe(0);
    await shot(qm, "deviation-closed");
    const closed = (await quality("GET", "/api/quality/deviations")) as {
      id: string;
      description: string;
      state: string;
      decision: string;
      closureSignatureId: string | null;
    }[];
    const mine = closed.find((d) => d.description.includes("freezer profile interrupted"));
    expect(mine?.state).toBe("closed");
    expect(mine?.decision).toBe("accept");
    expect(mine?.closureSignatureId).not.toBeNull();
    // The closed record, as printed: the decision and the signer's printed name and meaning (21 CFR 11.50).
    await qm.goto(`${app.server().url}/quality/deviations/${mine?.id}`);
    const closing = qm.getByTestId("deviation-signature");
    await expect.poll(() => closing.textContent()).toContain("products accepted");
    expect(await closing.textContent()).toContain('meaning "approved"');
    expect(await qm.getByTestId("capa-state").textContent()).toBe("open");
    // Closed accepting the unit, the deviation no longer bars its release.
    const after = await release();
    expect(after.status(), JSON.stringify(await after.json())).toBe(200);
    expect((await quality("GET", `/api/products/${din}`)).product.status).toBe("available");

    // A monitoring system posts a reading warmer than the LN2 tank's −150 °C: an excursion alarm.
    await quality("POST", "/api/quality/monitoring", { device: "LN2-01", escalateTo: "lab" });
    const { token } = (await quality("POST", "/api/quality/monitoring/LN2-01/token")) as { token: string };
    const posted = await ctx.request.post(`${app.server().url}/api/monitoring/readings`, {
      headers: { authorization: `Bearer ${token}` },
      data: { device: "LN2-01", readings: [{ at: new Date().toISOString(), celsius: -120 }] },
    });
    expect(posted.status()).toBe(200);
    const outcome = await posted.json();
    expect(outcome.alarmsRaised).toHaveLength(1);
    const alarmId = outcome.alarmsRaised[0] as string;

    await qm.getByRole("link", { name: "Back to the quality dashboard" }).click();
    await qm.getByRole("heading", { name: "Quality", level: 1 }).waitFor();
    const alarm = qm.locator(`tr[data-alarm="${alarmId}"]`);
    await expect.poll(() => alarm.locator('[data-testid="alarm-state"]').textContent()).toBe("open");
    await alarm.getByRole("button", { name: "Acknowledge…" }).click();
    const ack = qm.getByRole("dialog");
    await ack.locator('[name="note"]').fill("lid found ajar, closed it and topped up LN2");
    await ack.locator('[name="password"]').fill(DEMO_PASSWORD);
    await expectAccessible(qm, "acknowledge dialog");
    await ack.getByRole("button", { name: "Sign the acknowledgement" }).click();
    await expect
      .poll(() => alarm.locator('[data-testid="alarm-state"]').textContent())
      .toMatch(/^acknowledged by quality/);
    await shot(qm, "alarm-acknowledged");
    const acked = (await quality("GET", `/api/quality/alarms/${alarmId}`)) as {
      ackSignatureId: string | null;
    };
    expect(acked.ackSignatureId).not.toBeNull();
    await ctx.close();
  });

  it("takes a deviation in a shipped unit to its FDA report, recorded from the deviation's record", async () => {
    const lab = await apiAs(app, "lab");
    const quality = await apiAs(app, "quality");
    const coordinator = await apiAs(app, "coordinator");
    const din = await unitReadyForRelease(lab, "E2E-FDA");
    await quality("POST", `/api/products/${din}/release`, { password: DEMO_PASSWORD });
    await coordinator("POST", "/api/patients", {
      mrn: "E2E-FDA-DONOR",
      givenName: "Baby",
      familyName: "Lindqvist",
      birth: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      sex: "male",
      gestationalWeeks: 38,
      gestationalDays: 5,
      birthWeightGrams: 3150,
      icd10: "P91.60",
      indication: "neonatal-brain-injury",
      diagnosis: "Moderate hypoxic-ischemic encephalopathy",
    });
    await coordinator("POST", `/api/products/${din}/reservation`, {
      patientId: "E2E-FDA-DONOR",
      reason: "autologous infusion under the HIE protocol",
    });
    await lab("POST", `/api/products/${din}/shipment`, {
      destination: "Children's Hospital BMT",
      courier: "World Courier",
      shipperId: "DS-0998",
    });
    // Discovered two days ago (to the minute), after the unit had left.
    const discovered = new Date(Math.floor((Date.now() - 2 * 86_400_000) / 60_000) * 60_000);
    await quality("POST", "/api/quality/deviations", {
      kind: "unplanned",
      discoveredAt: discovered.toISOString(),
      description: "cryoprotectant lot used past its acceptance review",
      products: [{ din }],
    });

    const qm = await app.newPage();
    await signIn(qm, app.server().url, "quality");
    await qm.getByRole("link", { name: "Quality" }).click();
    await qm.getByRole("heading", { name: "Quality", level: 1 }).waitFor();
    const row = qm.locator("tr[data-deviation]", { hasText: "cryoprotectant lot" });
    await row.getByRole("button", { name: "Assess" }).click();
    const assess = qm.getByRole("dialog");
    await assess
      .locator('[name="impact"]')
      .fill("unit shipped; recipient centre to be told, lot quarantined");
    await assess.getByLabel(/Reportable to FDA/).check();
    await assess.getByRole("button", { name: "Record the assessment" }).click();
    await expect.poll(() => row.locator('[data-testid="deviation-state"]').textContent()).toBe("assessed");
    expect(await row.textContent()).toContain("reportable");

    await row.getByRole("link", { name: /cryoprotectant lot/ }).click();
    await qm.getByRole("heading", { name: "Deviation", level: 1 }).waitFor();
    // The clock: 45 days from discovery (the calendar date in UTC, as the server keeps it).
    const due = new Date(discovered.getTime() + 45 * 86_400_000).toISOString().slice(0, 10);
    await expect.poll(() => qm.getByTestId("deviation-report").textContent()).toContain(`due ${due}`);
    const form = qm.getByRole("form", { name: "Record the report to FDA" });
    await expectAccessible(qm, "deviation record with the FDA report form");
    await shot(qm, "deviation-fda-form");
    const pad = (n: number) => String(n).padStart(2, "0");
    const local = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    await form.locator('[name="reference"]').fill("FDA-3486-2026-0412");
    // A submission before the discovery is refused, on its field; nothing is recorded.
    await form.locator('[name="submittedAt"]').fill(local(new Date(discovered.getTime() - 3_600_000)));
    await form.getByRole("button", { name: "Record the report as submitted" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("before the discovery");
    // Under the field too, in the user's words and zone: neither the schema's name nor a raw instant.
    const described = (await form.locator('[name="submittedAt"]').getAttribute("aria-describedby")) ?? "";
    const notes = await Promise.all(
      described
        .split(" ")
        .filter(Boolean)
        .map((id) => qm.locator(`[id="${id}"]`).textContent()),
    );
    const fieldNote = notes.join(" ");
    expect(fieldNote).toContain("Submitted at");
    expect(fieldNote).not.toMatch(/submittedAt|\d{4}-\d\d-\d\dT/);
    await shot(qm, "deviation-fda-refused");
    const id = new URL(qm.url()).pathname.split("/").pop() as string;
    expect((await quality("GET", `/api/quality/deviations/${id}`)).report.submittedAt).toBeNull();
    // Submitted an hour ago: recorded, and the record says so in place of the form.
    const sent = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
    await form.locator('[name="submittedAt"]').fill(local(sent));
    await form.getByRole("button", { name: "Record the report as submitted" }).click();
    await expect
      .poll(() => qm.getByTestId("deviation-report").textContent())
      .toContain("reference FDA-3486-2026-0412");
    expect(await qm.getByRole("form", { name: "Record the report to FDA" }).count()).toBe(0);
    await shot(qm, "deviation-fda-recorded");
    const after = await quality("GET", `/api/quality/deviations/${id}`);
    expect(after.report).toMatchObject({ reference: "FDA-3486-2026-0412", submittedBy: "quality" });
    expect(Date.parse(after.report.submittedAt)).toBe(sent.getTime());
  });
});
