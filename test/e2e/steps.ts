/**
 * A journey's screenshots, numbered in the order taken: `<screenshots>/<journey>/<nn-step>.png`, where the
 * screenshots folder is CRADLE_E2E_SCREENSHOTS or test-results/screenshots (kept as CI artifacts). Each
 * step's page is checked by axe first (expectAccessible), unless the page is not Cradle's own.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expectAccessible } from "./axe.js";
import { SCREENSHOTS } from "./server.js";

export type Step = (page: Page, step: string, options?: { axe?: boolean }) => Promise<void>;

/** The step recorder of one journey: each call checks the page and writes the next numbered screenshot. */
export function journey(name: string): Step {
  const dir = join(SCREENSHOTS, slug(name));
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step, { axe = true } = {}) => {
    n++;
    if (axe) await expectAccessible(page, `${name}: ${step}`);
    await page.screenshot({
      path: join(dir, `${String(n).padStart(2, "0")}-${slug(step)}.png`),
      fullPage: true,
    });
  };
}

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
