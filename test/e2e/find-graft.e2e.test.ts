/**
 * The coordinator's search from a patient's record in Debian's Chromium (issue 14): Find a graft opens with
 * the baby's typing, weight and antibodies filled in from the record; the results count over typed loci and
 * show CD34+/kg and the match category in the row; the search is kept as a report on the record, which
 * reads back as it ranked, prints without the app's menus, and downloads as CSV.
 */
import { describe, expect, it } from "vitest";
import { CHROMIUM_AVAILABLE, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1000 });
const MRN = "DEMO-KRB-0001";

describe.skipIf(!CHROMIUM_AVAILABLE)("find a graft from a patient's record", () => {
  it("searches with the record's data, keeps the report on the record, and exports it", async () => {
    const url = app.server().url;
    const page = await app.newPage();
    await signIn(page, url, "coordinator");
    await page.goto(`${url}/patients/${MRN}`);
    await page.getByRole("heading", { name: "Graft searches" }).waitFor();
    await expect.poll(() => page.getByText("No search kept on this record.").count()).toBe(1);
    await page.getByRole("link", { name: "Find a graft for this baby" }).click();

    // The record's typing and weight are in the form; the page says whose search it is.
    await page.getByText("Searching for Haddad, Baby").waitFor();
    const typing = page.getByLabel("Patient HLA (GL string)");
    await expect.poll(() => typing.inputValue()).toMatch(/^A\*\d\d:\d\d/);
    expect(await page.getByLabel("Weight (g)").inputValue()).toMatch(/^\d{4}$/);
    await page.getByRole("button", { name: "Search", exact: true }).click();

    const results = page.locator("table.results");
    await results.waitFor();
    // CD34+/kg has its own column, and every row names its WMDA category in words.
    await expect.poll(() => results.getByRole("columnheader", { name: "CD34+/kg" }).count()).toBe(1);
    const firstMatch = (await results.locator("tbody tr").first().locator("td").nth(7).textContent()) ?? "";
    expect(firstMatch).toMatch(/^\d\/\d+( typed)?/);
    expect(firstMatch).toMatch(/match|mismatch/);
    await expect.poll(() => page.getByText(/by allele mismatches at the typed loci/).count()).toBe(1);
    await shot(page, "find-graft-from-record");

    await page.getByLabel("Note for the report").fill("first search, e2e");
    await page.getByRole("button", { name: "Keep as a search report" }).click();
    await page.getByRole("heading", { name: "Search report" }).waitFor();
    await expect.poll(() => page.getByText("Note: first search, e2e").count()).toBe(1);
    await expect.poll(() => page.getByText(/IMGT\/HLA 3\.58\.0/).count()).toBe(1);
    const reportRows = page.locator("table.results tbody tr");
    expect(await reportRows.count()).toBeGreaterThan(0);
    await shot(page, "search-report");

    // Printed, the report stands alone: no navigation, no buttons.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Pages" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });

    // The CSV has the header and one line per ranked row.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await (await download).path();
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^report,patient_mrn,run_at,run_by,kind,imgt_hla,mac,rank,id,/);
    expect(lines.length).toBe((await reportRows.count()) + 1);

    // The record lists the report, linked.
    await page.getByRole("link", { name: MRN }).first().click();
    await page.getByRole("heading", { name: "Graft searches" }).waitFor();
    await expect.poll(() => page.locator("table").filter({ hasText: "first search, e2e" }).count()).toBe(1);
  });
});
