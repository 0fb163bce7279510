/**
 * The audit trail and label prints in Debian's Chromium (issue 14): a lab technologist prints a released
 * product's label, is refused a reprint without a reason (the server's message shown) and reprints with
 * one; the quality manager filters the audit page by kind and time, sees the reprint with its reason, the
 * filters in the address, and downloads the same view as CSV.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHROMIUM_AVAILABLE, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });
const REASON = "label smudged in the freezer e2e";

describe.skipIf(!CHROMIUM_AVAILABLE)("audit trail and label prints", () => {
  it("prints a label, refuses a reprint without a reason, then the quality manager finds it and exports CSV", async () => {
    const url = app.server().url;
    const started = new Date(Date.now() - 60_000);

    const lab = await app.newPage();
    await signIn(lab, url, "lab");
    await lab.goto(`${url}/inventory?status=available`);
    await lab.locator("table.list tbody tr a").first().click();
    await lab.getByRole("heading", { name: "Label prints" }).waitFor();
    await lab.getByRole("button", { name: "Print label" }).click();
    const dialog = lab.getByRole("dialog");
    const tab = lab.context().waitForEvent("page");
    await dialog.getByRole("button", { name: "Print", exact: true }).click();
    // A released product gets its final label; the server says so and the PDF opens in a tab.
    await expect.poll(() => dialog.getByTestId("printed").textContent()).toContain("final label, copy 1");
    await (await tab).close();
    await dialog.getByRole("button", { name: "Close", exact: true }).click();

    await lab.getByRole("button", { name: "Reprint label" }).click();
    const again = lab.getByRole("dialog");
    await again.getByText("this is a reprint and needs a reason").waitFor();
    await again.getByRole("button", { name: "Reprint", exact: true }).click();
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("reprint");
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("INVALID_INPUT");
    await again.getByLabel("Reason for the reprint").fill(REASON);
    const tab2 = lab.context().waitForEvent("page");
    await again.getByRole("button", { name: "Reprint", exact: true }).click();
    await expect.poll(() => again.getByTestId("printed").textContent()).toContain("copy 2");
    await (await tab2).close();
    await again.getByRole("button", { name: "Close", exact: true }).click();
    const prints = lab.locator("table.label-prints tbody tr");
    await expect.poll(() => prints.count()).toBe(2);
    expect(await prints.nth(1).textContent()).toContain(REASON);
    await shot(lab, "label-reprinted");

    const qm = await app.newPage();
    await signIn(qm, url, "quality");
    await qm.getByRole("link", { name: "Audit" }).click();
    await qm.getByRole("heading", { name: "Audit trail" }).waitFor();
    const filters = qm.getByRole("form", { name: "Filter the audit trail" });
    await filters.getByLabel("Kind", { exact: true }).fill("label.reprint");
    await qm.getByRole("option", { name: "label.reprint", exact: true }).click();
    // The browser's own clock: a minute before the test began, as the datetime field takes it.
    const two = (n: number) => String(n).padStart(2, "0");
    const local = `${started.getFullYear()}-${two(started.getMonth() + 1)}-${two(started.getDate())}T${two(started.getHours())}:${two(started.getMinutes())}`;
    await filters.getByLabel(/^From/).fill(local);
    await filters.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => new URL(qm.url()).searchParams.get("kind")).toBe("label.reprint");
    const from = new URL(qm.url()).searchParams.get("from") ?? "";
    expect(Date.parse(from)).toBe(new Date(local).getTime());
    const rows = qm.locator("table.audit tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? "";
    expect(row).toContain("label.reprint");
    expect(row).toContain("lab");
    expect(row).toContain(REASON);
    await shot(qm, "audit-filtered");

    const download = qm.waitForEvent("download");
    await qm.getByTestId("export-csv").click();
    const file = await (await download).path();
    const csv = readFileSync(file, "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("seq,at,actor,action,entityType,entityId,reason,before,after,hash");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",lab,label.reprint,product,");
    expect(lines[1]).toContain(REASON);
    for (const p of [lab, qm]) await p.close();
  });
});
