/**
 * Storage and plausible QC values in Debian's Chromium (issue 14): a lab technologist defines a tank, a
 * rack and a 2 × 2 box; stores a product by picking a free slot of the box's grid; tries that slot again
 * for a second product, typed in lower case, and sees the server's refusal on the field; moves the first
 * product; then records an implausible TNC (1.2×10^11 cells, two digits too many for a cord unit, whose
 * plausible range is 1×10^8 to 5×10^9), sees the refusal, and confirms the value with a reason.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM_AVAILABLE, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });

async function register(page: Page, donor: string): Promise<string> {
  await page.goto(`${app.server().url}/register`);
  await page.getByLabel("Facility (FIN) to allocate a DIN").fill("W9999");
  await page.getByLabel("Donor (local id, never a name)").fill(donor);
  await page.getByLabel("Mother (cord blood)").fill(`M-${donor}`);
  await page.getByLabel("Consent reference").fill(`C-${donor}`);
  await page.getByLabel("Collection site").fill("St Mary Maternity");
  await page.getByLabel("Volume (mL)").fill("85");
  await page.getByLabel("Product code").fill("S9001V00");
  await page.getByLabel("ABO/RhD").fill("O+");
  await page.getByLabel("Collected at").fill(new Date(Date.now() - 6 * 3600_000).toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Register" }).click();
  await page.waitForURL(/\/products\/W9999/, { timeout: 10_000 });
  return page.url().split("/products/")[1] as string;
}

/** Chooses device, rack and box in a step's picker; the box's grid appears. */
async function chooseBox(page: Page, form: string) {
  const f = page.getByRole("form", { name: form });
  await f.getByLabel("Device").selectOption("E2E-LN2");
  await f.getByLabel("Rack").selectOption("R1");
  await f.getByLabel("Box").selectOption("B1");
  await f.getByRole("table", { name: "Box E2E-LN2/R1/B1" }).waitFor();
  return f;
}

