/**
 * axe-core in the page under test: every page a browser journey visits is checked, and a serious or
 * critical violation fails the test with its rule, its help text and the elements at fault. The script is
 * evaluated through the browser's protocol: the app's CSP (script-src 'self') refuses an injected <script>
 * tag, rightly, and the tests keep that policy on.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is now; fails on any serious or critical violation, naming each. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // A dialog fading in is half transparent: its text would be judged at a contrast it does not keep.
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations: () => { playState: string }[] } }).document
      .getAnimations()
      .every((a) => a.playState !== "running"),
  );
  const has = await page.evaluate(() => "axe" in globalThis);
  if (!has) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Axe = {
      run: (
        ctx: unknown,
        o: object,
      ) => Promise<{
        violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
      }>;
    };
    const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
  const bad = (violations as Violation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
  const text = bad.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(", ")}`).join("\n");
  expect(bad, `axe on ${name} (${page.url()}):\n${text}`).toEqual([]);
}
