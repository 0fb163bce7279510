/**
 * Match probabilities in Find a graft, in Debian's Chromium (issue 17): the quality manager imports the CAU
 * frequency set of ../shared over the API, makes it the registry default and has the listings imputed; the
 * coordinator searches adult donors sorted by P(8/8): the page says which population it used and the
 * unrepresented share, shows P(8/8), P(7/8) and P(≤1) in columns, and the P(8/8) column runs down. The
 * coordinator then sets the site's ranking weights on Reference data (a value out of range refused on its
 * field first) and a search names each hit's grade and confidence scores in its reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SHARED } from "../support/shared.js";
import { expectAccessible } from "./axe.js";
import { CHROMIUM_AVAILABLE, apiAs, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1600, height: 1000 });
const TYPING = "A*01:01+A*02:01^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01^DQB1*02:01+DQB1*03:02";

describe.skipIf(!CHROMIUM_AVAILABLE)("match probabilities in Find a graft", () => {
  it("shows P(8/8) with the population used, and sorts by it", async () => {
    const quality = await apiAs(app, "quality");
    const csv = gunzipSync(
      readFileSync(join(SHARED, "data", "haplotype-frequencies", "CAU.freqs.gz")),
    ).toString("utf8");
    await quality("POST", "/api/frequency-sets", {
      population: "CAU",
      version: "e2e",
      source: "shared CAU",
      csv,
    });
    await quality("PUT", "/api/population-choices", { scope: "default", population: "CAU" });
    const imputed = await quality("POST", "/api/listing-imputations", {});
    expect(imputed.imputed).toBeGreaterThan(0);

    const url = app.server().url;
    const page = await app.newPage();
    await signIn(page, url, "coordinator");
    await page.goto(`${url}/find-graft`);
    await page.getByLabel("Patient HLA (GL string)").fill(TYPING);
    await page.locator('select[name="kind"]').selectOption("adult");
    await page.getByLabel("Sort by").selectOption("p8");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.locator("table.results");
    await results.waitFor();
    await expect.poll(() => results.getByRole("columnheader", { name: "P(8/8)" }).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId("population-used").textContent())
      .toMatch(/^Population used: CAU/);
    const p8 = (await results.getByTestId("p8").allTextContents()).map((t) => Number.parseFloat(t));
    expect(p8.length).toBeGreaterThan(1);
    for (let i = 1; i < p8.length; i++) expect(p8[i]).toBeLessThanOrEqual(p8[i - 1] as number);
    const reason = (await results.locator("tbody tr").first().textContent()) ?? "";
    expect(reason).toMatch(/P\(8\/8\) \d\.\d{3}; /);
    await expectAccessible(page, "find a graft sorted by P(8/8)");
    await shot(page, "find-graft-probability");

    // Reference data shows the imported set and the populations used; the coordinator chooses the global
    // fallback there and redoes stale imputations (none: the listings were imputed under CAU already).
    await page.getByRole("link", { name: "Reference data" }).click();
    const sets = page.getByRole("table", { name: "Frequency sets" });
    const cau = sets.locator('tr[data-population="CAU"]');
    await expect.poll(() => cau.textContent()).toContain("shared CAU");
    const choices = page.getByRole("table", { name: "Population choices" });
    expect(await choices.textContent()).toContain("registry default");
    const choose = page.getByRole("form", { name: "Choose a population" });
    await choose.locator('[name="scope"]').selectOption("global");
    await choose.locator('[name="population"]').selectOption("CAU");
    await choose.getByRole("button", { name: "Choose" }).click();
    await expect.poll(() => choices.textContent()).toContain("global fallback");
    const redo = page.getByRole("form", { name: "Imputations" });
    await redo.getByRole("button", { name: "Redo stale imputations" }).click();
    await expect.poll(() => redo.textContent()).toMatch(/Imputed 0 listings/);
    await expectAccessible(page, "reference data with frequency sets");
    await shot(page, "reference-frequency-sets");

    // A physician reads the sets but is offered no choice.
    const physician = await app.newPage();
    await signIn(physician, url, "physician");
    await physician.goto(`${url}/reference`);
    await physician.getByRole("table", { name: "Frequency sets" }).waitFor();
    expect(await physician.getByRole("form", { name: "Choose a population" }).count()).toBe(0);
  });

  it("sets the ranking weights with a reason, refusing a value out of range, and ranks by them", async () => {
    const url = app.server().url;
    const page = await app.newPage();
    await signIn(page, url, "coordinator");
    await page.goto(`${url}/reference`);
    const form = page.getByRole("form", { name: "Change the ranking weights" });
    const weight = (name: string) => form.locator(`[name="${name}"]`).inputValue();
    await expect.poll(() => weight("grade.Mismatch")).toBe("0");
    expect(await page.getByText("Every weight is 0").count()).toBe(1);
    await form.locator('[name="grade.Mismatch"]').fill("-11");
    await form.locator('[name="reason"]').fill("prefer high-resolution typings (SOP 12)");
    await form.getByRole("button", { name: "Save the weights" }).click();
    // Refused naming the weight; nothing saved. A number written otherwise than as a whole one, too.
    await expect.poll(() => form.textContent()).toContain("Grade Mismatch: -11 is outside -10 to 10");
    await form.locator('[name="grade.Mismatch"]').fill("0x5");
    await form.getByRole("button", { name: "Save the weights" }).click();
    await expect.poll(() => form.textContent()).toContain('Grade Mismatch: "0x5" is not a whole number');
    expect(await page.getByText("Every weight is 0").count()).toBe(1);
    await form.locator('[name="grade.Mismatch"]').fill("-5");
    await form.locator('[name="confidence.exact"]').fill("3");
    await form.getByRole("button", { name: "Save the weights" }).click();
    await expect.poll(() => page.getByText(/^In use:/).count()).toBe(1);
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /^Saved/ })
          .count(),
      )
      .toBe(1);
    // Another manager changes a weight meanwhile: this page's next save is refused, not laid over it.
    const quality = await apiAs(app, "quality");
    const view = await quality("GET", "/api/ranking-weights");
    await quality("PUT", "/api/ranking-weights", {
      grade: { Protein: 4 },
      reason: "committee decision",
      basedOn: view.updatedAt,
    });
    await form.locator('[name="grade.GGroup"]').fill("2");
    await form.locator('[name="reason"]').fill("G groups too");
    await form.getByRole("button", { name: "Save the weights" }).click();
    await expect.poll(() => form.textContent()).toMatch(/changed .* by quality/);
    // Kept: read back after a reload.
    await page.reload();
    await expect.poll(() => weight("grade.Mismatch")).toBe("-5");
    expect(await weight("confidence.exact")).toBe("3");
    expect(await weight("grade.Protein")).toBe("4");
    expect(await weight("grade.GGroup")).toBe("0");
    await expectAccessible(page, "reference data with ranking weights");
    await shot(page, "reference-ranking-weights");

    await page.goto(`${url}/find-graft`);
    await page.getByLabel("Patient HLA (GL string)").fill(TYPING);
    await page.locator('select[name="kind"]').selectOption("adult");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.locator("table.results");
    await results.waitFor();
    await expect
      .poll(() => results.locator("tbody tr").first().textContent())
      .toMatch(/grade score -?\d+, confidence score -?\d+/);
    await shot(page, "find-graft-ranking-weights");

    // A physician sees the weights and cannot change them.
    const physician = await app.newPage();
    await signIn(physician, url, "physician");
    await physician.goto(`${url}/reference`);
    const table = physician.getByRole("table", { name: "Ranking weights" });
    await expect.poll(() => table.locator('tr[data-weight="grade.Mismatch"]').textContent()).toContain("-5");
    expect(await table.locator('tr[data-weight="confidence.exact"]').textContent()).toContain("3");
    expect(await physician.getByRole("form", { name: "Change the ranking weights" }).count()).toBe(0);
  });
});