describe.skipIf(!CHROMIUM_AVAILABLE)("storage and plausible QC values", () => {
  it("defines a box, stores by picking a slot, is refused the occupied slot, moves; confirms an implausible value", async () => {
    const page = await app.newPage();
    await signIn(page, app.server().url, "lab");
    await page.getByRole("link", { name: "Storage" }).click();
    await page.getByRole("heading", { name: "Storage", exact: true }).waitFor();

    const device = page.getByRole("form", { name: "Add a device" });
    await device.getByLabel("Name").fill("e2e-ln2");
    await device.getByLabel("Kind").selectOption("ln2-tank");
    await device.getByLabel("Keeps").selectOption("cryopreserved");
    await device.getByRole("button", { name: "Add device" }).click();
    await device.getByText("device E2E-LN2 defined").waitFor();
    const rack = page.getByRole("form", { name: "Add a rack" });
    await rack.getByLabel("Device").selectOption("E2E-LN2");
    await rack.getByLabel("Name").fill("r1");
    await rack.getByRole("button", { name: "Add rack" }).click();
    await rack.getByText("rack R1 defined").waitFor();
    const box = page.getByRole("form", { name: "Add a box" });
    // A zero-row grid is refused, and the refusal is shown on the field.
    await box.getByLabel("Device").selectOption("E2E-LN2");
    await box.getByLabel("Rack").selectOption("R1");
    await box.getByLabel("Name").fill("b1");
    await box.getByLabel("Rows").fill("0");
    await box.getByLabel("Columns").fill("2");
    await box.getByRole("button", { name: "Add box" }).click();
    await expect.poll(() => box.getByRole("alert").textContent()).toContain("INVALID_INPUT");
    await box.getByLabel("Rows").fill("2");
    await box.getByRole("button", { name: "Add box" }).click();
    await box.getByText("box B1 defined").waitFor();
    const row = page.locator('tr[data-box="E2E-LN2/R1/B1"]');
    await expect.poll(() => row.getByTestId("occupancy").textContent()).toBe("0 of 4");

    // The first product goes into A1, picked from the grid.
    const first = await register(page, "E2E-STORE-1");
    let store = await chooseBox(page, "Store");
    await store.getByRole("button", { name: "Slot A1" }).click();
    expect(await store.locator('input[name="location"]').inputValue()).toBe("E2E-LN2/R1/B1/A1");
    await store.getByRole("button", { name: "Store", exact: true }).click();
    // Stored, the product offers Move instead of Store.
    await page.getByRole("form", { name: "Move" }).waitFor();
    await shot(page, "storage-stored");

    // The second product, typed into the same slot in lower case: the server reads it as A1 and refuses.
    await register(page, "E2E-STORE-2");
    store = page.getByRole("form", { name: "Store" });
    await store.locator('input[name="location"]').fill("e2e-ln2/r1/b1/a1");
    await store.getByRole("button", { name: "Store", exact: true }).click();
    await expect.poll(() => store.getByRole("alert").textContent()).toContain("STORAGE_POSITION_OCCUPIED");
    await expect
      .poll(() => store.locator(".mantine-TextInput-error").textContent())
      .toContain("E2E-LN2/R1/B1/A1");
    // What the user typed stays in the field.
    expect(await store.locator('input[name="location"]').inputValue()).toBe("e2e-ln2/r1/b1/a1");
    await shot(page, "storage-occupied");

    // The first product moves to B2, picked from the grid; A1 shows as occupied no more.
    await page.goto(`${app.server().url}/products/${first}`);
    const move = await chooseBox(page, "Move");
    expect(await move.locator('td[data-position="A1"]').getAttribute("data-state")).toBe("occupied");
    await move.getByRole("button", { name: "Slot B2" }).click();
    await move.getByLabel("Reason").fill("box re-sorted");
    await move.getByRole("button", { name: "Move", exact: true }).click();
    await move.getByText("Move: E2E-LN2/R1/B1/B2").waitFor();

    await page.getByRole("link", { name: "Storage" }).click();
    await expect.poll(() => row.getByTestId("occupancy").textContent()).toBe("1 of 4");
    await row.getByRole("button", { name: "Show grid" }).click();
    const grid = page.getByRole("table", { name: "Box E2E-LN2/R1/B1" });
    await expect.poll(() => grid.locator('td[data-position="B2"]').textContent()).toContain(first);
    await shot(page, "storage-grid");

    // An implausible TNC: refused with the range, then confirmed with a reason.
    await page.goto(`${app.server().url}/products/${first}`);
    const qc = page.getByRole("form", { name: "Record a QC result" });
    await qc.locator('select[name="test"]').selectOption("tnc");
    await qc.locator('select[name="stage"]').selectOption("post-processing");
    await qc.locator('input[name="value"]').fill("120000000000");
    await qc.getByRole("button", { name: "Record" }).click();
    await expect.poll(() => qc.getByRole("alert").textContent()).toContain("QC_VALUE_IMPLAUSIBLE");
    await expect.poll(() => qc.getByRole("alert").textContent()).toContain("100000000 to 5000000000");
    expect(await qc.locator('input[name="value"]').inputValue()).toBe("120000000000");
    // A confirmation without its reason is refused too; the typed value is still there.
    await qc.getByLabel("I confirm the value is correct").check();
    await qc.getByRole("button", { name: "Record" }).click();
    await expect.poll(() => qc.getByRole("alert").textContent()).toContain("Why the value is right");
    expect(await qc.locator('input[name="value"]').inputValue()).toBe("120000000000");
    await qc.getByLabel("Why the value is right").fill("recounted on the second analyser");
    await qc.getByRole("button", { name: "Record" }).click();
    await qc.getByText("Record a QC result: done").waitFor();
    await expect
      .poll(() => page.getByTestId("qc-confirmed").textContent())
      .toContain("confirmed: recounted on the second analyser");
    await shot(page, "qc-confirmed");
    await page.close();
  });
});
