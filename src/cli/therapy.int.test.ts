/** The CLI contract of issue 6: `cradle protocol schedule … --json` and `cradle dose … --json`. */
import { describe, expect, it } from "vitest";
import { cradle } from "../../test/support/cli.js";

describe("cradle protocol schedule and cradle dose", () => {
  it("prints the HIE windows in UTC for a birth given with its zone", async () => {
    const r = await cradle([
      "protocol",
      "schedule",
      "--protocol",
      "hie-autologous-cord-blood",
      "--birth",
      "2026-03-07T22:00:00-05:00",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const { doses } = JSON.parse(r.out);
    expect(doses[0]).toEqual({
      number: 1,
      earliest: "2026-03-08T03:00:00.000Z",
      latest: "2026-03-10T03:00:00.000Z",
    });
    expect(doses.map((d: { latest: string }) => d.latest).slice(1)).toEqual(
      Array(3).fill("2026-03-11T03:00:00.000Z"),
    );
  });

  it("refuses a birth without a zone and an unknown protocol, exit 2", async () => {
    const noZone = await cradle([
      "protocol",
      "schedule",
      "--protocol",
      "hie-autologous-cord-blood",
      "--birth",
      "2026-03-07T22:00",
      "--json",
    ]);
    expect(noZone.code).toBe(2);
    expect(noZone.err).toContain("with its zone");
    const unknown = await cradle([
      "protocol",
      "schedule",
      "--protocol",
      "hie",
      "--birth",
      "2026-03-07T22:00:00Z",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("hie-autologous-cord-blood");
  });

  it("prints the cells and the volume of a dose", async () => {
    const r = await cradle([
      "dose",
      "--concentration-per-ml",
      "2.5e7",
      "--target-per-kg",
      "5e7",
      "--weight-grams",
      "3400",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.cells).toBeCloseTo(1.7e8, 0);
    expect(d.volumeMl).toBeCloseTo(6.8, 10);
  });
});
