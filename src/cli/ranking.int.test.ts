/**
 * `cradle ranking show|set` on a fresh SQLite database: a coordinator sets two weights with a reason and
 * reads them back; a value out of range or not a whole number is refused naming the option (exit 2) and
 * nothing changes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580 } from "../../test/support/shared.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-ranking-"));
const ENV = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "bank.db")}` };
const CORA = { ...ENV, CRADLE_USER: "cora", CRADLE_PASSWORD: "coordinator password 1" };
const run = (args: string[], env: Record<string, string> = CORA) => cradle(args, undefined, HLA_3580, env);

describe("cradle ranking", () => {
  it("sets weights with a reason, shows them, and refuses a bad value naming the option", async () => {
    const admin = { ...ENV, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin password 1" };
    const made = await run(["user", "add", "ada", "--name", "Ada Admin", "--roles", "admin"], {
      ...ENV,
      CRADLE_NEW_PASSWORD: "admin password 1",
    });
    expect(made.code, made.err).toBe(0);
    const cora = await run(
      ["user", "add", "cora", "--name", "Cora Coordinator", "--roles", "coordinator", "--reason", "search"],
      { ...admin, CRADLE_NEW_PASSWORD: "coordinator password 1" },
    );
    expect(cora.code, cora.err).toBe(0);

    const start = await run(["ranking", "show"]);
    expect(start.code, start.err).toBe(0);
    expect(start.out).toMatch(/^every weight is 0/);

    for (const [args, field] of [
      [["--grade", "Protein=11"], "Protein"],
      [["--grade", "Protein=1.5"], "grade"],
      [["--grade", "Protein"], "grade"],
      [["--grade", "__proto__=1"], "grade"],
      [["--confidence", "certain=1"], "certain"],
      [["--grade", "Protein=1", "--grade", "Protein=2"], "twice"],
    ] as const) {
      const r = await run(["ranking", "set", ...args, "--reason", "test"]);
      expect(r.code, `${args.join(" ")}: ${r.out}${r.err}`).toBe(2);
      expect(r.err, args.join(" ")).toContain(field);
    }

    // An unquoted reason: the words after the first are refused, not dropped.
    const unquoted = await run(["ranking", "set", "--grade", "Protein=4", "--reason", "Clinical", "review"]);
    expect(unquoted.code).not.toBe(0);
    expect(unquoted.err).toMatch(/too many arguments|unknown|excess/i);

    const set = await run([
      "ranking",
      "set",
      "--grade",
      "Protein=5",
      "--confidence",
      "exact=3",
      "--reason",
      "site SOP 12",
      "--json",
    ]);
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({
      inUse: true,
      updatedBy: "cora",
      weights: { grade: { Protein: 5, Mismatch: 0 }, confidence: { exact: 3 } },
    });
    const shown = await run(["ranking", "show"]);
    expect(shown.out).toMatch(/^in use \(changed .* by cora\)/);
    expect(shown.out).toContain("grade Protein\t5");
    expect(shown.out).toContain("confidence exact\t3");
  });
});
