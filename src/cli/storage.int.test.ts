/**
 * `cradle storage …` as a lab runs it on a fresh SQLite database: a tank, a rack and a box defined, a
 * product stored in a slot and moved, the box's free slots listed, and bad options refused naming the
 * option as typed (exit 2) with nothing written.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";
import { HLA_3580 } from "../../test/support/shared.js";

const dir = mkdtempSync(join(tmpdir(), "cradle-cli-storage-"));
const ENV = { CRADLE_DATABASE_URL: `sqlite://${join(dir, "bank.db")}` };
const TECH = { ...ENV, CRADLE_USER: "tina", CRADLE_PASSWORD: "tech password 1" };
const run = (args: string[], env: Record<string, string> = TECH) => cradle(args, undefined, HLA_3580, env);

describe("cradle storage", () => {
  let din = "";

  it("defines a tank, a rack and a box as a lab technologist", async () => {
    const admin = { ...ENV, CRADLE_USER: "ada", CRADLE_PASSWORD: "admin password 1" };
    const first = await run(["user", "add", "ada", "--name", "Ada Admin", "--roles", "admin"], {
      ...ENV,
      CRADLE_NEW_PASSWORD: "admin password 1",
    });
    expect(first.code, first.err).toBe(0);
    const tech = await run(
      ["user", "add", "tina", "--name", "Tina Lab", "--roles", "lab-technologist", "--reason", "new starter"],
      { ...admin, CRADLE_NEW_PASSWORD: "tech password 1" },
    );
    expect(tech.code, tech.err).toBe(0);

    const device = await run([
      "storage",
      "add-device",
      "--name",
      "ln2-01",
      "--kind",
      "ln2-tank",
      "--temperature",
      "cryopreserved",
    ]);
    expect(device.code, device.err).toBe(0);
    expect(device.out).toContain("device LN2-01 (ln2-tank, cryopreserved) defined");
    expect((await run(["storage", "add-rack", "--device", "LN2-01", "--name", "r01"])).code).toBe(0);
    const box = await run([
      "storage",
      "add-box",
      ...["--device", "LN2-01", "--rack", "R01", "--name", "B01", "--rows", "2", "--columns", "2"],
    ]);
    expect(box.code, box.err).toBe(0);
    expect(box.out).toContain("box B01 defined: 2 × 2, letter-number");
  });

  it("refuses bad options naming the option, exit 2, and writes nothing", async () => {
    const box = (rows: string, columns = "3") => [
      "storage",
      "add-box",
      ...["--device", "LN2-01", "--rack", "R01", "--name", "B02", "--rows", rows, "--columns", columns],
    ];
    for (const [args, expected] of [
      [box("0"), '--rows "0"'],
      [box("-2"), "--rows"],
      [box("Infinity"), '--rows "Infinity"'],
      [box("2.5"), '--rows "2.5"'],
      [box("27"), "rows 27"],
      [box("3", "0"), '--columns "0"'],
      [
        ["storage", "add-device", "--name", "FRZ\u00071", "--kind", "freezer", "--temperature", "room"],
        "--name",
      ],
      [
        ["storage", "add-device", "--name", "F".repeat(5000), "--kind", "freezer", "--temperature", "room"],
        "--name",
      ],
      [
        ["storage", "add-device", "--name", "FRZ-1", "--kind", "__proto__", "--temperature", "room"],
        '--kind "__proto__"',
      ],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, `${args.join(" ").slice(0, 80)}: ${r.err}`).toBe(2);
      expect(r.err).toContain(expected);
    }
    const list = await run(["storage", "list", "--json"]);
    expect(list.code, list.err).toBe(0);
    const devices = JSON.parse(list.out);
    expect(devices.map((d: { name: string }) => d.name)).toEqual(["LN2-01"]);
    expect(devices[0].racks[0].boxes.map((b: { name: string }) => b.name)).toEqual(["B01"]);
  });

  it("stores a product in a slot, refuses the same slot typed in lower case, moves it, lists free slots", async () => {
    const reg = await run([
      "product",
      "register",
      ...["--fin", "G1234", "--source", "cord-blood", "--donor", "INF-1", "--mother", "MOT-1"],
      ...["--consent", "C-2026-1", "--collected-at", "2026-03-01T08:00:00+01:00", "--site", "St Mary"],
      ...["--volume-ml", "80", "--product-code", "S1234V00", "--storage", "cryopreserved", "--json"],
    ]);
    expect(reg.code, reg.err).toBe(0);
    din = JSON.parse(reg.out).din;
    const stored = await run(["product", "store", din, "--location", "LN2-01/R01/B01/A1"]);
    expect(stored.code, stored.err).toBe(0);
    expect(stored.out).toContain("stored at LN2-01/R01/B01/A1");

    const other = await run([
      "product",
      "register",
      ...["--fin", "G1234", "--source", "cord-blood", "--donor", "INF-2", "--mother", "MOT-2"],
      ...["--consent", "C-2026-2", "--collected-at", "2026-03-01T09:00:00+01:00", "--site", "St Mary"],
      ...["--volume-ml", "70", "--product-code", "S1234V00", "--storage", "cryopreserved", "--json"],
    ]);
    expect(other.code, other.err).toBe(0);
    const clash = await run([
      "product",
      "store",
      JSON.parse(other.out).din,
      "--location",
      "ln2-01/r01/b01/a1",
    ]);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain("STORAGE_POSITION_OCCUPIED");

    const moved = await run([
      "product",
      "move",
      din,
      "--to",
      "LN2-01/R01/B01/B2",
      "--reason",
      "box re-sorted",
    ]);
    expect(moved.code, moved.err).toBe(0);
    expect(moved.out).toContain("moved to LN2-01/R01/B01/B2");

    const free = await run(["storage", "free", "ln2-01/r01/b01"]);
    expect(free.code, free.err).toBe(0);
    // 2 × 2 = A1 A2 B1 B2; B2 now holds the product.
    expect(free.out).toContain("LN2-01/R01/B01: 3 of 4 free");
    expect(free.out).toContain("A1 A2 B1");
    const list = await run(["storage", "list"]);
    expect(list.out).toContain("LN2-01/R01/B01  2 × 2 letter-number  1/4");
  });
});
