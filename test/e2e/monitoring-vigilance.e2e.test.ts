/**
 * Issue 18's monitoring and vigilance pages in Debian's Chromium.
 * - Monitoring to a closed alarm: the quality manager sets how LN2-01 is watched and makes its token on the
 *   Monitoring page; the token shown once is the one a monitoring system posts with; the lab imports a CSV
 *   of readings (one warm, then back in range); the alarm page lists it, the lab acknowledges it (signed),
 *   and the quality manager closes it with the actions and the product impact (signed, "approved"); closing
 *   before it is acknowledged is not offered, and the server refuses it over the API.
 * - A reaction reported by a treating centre: the coordinator records it from the shipped product's page;
 *   the quality manager finds it on the Quality page with its 15-day FDA clock, records the investigation,
 *   is refused the close while the reports are not in, records them and closes it signed.
 * Axe on every page and dialog.
 */
import { describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.js";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, apiAs, shot, signIn, useApp } from "./server.js";
import { unitReadyForRelease } from "./units.js";

const app = useApp({ width: 1400, height: 1000 });
const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
/** A datetime-local field's value: the browser's clock, to the minute (the machine's zone, as this process's). */
const local = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

describe.skipIf(!CHROMIUM_AVAILABLE)("monitoring and vigilance pages", () => {
  it("sets a tank's monitoring, imports readings, and takes the alarm to a signed close", async () => {
    const qm = await app.newPage();
    await signIn(qm, app.server().url, "quality");
    await qm.getByRole("link", { name: "Quality" }).click();
    await qm.getByRole("link", { name: /Monitoring: thresholds/ }).click();
    await qm.getByRole("heading", { name: "Monitoring", level: 1 }).waitFor();
    const settings = qm.getByRole("form", { name: "Set how a device is monitored" });
    await settings.locator('[name="device"]').selectOption("LN2-01");
    await settings.locator('[name="ackMinutes"]').fill("20");
    await settings.locator('[name="escalateTo"]').fill("lab");
    await expectAccessible(qm, "Monitoring page");
    await settings.getByRole("button", { name: "Save the settings" }).click();
    const row = qm.locator('tr[data-device="LN2-01"]');
    await expect.poll(() => row.textContent()).toContain("20 min");
    // An LN2 tank alarms warmer than −150 °C unless told otherwise.
    expect(await row.textContent()).toContain("-150 °C");
    await row.getByRole("button", { name: "Make a token" }).click();
    const shown = qm.getByRole("alert").filter({ hasText: "copy it now" });
    await shown.waitFor();
    const token = /LN2-01: ([A-Za-z0-9_-]+)/.exec((await shown.textContent()) ?? "")?.[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    await expectAccessible(qm, "Monitoring page with a new token");
    await shot(qm, "monitoring-token");

    // The token shown is the one a monitoring system posts with: a reading in range is stored.
    const ctx = await app.browser().newContext();
    const post = (t: string) =>
      ctx.request.post(`${app.server().url}/api/monitoring/readings`, {
        headers: { authorization: `Bearer ${t}` },
        data: {
          device: "LN2-01",
          readings: [{ at: new Date(Date.now() - 50 * 60_000).toISOString(), celsius: -192 }],
        },
      });
    expect((await post(token)).status()).toBe(200);
    expect((await post(`${token}x`)).status()).toBe(401);

    // The lab imports the tank's own log: warm 30 minutes ago, back in range 10 minutes ago.
    const lab = await app.newPage();
    await signIn(lab, app.server().url, "lab");
    await lab.goto(`${app.server().url}/quality/monitoring`);
    const imp = lab.getByRole("form", { name: "Import readings" });
    await imp.getByLabel("Device").selectOption("LN2-01");
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const csv = `at,celsius,ln2_level\n${at(30)},-131.5,62\n${at(10)},-188,61\n`;
    await imp.getByLabel(/Readings \(CSV/).fill(csv);
    await expectAccessible(lab, "readings import form");
    await imp.getByRole("button", { name: "Import the readings" }).click();
    await expect
      .poll(() => imp.textContent())
      .toContain("2 readings stored, 0 already had; alarms raised: 1");
    // The same file again changes nothing (idempotent by reading time).
    await imp.getByLabel(/Readings \(CSV/).fill(csv);
    await imp.getByRole("button", { name: "Import the readings" }).click();
    await expect.poll(() => imp.textContent()).toContain("0 readings stored, 2 already had");

    const quality = await apiAs(app, "quality");
    const alarms = (await quality("GET", "/api/quality/alarms?open=true")) as {
      id: string;
      device: string;
      value: number;
    }[];
    const alarm = alarms.find((a) => a.device === "LN2-01" && a.value === -131.5);
    expect(alarm).toBeDefined();
    const id = alarm?.id ?? "";

    // The lab opens it from the dashboard and acknowledges it, signed.
    await lab.goto(`${app.server().url}/quality`);
    await lab.locator(`tr[data-alarm="${id}"]`).getByRole("link", { name: "LN2-01" }).click();
    await lab.getByRole("heading", { name: "Alarm on LN2-01", level: 1 }).waitFor();
    expect(await lab.getByTestId("alarm-state").textContent()).toBe("open");
    expect(await lab.locator("dl.facts").textContent()).toContain("-131.5 °C (threshold -150 °C)");
    await expectAccessible(lab, "alarm page");
    // Closing an alarm not acknowledged is refused by the server, and not offered on the page.
    expect(await lab.getByRole("button", { name: "Close the alarm…" }).count()).toBe(0);
    const early = await ctx.request.post(`${app.server().url}/api/session`, {
      data: { username: "quality", password: DEMO_PASSWORD },
    });
    const csrf = (await early.json()).csrfToken as string;
    const refused = await ctx.request.post(`${app.server().url}/api/quality/alarms/${id}/close`, {
      headers: { "x-csrf-token": csrf },
      data: { actions: "topped up the tank", impact: "no product affected", password: DEMO_PASSWORD },
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).code).toBe("QUALITY_STATE");
    await lab.getByRole("button", { name: "Acknowledge…" }).click();
    const ack = lab.getByRole("dialog");
    await ack.locator('[name="note"]').fill("lid left ajar after a retrieval; closed and checked the seal");
    await ack.locator('[name="password"]').fill(DEMO_PASSWORD);
    await ack.getByRole("button", { name: "Sign the acknowledgement" }).click();
    await expect.poll(() => lab.getByTestId("alarm-state").textContent()).toBe("acknowledged");
    // The lab does not close it: that is quality's signed decision.
    expect(await lab.getByRole("button", { name: "Close the alarm…" }).count()).toBe(0);

    await qm.goto(`${app.server().url}/quality/alarms/${id}`);
    await qm.getByRole("button", { name: "Close the alarm…" }).click();
    const close = qm.getByRole("dialog");
    await close.locator('[name="actions"]').fill("seal checked, retrieval procedure retrained");
    await close
      .locator('[name="impact"]')
      .fill("20 minutes above -150 C, never above -130 C: products accepted");
    await close.locator('[name="password"]').fill(DEMO_PASSWORD);
    await expectAccessible(qm, "close alarm dialog");
    await close.getByRole("button", { name: "Sign and close" }).click();
    await expect.poll(() => qm.getByTestId("alarm-state").textContent()).toBe("closed");
    expect(await qm.getByTestId("alarm-closed").textContent()).toContain(
      'by quality (signed, meaning "approved")',
    );
    await shot(qm, "alarm-closed");
    const closed = (await quality("GET", `/api/quality/alarms/${id}`)) as {
      closeSignatureId: string | null;
      impact: string;
    };
    expect(closed.closeSignatureId).not.toBeNull();
    expect(closed.impact).toContain("products accepted");
    await ctx.close();
  });

  it("records a centre's reaction report on the product and runs its case to a signed close", async () => {
    const lab = await apiAs(app, "lab");
    const quality = await apiAs(app, "quality");
    const coordinatorApi = await apiAs(app, "coordinator");
    const din = await unitReadyForRelease(lab, "E2E-VIG");
    await quality("POST", `/api/products/${din}/release`, { password: DEMO_PASSWORD });
    // Its own baby (the unit is autologous), registered for the reservation.
    await coordinatorApi("POST", "/api/patients", {
      mrn: "E2E-VIG-DONOR",
      givenName: "Baby",
      familyName: "Okafor",
      birth: new Date(Date.now() - 2 * DAY).toISOString(),
      sex: "female",
      gestationalWeeks: 39,
      gestationalDays: 2,
      birthWeightGrams: 3300,
      icd10: "P91.60",
      indication: "neonatal-brain-injury",
      diagnosis: "Moderate hypoxic-ischemic encephalopathy",
    });
    await coordinatorApi("POST", `/api/products/${din}/reservation`, {
      patientId: "E2E-VIG-DONOR",
      reason: "autologous infusion under the HIE protocol",
    });
    await lab("POST", `/api/products/${din}/shipment`, {
      destination: "Children's Hospital BMT",
      courier: "World Courier",
      shipperId: "DS-0999",
    });

    const coordinator = await app.newPage();
    await signIn(coordinator, app.server().url, "coordinator");
    await coordinator.goto(`${app.server().url}/products/${din}`);
    await coordinator.getByRole("button", { name: "Report a reaction or complaint…" }).click();
    const report = coordinator.getByRole("dialog");
    await report.locator('[name="kind"]').selectOption("adverse-reaction");
    // The centre starts as the shipment names it: a report from another centre is refused.
    expect(await report.locator('[name="centre"]').inputValue()).toBe("Children's Hospital BMT");
    await report.locator('[name="centre"]').fill("Children's Hospital BMT");
    // The centre telephoned two hours ago.
    const learned = new Date(Date.now() - 2 * 3_600_000);
    await report.locator('[name="learnedAt"]').fill(local(learned));
    await report
      .locator('[name="description"]')
      .fill("fever and rigors 40 minutes into the infusion; blood culture positive");
    await report.getByLabel(/^Serious/).check();
    await report.getByLabel("Involves a communicable disease").check();
    await expectAccessible(coordinator, "reaction report dialog");
    await report.getByRole("button", { name: "Record the report" }).click();
    // The 15-day clock of 21 CFR 1271.350(a) runs from when the bank learned of it.
    const fdaDue = new Date(new Date(local(learned)).getTime() + 15 * DAY).toISOString().slice(0, 10);
    await expect.poll(() => report.textContent()).toContain(`FDA by ${fdaDue}`);
    await shot(coordinator, "vigilance-recorded");

    const qm = await app.newPage();
    await signIn(qm, app.server().url, "quality");
    await qm.getByRole("link", { name: "Quality" }).click();
    const row = qm.locator("tr[data-vigilance]", { hasText: din });
    await expect.poll(() => row.textContent()).toContain(fdaDue);
    await expectAccessible(qm, "Quality page with a vigilance case");
    await row.getByRole("link", { name: "adverse reaction" }).click();
    await qm.getByRole("heading", { name: "Adverse reaction", level: 1 }).waitFor();
    expect(await qm.getByTestId("vigilance-fda").textContent()).toBe(`due ${fdaDue} (due)`);
    const investigate = qm.getByRole("form", { name: "Record the investigation" });
    await investigate
      .locator('[name="findings"]')
      .fill(
        "maternal screen negative; bag segment culture grew the same organism: bag contaminated at processing",
      );
    await investigate.getByRole("button", { name: "Record the findings" }).click();
    await expect.poll(() => qm.getByTestId("vigilance-state").textContent()).toBe("investigated");

    // Closing with the reports not in is refused, and says which.
    const closeCase = async () => {
      await qm.getByRole("button", { name: "Close the case…" }).click();
      const dialog = qm.getByRole("dialog");
      await dialog.locator('[name="reason"]').fill("root cause found; CAPA opened for the processing room");
      await dialog.locator('[name="password"]').fill(DEMO_PASSWORD);
      await dialog.getByRole("button", { name: "Sign and close" }).click();
    };
    await closeCase();
    const refusal = qm.getByRole("dialog").getByRole("alert");
    await expect.poll(() => refusal.textContent()).toMatch(/report is not submitted/);
    await expectAccessible(qm, "close case dialog with a refusal");
    await qm.keyboard.press("Escape");
    await qm.getByRole("dialog").waitFor({ state: "detached" });

    for (const [name, ref] of [
      ["FDA", "MW-2026-0101"],
      ["the EU authority", "EU-SOHO-77"],
    ] as const) {
      const form = qm.getByRole("form", { name: new RegExp(`Record the report to ${name}`) });
      await form.locator('[name="reference"]').fill(ref);
      await form.locator('[name="submittedAt"]').fill(local(new Date(Date.now() - 3_600_000)));
      await form.getByRole("button", { name: "Record the report as submitted" }).click();
      await form.waitFor({ state: "detached" });
    }
    expect(await qm.getByTestId("vigilance-fda").textContent()).toContain("reference MW-2026-0101");
    await closeCase();
    await expect.poll(() => qm.getByTestId("vigilance-state").textContent()).toBe("closed");
    expect(await qm.getByTestId("vigilance-closed").textContent()).toContain('meaning "approved"');
    await expectAccessible(qm, "closed vigilance record");
    await shot(qm, "vigilance-closed");
    const open = (await quality("GET", "/api/quality/vigilance?open=true")) as { din: string }[];
    expect(open.some((c) => c.din === din)).toBe(false);
  });
});
