/** `cradle audit log`: the audit page's filters from the command line, refusals naming the option, and --csv. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-audit-"));
const DB = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "audit.db")}` };
const ADA = { ...DB, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin passphrase 1" };

describe("cradle audit log", () => {
  it("filters by kind, actor and time, prints CSV, and refuses a bad filter naming the option", async () => {
    for (const [name, env, ...more] of [
      ["ada", { ...DB, CRADLE_NEW_PASSWORD: "admin passphrase 1" }],
      ["quill", { ...ADA, CRADLE_NEW_PASSWORD: "quality passphrase 1" }, "--reason", "new quality manager"],
    ] as const) {
      const add = await cradle(
        [
          "user",
          "add",
          name,
          "--name",
          `${name} Person`,
          "--roles",
          name === "ada" ? "admin" : "quality-manager",
          ...more,
        ],
        undefined,
        undefined,
        env,
      );
      expect(add.code, add.err).toBe(0);
    }
    const created = await cradle(
      ["audit", "log", "--kind", "user.create", "--json"],
      undefined,
      undefined,
      ADA,
    );
    expect(created.code, created.err).toBe(0);
    const events = JSON.parse(created.out) as { action: string; entityId: string; actor: string }[];
    expect(events.map((e) => e.entityId)).toEqual(["quill", "ada"]);
    const byAda = await cradle(
      ["audit", "log", "--actor", "ada", "--kind", "user.create"],
      undefined,
      undefined,
      ADA,
    );
    expect(byAda.out).toContain("user.create user quill");
    expect(byAda.out).toContain("1 of 1 events");
    const later = await cradle(["audit", "log", "--from", "2999-01-01T00:00:00Z"], undefined, undefined, ADA);
    expect(later.out).toContain("0 of 0 events");

    const csv = await cradle(["audit", "log", "--kind", "user.create", "--csv"], undefined, undefined, ADA);
    expect(csv.code, csv.err).toBe(0);
    const [head, ...rows] = parse(csv.out) as string[][];
    expect(head?.[3]).toBe("action");
    expect(rows.map((r) => r[5])).toEqual(["quill", "ada"]);
    expect(rows[0]?.[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    for (const [args, option] of [
      [["--kind", "user.creat"], "--kind"],
      [["--from", "2026-02-30T00:00:00Z"], "--from"],
      [["--to", "2026-03-01"], "--to"],
      [["--from", "2026-03-02T00:00:00Z", "--to", "2026-03-01T00:00:00Z"], "--from"],
      [["--limit", "Infinity"], "--limit"],
      [["--limit", "501"], "--limit"],
      [["--actor", "a\u0007b"], "--actor"],
    ] as const) {
      const r = await cradle(["audit", "log", ...args], undefined, undefined, ADA);
      expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(2);
      expect(r.err, args.join(" ")).toContain(option);
    }
  });
});
