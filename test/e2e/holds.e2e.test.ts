/**
 * The quality manager's journey in Debian's Chromium (issue 14): a released cord unit divided in two, then
 * a positive sterility culture on one division; both divisions go on hold at once, the coordinator can no
 * longer reserve either, the dashboard lists them, and only the quality manager's signed disposition lifts
 * each hold (one discarded, one returned to quarantine).
 */
import { describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.js";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, apiAs, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });

describe.skipIf(!CHROMIUM_AVAILABLE)("a positive result after release", () => {
  it("holds the unit and its sibling, and only a signed disposition lifts each hold", async () => {
    const lab = await apiAs(app, "lab");
    const quality = await apiAs(app, "quality");
    const now = () => new Date().toISOString();
    const product = await lab("POST", "/api/products", {
      fin: "W9999",
      source: "cord-blood",
      donorId: "E2E-HOLD-DONOR",
      motherId: "E2E-HOLD-MOTHER",
      consentRef: "CB-CONSENT v3",
      collectedAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
      site: "Cradle NICU",
      volumeMl: 80,
      productCode: "S9002100",
      aboRhD: "O+",
      expiresAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
      storageTemperature: "refrigerated",
    });
    const din = product.din as string;
    await lab("POST", `/api/products/${din}/processing`, {
      step: "volume-reduction",
      performedAt: now(),
      volumeBeforeMl: 80,
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
    const [a, b] = (await lab("POST", `/api/products/${din}/divide`, { volumesMl: [10, 10] })) as {
      code: string;
    }[];
    for (const d of [a, b]) {
      await quality("POST", `/api/products/${din}/release?product=${d?.code}`, { password: DEMO_PASSWORD });
    }
    // The culture of division A turns positive after release. The lab records it on the product page: the
    // server will not let it silently contradict the earlier negative, and the form asks what it is.
    const labPage = await app.newPage();
    await signIn(labPage, app.server().url, "lab");
    await labPage.goto(`${app.server().url}/products/${din}?product=${a?.code}`);
    const qc = labPage.getByRole("form", { name: "Record a QC result" });
    await qc.locator('[name="test"]').selectOption("sterility");
    await qc.locator('[name="stage"]').selectOption("post-processing");
    await qc.locator('[name="result"]').fill("positive");
    await qc.getByRole("button", { name: "Record" }).click();
    await qc.locator('[name="retest"]').waitFor();
    expect(await qc.getByRole("alert").textContent()).toMatch(/contradicts|earlier/i);
    // What the lab typed is kept.
    expect(await qc.locator('[name="result"]').inputValue()).toBe("positive");
    await qc.locator('[name="retest"]').selectOption("confirmatory");
    await qc.locator('[name="reason"]').fill("aerobic bottle flagged positive at 38 h");
    await expectAccessible(labPage, "QC result contradicting an earlier one");
    await shot(labPage, "qc-contradicting-result");
    await qc.getByRole("button", { name: "Record" }).click();
    await labPage.getByRole("heading", { name: "On hold: do not reserve, ship or give" }).waitFor();
    await labPage.close();

    // The coordinator sees the sibling on hold and is not offered to reserve it.
    const coordinator = await app.newPage();
    await signIn(coordinator, app.server().url, "coordinator");
    await coordinator.goto(`${app.server().url}/products/${din}?product=${b?.code}`);
    await coordinator.getByRole("heading", { name: "On hold: do not reserve, ship or give" }).waitFor();
    expect(await coordinator.getByRole("button", { name: /Reserve/ }).count()).toBe(0);
    expect(await coordinator.getByRole("button", { name: /Sign a disposition/ }).count()).toBe(0);
    await expectAccessible(coordinator, "held product, coordinator");
    await shot(coordinator, "hold-sibling-coordinator");

    // The quality manager: the dashboard lists both, each product page offers the signed disposition.
    const qm = await app.newPage();
    await signIn(qm, app.server().url, "quality");
    await qm.getByRole("heading", { name: /Products on hold/ }).waitFor();
    const listed = (await qm.locator(".holds").textContent()) ?? "";
    expect(listed).toContain(`${din}:${a?.code}`);
    expect(listed).toContain(`${din}:${b?.code}`);
    await shot(qm, "holds-dashboard");

    const dispose = async (code: string, decision: string, reason: string) => {
      await qm.goto(`${app.server().url}/products/${din}?product=${code}`);
      await qm.getByRole("button", { name: "Sign a disposition…" }).click();
      const dialog = qm.getByRole("dialog");
      await dialog.locator('[name="decision"]').selectOption(decision);
      await dialog.locator('[name="reason"]').fill(reason);
      await dialog.locator('[name="password"]').fill(DEMO_PASSWORD);
      await dialog.getByRole("button", { name: "Sign the disposition" }).click();
    };
    // Too short a justification is refused and says so; the hold stays.
    await dispose(a?.code as string, "discard", "contaminated");
    await expect.poll(() => qm.getByRole("dialog").getByRole("alert").textContent()).toMatch(/20/);
    await expectAccessible(qm, "disposition dialog with a refusal");
    await shot(qm, "disposition-refused");
    await qm.keyboard.press("Escape");
    await dispose(
      a?.code as string,
      "discard",
      "confirmed positive culture: contaminated, discard the division",
    );
    await expect.poll(() => qm.locator(".status").first().textContent()).toBe("discarded");
    expect(await qm.getByRole("heading", { name: /On hold/ }).count()).toBe(0);
    await dispose(
      b?.code as string,
      "quarantine",
      "sibling of a contaminated division: back to quarantine for retest",
    );
    await expect.poll(() => qm.locator(".status").first().textContent()).toBe("quarantine");
    expect(await qm.getByRole("heading", { name: /On hold/ }).count()).toBe(0);
    await shot(qm, "disposition-signed");

    const audit = await quality("GET", "/api/audit?limit=200&offset=0");
    const actions = (audit.items as { action: string }[]).map((e) => e.action);
    expect(actions.filter((x) => x === "product.hold")).toHaveLength(2);
    expect(actions.filter((x) => x === "product.hold.disposition")).toHaveLength(2);
  });
});
