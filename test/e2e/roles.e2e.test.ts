/**
 * Every role at 768 px (a tablet on the ward): each demo user and the admin sign in, open every page their
 * navigation offers, and each page loads without a refusal and passes axe; an unknown address shows the
 * not-found page; and the navigation works by keyboard (Tab reaches the burger and the links, Enter opens
 * one). A screenshot of each page is kept, numbered, in test-results/screenshots/768-<user>/.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../src/seeds/demo.js";
import { ADMIN_PASSWORD, CHROMIUM_AVAILABLE, DEMO_PASSWORD, signIn, useApp } from "./server.js";
import { journey } from "./steps.js";

const app = useApp({ width: 768, height: 1024 });

const USERS = [{ username: "admin", password: ADMIN_PASSWORD }].concat(
  DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD })),
);

/** The page has drawn: its h1 is there and nothing is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator("main h1").first().waitFor();
  await expect.poll(() => page.locator("main .loading").count(), { timeout: 15_000 }).toBe(0);
}

/** The navigation's links (the folded navbar is inert, but its links are in the page). */
async function navLinks(page: Page): Promise<{ name: string; href: string }[]> {
  return page
    .locator("nav#navigation a")
    .evaluateAll((as) =>
      as.map((a) => ({ name: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })),
    );
}

describe.skipIf(!CHROMIUM_AVAILABLE)("every role at 768 px", () => {
  for (const { username, password } of USERS) {
    it(`${username}: every page of the navigation opens, passes axe, and is reached by keyboard`, async () => {
      const page = await app.newPage();
      const url = app.server().url;
      const step = journey(`768 ${username}`);
      await signIn(page, url, username, password);
      await settled(page);
      const links = await navLinks(page);
      expect(links.length, "the navigation offers pages").toBeGreaterThan(1);
      expect(links[0]?.name).toBe("Dashboard");

      for (const { name, href } of links) {
        await page.goto(`${url}${href}`);
        await settled(page);
        // A link the navigation offers never answers FORBIDDEN.
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text, `${username} → ${name}`).not.toContain("FORBIDDEN");
        await step(page, name);
      }

      // An address the app does not know says so, in the shell.
      await page.goto(`${url}/no-such-page/${username}`);
      await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
      await step(page, "not found");

      // By keyboard: Tab reaches the burger (the navigation is folded at 768 px), Enter opens it, Tab
      // reaches a link, Enter follows it.
      await page.goto(url);
      await settled(page);
      const focused = () =>
        page.evaluate(() => {
          type El = {
            tagName: string;
            getAttribute: (n: string) => string | null;
            closest: (s: string) => unknown;
          };
          const e = (globalThis as unknown as { document: { activeElement: El | null } }).document
            .activeElement;
          return {
            label: e?.getAttribute("aria-label") ?? "",
            inNav: e?.closest("nav#navigation") !== null && e?.tagName === "A",
            href: e?.getAttribute("href") ?? "",
          };
        });
      let onBurger = false;
      for (let i = 0; i < 8 && !onBurger; i++) {
        await page.keyboard.press("Tab");
        onBurger = (await focused()).label === "Open the navigation";
      }
      expect(onBurger, "Tab reaches the burger").toBe(true);
      await page.keyboard.press("Enter");
      await page.locator("nav#navigation a").first().waitFor({ state: "visible" });
      let target = "";
      for (let i = 0; i < 12 && target === ""; i++) {
        await page.keyboard.press("Tab");
        const f = await focused();
        if (f.inNav && f.href !== "/") target = f.href;
      }
      expect(target, "Tab reaches a navigation link").not.toBe("");
      await page.keyboard.press("Enter");
      await page.waitForURL(`${url}${target}`);
      await settled(page);
      await page.close();
    }, 120_000);
  }

  it("the shell at 1280 px: the navigation stands beside the page", async () => {
    const page = await app.newPage();
    const step = journey("1280 physician");
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, app.server().url, "physician");
    await settled(page);
    await page.locator("nav#navigation a").first().waitFor({ state: "visible" });
    expect(await page.getByRole("button", { name: "Open the navigation" }).isVisible()).toBe(false);
    await step(page, "dashboard");
    await page.goto(`${app.server().url}/patients`);
    await settled(page);
    await step(page, "patients");
    await page.close();
  }, 60_000);
});
