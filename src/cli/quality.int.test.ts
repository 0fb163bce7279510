/**
 * `cradle quality import-readings` on a fresh SQLite database: a tank set up for monitoring through the
 * service, its CSV imported as a lab technologist (the repeat is one reading), a warm reading raising an
 * alarm, and a bad CSV refused naming its line (exit 2) with nothing written.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580 } from "../../test/support/shared.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-quality-"));
const ENV = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "bank.db")}` };
const TECH = { ...ENV, CRADLE_USER: "tina", CRADLE_PASSWORD: "tech password 1" };
const run = (args: string[], env: Record<string, string> = TECH) => cradle(args, undefined, HLA_3580, env);

describe("cradle quality", () => {
  it("imports a tank's readings, idempotently, and refuses a bad line", async () => {
    const admin = { ...ENV, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin password 1" };
    expect(
      (
        await run(["user", "add", "ada", "--name", "Ada Admin", "--roles", "admin"], {
          ...ENV,
          CRADLE_NEW_PASSWORD: "admin password 1",
        })
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          [
            "user",
            "add",
            "tina",
            "--name",
            "Tina Lab",
            "--roles",
            "lab-technologist",
            "--reason",
            "new starter",
          ],
          { ...admin, CRADLE_NEW_PASSWORD: "tech password 1" },
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await run([
          "storage",
          "add-device",
          "--name",
          "LN2-01",
          "--kind",
          "ln2-tank",
          "--temperature",
          "cryopreserved",
        ])
      ).code,
    ).toBe(0);
    const unset = join(dir, "r0.csv");
    writeFileSync(unset, "at,celsius\n2026-01-01T00:00:00Z,-190\n");
    const refused = await run(["quality", "import-readings", "--device", "LN2-01", "--file", unset]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("not monitored");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "at,celsius\n2026-01-01T00:00:00Z,-190\n2026-01-01T00:01:00Z,NaN\n");
    const b = await run(["quality", "import-readings", "--device", "LN2-01", "--file", bad]);
    expect(b.code).toBe(2);
    expect(b.err).toContain("line 3");
  });
});
