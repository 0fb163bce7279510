/** DIN allocation on every dialect: sequences per facility and year, unique under concurrency, bounded. */
import { describe, expect, it } from "vitest";
import { DIALECTS, useStore } from "../../test/support/databases.js";
import { CradleError } from "../errors.js";
import { checkCharacter } from "../isbt128/check-character.js";
import { allocateDins, dinToScan } from "./din-allocation.js";

const AT_2026 = new Date("2026-11-25T10:00:00Z");

describe.each(DIALECTS)("DIN allocation on %s", (dialect) => {
  const use = useStore(dialect);

  it("issues consecutive sequences per facility and year, each with its check character", async () => {
    const first = await allocateDins(use(), { fin: "G1234", count: 3, at: AT_2026, by: "tech1" });
    expect(first.map((d) => d.id)).toEqual(["G123426000001", "G123426000002", "G123426000003"]);
    for (const d of first) expect(d.check).toBe(checkCharacter(d.id)?.character);
    const next = await allocateDins(use(), { fin: "G1234", count: 1, at: AT_2026, by: "tech1" });
    expect(next[0]?.id).toBe("G123426000004");
    // Another facility and another year have sequences of their own.
    expect((await allocateDins(use(), { fin: "W0000", count: 1, at: AT_2026, by: "tech1" }))[0]?.id).toBe(
      "W000026000001",
    );
    const y27 = await allocateDins(use(), {
      fin: "G1234",
      count: 1,
      at: new Date("2027-01-01T00:00:00Z"),
      by: "tech1",
    });
    expect(y27[0]?.id).toBe("G123427000001");
    expect(dinToScan(first[0] as never)).toMatch(/^=G123426000001\d\d$/);
  });

  it("never issues one number twice, even to allocations running at once", async () => {
    const batches = await Promise.all(
      Array.from({ length: 12 }, () =>
        allocateDins(use(), { fin: "A9999", count: 25, at: AT_2026, by: "tech2" }),
      ),
    );
    const ids = batches.flat().map((d) => d.id);
    expect(new Set(ids).size).toBe(300);
    const rows = await use()
      .db.selectFrom("allocatedDin")
      .select("din")
      .where("din", "like", "A999926%")
      .execute();
    expect(rows).toHaveLength(300);
  });

  it("refuses to pass sequence 999999 and issues nothing then", async () => {
    await use()
      .db.insertInto("dinCounter")
      .values({ fin: "B1111", year: "26", lastSequence: 999_998 })
      .execute();
    await expect(
      allocateDins(use(), { fin: "B1111", count: 2, at: AT_2026, by: "tech1" }),
    ).rejects.toMatchObject({
      code: "DIN_SEQUENCE_EXHAUSTED",
    });
    const last = await allocateDins(use(), { fin: "B1111", count: 1, at: AT_2026, by: "tech1" });
    expect(last[0]?.id).toBe("B111126999999");
  });

  it("refuses a facility number that is not one", async () => {
    await expect(
      allocateDins(use(), { fin: "O1234", count: 1, at: AT_2026, by: "x" }),
    ).rejects.toBeInstanceOf(CradleError);
    await expect(allocateDins(use(), { fin: "G1234", count: 0, at: AT_2026, by: "x" })).rejects.toMatchObject(
      { code: "INVALID_INPUT" },
    );
  });
});
