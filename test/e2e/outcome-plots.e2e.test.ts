/**
 * The outcome plots in the browser, on the demo program: each Kaplan–Meier curve ends at its group's last
 * observation (measured on the drawn path against the x axis), censoring is marked, the at-risk rows carry
 * their groups' names and the report's numbers; choosing a population and a grouping changes the test shown;
 * the researcher reads the same page on research-consented patients, with no identifier.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { OutcomesReport } from "../../src/outcomes/report-schemas.js";
import { CHROMIUM_AVAILABLE, shot, signIn, useApp } from "./server.js";

const app = useApp({ width: 1400, height: 1200 });
const SURVIVAL = 'figure[aria-label="Overall survival (Kaplan–Meier, 95% CI)"]';

/** Right ends of the drawn curves and the x position of given times, from the axis' own tick labels. */
async function geometry(page: Page, figure: string, times: number[]) {
  return page.locator(figure).evaluate((fig, ts) => {
    type Box = { getBBox: () => { x: number; width: number } };
    const centre = (e: unknown) => {
      const b = (e as unknown as Box).getBBox();
      return b.x + b.width / 2;
    };
    // The tick labels are centred on their times: two of them give the axis' scale.
    const ticks = [...fig.querySelectorAll(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")]
      .map((t) => ({ value: Number(t.textContent), x: centre(t) }))
      .filter((t) => Number.isFinite(t.value) && Number.isFinite(t.x));
    const first = ticks[0] ?? { value: 0, x: 0 };
    const lastTick = ticks[ticks.length - 1] ?? first;
    const px = (t: number) =>
      first.x + ((t - first.value) * (lastTick.x - first.x)) / (lastTick.value - first.value);
    const ends = [...fig.querySelectorAll("path.recharts-line-curve")].map((p) => {
      const box = (p as unknown as Box).getBBox();
      return box.x + box.width;
    });
    return { ends, expected: ts.map(px) };
  }, times);
}

describe.skipIf(!CHROMIUM_AVAILABLE)("the outcome plots", () => {
  it("curves end where follow-up ends, with censor marks, labelled at-risk rows and the chosen test", async () => {
    const page = await app.newPage();
    await signIn(page, app.server().url, "physician");
    const report = async (query: string) =>
      (await (
        await page.request.get(`${app.server().url}/api/outcomes/report?${query}`)
      ).json()) as OutcomesReport;
    await page.getByRole("link", { name: "Outcomes" }).click();
    await page.locator(SURVIVAL).waitFor();
    const all = await report("");
    const groups = Object.keys(all.survival.groups);
    expect(groups.length).toBeGreaterThan(1);

    // Each curve stops at its group's last observation, not at the axis' end.
    const last = groups.map((g) => {
      const steps = all.survival.groups[g] ?? [];
      return steps[steps.length - 1]?.time ?? 0;
    });
    const { ends, expected } = await geometry(page, SURVIVAL, last);
    expect(ends.length).toBe(groups.length);
    for (const [i, g] of groups.entries()) {
      expect(
        Math.abs((ends[i] as number) - (expected[i] as number)),
        `${g} ends at day ${last[i]}`,
      ).toBeLessThan(1.5);
    }
    expect(Math.min(...ends)).toBeLessThan(Math.max(...ends) - 10);

    // Censoring marked: one "+" per censoring time of each group, on its curve.
    for (const g of groups) {
      const censored = (all.survival.groups[g] ?? []).filter((s) => s.nCensor > 0).length;
      expect(await page.locator(`${SURVIVAL} path.censor-mark[data-group="${g}"]`).count(), g).toBe(censored);
    }
    expect(censoredTotal(all)).toBeGreaterThan(0);

    // The at-risk rows are labelled with the groups, and hold the report's n.risk at each tick.
    const rows = page.locator(`${SURVIVAL} table.at-risk tbody tr`);
    expect(await rows.locator("th").allTextContents()).toEqual(groups);
    const ticks = (await page.locator(`${SURVIVAL} table.at-risk thead th.num`).allTextContents()).map(
      Number,
    );
    expect(ticks[0]).toBe(0);
    for (const [i, g] of groups.entries()) {
      const steps = all.survival.groups[g] ?? [];
      const want = ticks.map((t) => String(steps.find((s) => s.time >= t)?.nRisk ?? 0));
      expect(await rows.nth(i).locator("td").allTextContents(), g).toEqual(want);
    }

    // The bands can be hidden (read on the whole program, where deaths give the curves their intervals).
    expect(await page.locator(`${SURVIVAL} .band`).count()).toBeGreaterThan(0);
    await page.locator(SURVIVAL).getByLabel("Show 95% confidence bands").uncheck();
    await expect.poll(() => page.locator(`${SURVIVAL} .band`).count()).toBe(0);
    await page.locator(SURVIVAL).getByLabel("Show 95% confidence bands").check();

    // No test across protocols; one protocol's test is shown once it is chosen.
    const logrank = page.getByTestId("logrank");
    expect(await logrank.textContent()).toContain("no test across populations");
    await page.locator('select[name="population"]').selectOption("protocol:hie-autologous-cord-blood");
    await expect.poll(() => logrank.textContent()).not.toContain("no test across populations");
    const hie = await report("protocol=hie-autologous-cord-blood");
    expect(await logrank.textContent()).toContain(hie.comparison.survival.reason ?? "χ²");
    expect(await logrank.textContent()).toContain("hie-autologous-cord-blood");
    await page.locator('select[name="groupBy"]').selectOption("donor-type");
    await expect.poll(() => logrank.textContent()).toContain("autologous");

    await shot(page, "outcome-plots");
  }, 180_000);

  it("the researcher reads the statistics of research-consented patients, with no identifier", async () => {
    const page = await app.newPage();
    await signIn(page, app.server().url, "researcher");
    await page.getByRole("link", { name: "Outcomes" }).click();
    await page.getByTestId("population").waitFor();
    expect(await page.getByTestId("population").textContent()).toContain("with a research consent in force");
    const text = (await page.locator("main").textContent()) ?? (await page.content());
    expect(text).not.toMatch(/DEMO-(HIE|TX|KRB|BPD)-\d{4}/);
    const r = await page.request.get(`${app.server().url}/api/outcomes/report`);
    expect(r.status()).toBe(200);
    const body = await r.text();
    expect(body).not.toMatch(/DEMO-(HIE|TX|KRB|BPD)-\d{4}|Baby|Okafor/);
    expect((JSON.parse(body) as OutcomesReport).comparison.population.cohort).toBe("research-consented");
    await shot(page, "outcome-plots-researcher");
  }, 120_000);
});

function censoredTotal(r: OutcomesReport): number {
  return Object.values(r.survival.groups).reduce(
    (n, steps) => n + steps.filter((s) => s.nCensor > 0).length,
    0,
  );
}
