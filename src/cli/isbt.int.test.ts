/** `cradle isbt`: the check a bank technologist runs on a keyed or scanned DIN. */
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";

describe("cradle isbt", () => {
  it("shows the forms of a keyed DIN (ICCBBA's worked example)", async () => {
    const r = await cradle(["isbt", "din", "--json", "G123417654321A"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      id: "G123417654321",
      check: "A",
      printed: "G1234 17 654321 A",
      scan: "=G12341765432170",
    });
  });
  it("refuses a mistyped DIN by its check character and exits 2", async () => {
    const r = await cradle(["isbt", "din", "G123417654312A"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("DIN_BAD_CHECK_CHARACTER");
  });
  it("reads a compound message", async () => {
    const r = await cradle(["isbt", "read", "=+02000=G12341765432170=<S1234100"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).map((d: { structure: string }) => d.structure)).toEqual(["023", "001", "003"]);
  });
});
