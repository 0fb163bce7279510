/**
 * The quality manager's recall in Debian's Chromium (issue 18): a DMSO lot received by the lab and accepted
 * by quality on the Materials page is used to cryopreserve a cord unit, which is released; the supplier then
 * reports the lot contaminated. The quality manager looks back from the lot on the Recalls page, finds the
 * unit, opens the recall (the unit goes on hold at once), cannot close it while its action is open, signs
 * the unit's disposition, closes the action, and closes the recall with a signature. Axe on each page.
 */
import { describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.js";
import { CHROMIUM_AVAILABLE, DEMO_PASSWORD, apiAs, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });

describe.skipIf(!CHROMIUM_AVAILABLE)("a recall from a contaminated lot", () => {
  it("finds the unit processed with the lot, holds it, and closes only when every action is closed", async () => {
    const lab = await apiAs(app, "lab");
    const quality = await apiAs(app, "quality");
    const now = () => new Date().toISOString();
    const lot = await lab("POST", "/api/materials/lots", {
      kind: "cryoprotectant",
      material: "DMSO 55% / Dextran 40 5%",
      supplier: "CryoSure",
      lotNumber: "E2E-DMSO-1",
      expiresOn: "2099-12-31",
      receivedAt: now(),
    });

    // Quality accepts the lot on the Materials page.
    const qm = await app.newPage();
    await signIn(qm, app.server().url, "quality");
    await qm.getByRole("link", { name: "Materials" }).click();
    await qm.getByRole("heading", { name: "Materials and equipment" }).waitFor();
    const decide = qm.getByRole("form", { name: "Accept or reject a lot" });
    await decide.locator('[name="id"]').selectOption("E2E-DMSO-1");
    await decide.locator('[name="decision"]').selectOption("accepted");
    await decide.locator('[name="reason"]').fill("certificate of analysis checked");
    await decide.getByRole("button", { name: "Record the decision" }).click();
    await expect
      .poll(() => qm.locator('tr[data-lot="E2E-DMSO-1"] [data-testid="acceptance"]').textContent())
      .toBe("accepted");
    await shot(qm, "materials-lot-accepted");

    // The lab's steps: a cord unit cryopreserved with the lot, tested, released by quality.
    const product = await lab("POST", "/api/products", {
      fin: "W9999",
      source: "cord-blood",
      donorId: "E2E-RECALL-DONOR",
      motherId: "E2E-RECALL-MOTHER",
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
      lotIds: [lot.id],
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
    await quality("POST", `/api/products/${din}/release`, { password: DEMO_PASSWORD });

    // The supplier reports the lot contaminated: look back from it.
    await qm.getByRole("link", { name: "Recalls" }).click();
    await qm.getByRole("heading", { name: "Look-back and recalls" }).waitFor();
    const look = qm.getByRole("form", { name: "Look back" });
    await look.locator('[name="origin"]').selectOption("lot");
    await look.locator('[name="ref"]').fill("E2E-DMSO-1");
    await look.getByRole("button", { name: "Look back" }).click();
    const found = qm.getByRole("table", { name: "Products found" });
    await found.waitFor();
    expect(await found.locator("tbody tr").count()).toBe(1);
    expect(await found.textContent()).toContain(din);
    await expectAccessible(qm, "look-back answer");
    const open = qm.getByRole("form", { name: "Open a recall" });
    await open.locator('[name="reason"]').fill("supplier reports Bacillus contamination of lot E2E-DMSO-1");
    await open.getByRole("button", { name: "Open the recall and hold the products" }).click();
    await qm.getByRole("heading", { name: "Recall", exact: true }).waitFor();
    await expect.poll(() => qm.getByTestId("recall-state").textContent()).toBe("open");
    const recallUrl = qm.url();
    const recallId = recallUrl.split("/").at(-1) as string;
    // Held at once: the product's record shows the hold.
    const record = await quality("GET", `/api/products/${din}`);
    expect((record.holds as { source: string }[]).map((h) => h.source)).toEqual(["recall"]);
    // With its action open, the recall is not offered to close, and the server refuses.
    expect(await qm.getByRole("button", { name: "Close the recall…" }).count()).toBe(0);
    await shot(qm, "recall-open");

    // The hold action closes only after the signed disposition.
    const close = qm.getByRole("form", { name: "Close action 1" });
    await close.locator('[name="outcome"]').fill("unit held in quarantine");
    await close.getByRole("button", { name: "Close the action" }).click();
    await expect.poll(() => close.getByRole("alert").textContent()).toMatch(/disposition/);
    await expectAccessible(qm, "recall action refused");
    await quality("POST", `/api/products/${din}/disposition`, {
      decision: "discard",
      reason: "recalled: cryopreserved with contaminated DMSO lot E2E-DMSO-1",
      password: DEMO_PASSWORD,
    });
    await qm.reload();
    await qm
      .getByRole("form", { name: "Close action 1" })
      .locator('[name="outcome"]')
      .fill("unit discarded by signed disposition");
    await qm
      .getByRole("form", { name: "Close action 1" })
      .getByRole("button", { name: "Close the action" })
      .click();
    await expect
      .poll(() => qm.locator('tr[data-action="1"] [data-testid="action-state"]').textContent())
      .toBe("closed");

    // Every action closed: the quality manager signs the close.
    await qm.getByRole("button", { name: "Close the recall…" }).click();
    const dialog = qm.getByRole("dialog");
    await dialog.locator('[name="note"]').fill("the only unit discarded; no unit left the bank");
    await dialog.locator('[name="password"]').fill(DEMO_PASSWORD);
    await expectAccessible(qm, "close recall dialog");
    await dialog.getByRole("button", { name: "Sign and close" }).click();
    await expect.poll(() => qm.getByTestId("recall-state").textContent()).toBe("closed");
    expect(await qm.getByTestId("recall-signature").textContent()).toContain('"approved"');
    await shot(qm, "recall-closed");
    const closed = await quality("GET", `/api/recalls/${recallId}`);
    expect(closed.recall.state).toBe("closed");
    await qm.close();
  });
});
