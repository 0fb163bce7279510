/**
 * One key per slot: the bug of issue 14 (`ln2-07/r01/b02/c3` accepted beside `LN2-07/R01/B02/C3`) starts
 * with two spellings of one place; here every spelling a person types reads as the one key.
 */
import { describe, expect, it } from "vitest";
import type { CradleError } from "../errors.js";
import { cellName, gridBounds, positionIn, splitLocation } from "./storage-keys.js";

const BOX = { name: "B02", rows: 10, columns: 7, layout: "letter-number" as const };
const NINE = { name: "B1", rows: 9, columns: 9, layout: "numbered" as const };

describe("storage keys", () => {
  it("reads case, spaces and separators to the same parts", () => {
    for (const typed of [
      "LN2-07/R01/B02/C3",
      "ln2-07/r01/b02/c3",
      "  ln2-07 / R01 / b02 / C3 ",
      "LN2-07\\R01\\B02\\C3",
      "LN2-07:R01:B02:C3",
      "LN2-07 R01 B02 C3",
    ]) {
      expect(splitLocation(typed, "location", 4), typed).toEqual(["LN2-07", "R01", "B02", "C3"]);
    }
  });

  it("refuses a location of the wrong shape, naming the field and the part", () => {
    expect(() => splitLocation("LN2-07/R01/B02", "location", 4)).toThrow(
      /location "LN2-07\/R01\/B02": write device\/rack\/box\/position/,
    );
    const e = (() => {
      try {
        splitLocation("LN2-07/R#1/B02/C3", "to", 4);
      } catch (x) {
        return x as CradleError;
      }
    })();
    expect(e?.code).toBe("INVALID_INPUT");
    expect(e?.details.field).toBe("to");
    expect(e?.message).toContain('rack "R#1"');
  });

  it("drops leading zeros of a position's numbers, so C03 and C3 are one slot", () => {
    expect(positionIn(BOX, "C3", "location")).toEqual({ position: "C3", row: 3, column: 3 });
    expect(positionIn(BOX, "c03", "location").position).toBe("C3");
    expect(positionIn(NINE, "007", "location")).toEqual({ position: "7", row: 1, column: 7 });
    expect(positionIn(NINE, "81", "location")).toEqual({ position: "81", row: 9, column: 9 });
    expect(positionIn(NINE, "10", "location")).toEqual({ position: "10", row: 2, column: 1 });
  });

  it("refuses a position outside the grid, naming the box and its bounds", () => {
    for (const [grid, typed] of [
      [BOX, "K1"],
      [BOX, "A8"],
      [BOX, "A0"],
      [BOX, "7"],
      [NINE, "82"],
      [NINE, "0"],
      [NINE, "A1"],
    ] as const) {
      try {
        positionIn(grid, typed, "location");
        expect.unreachable(`${typed} in ${grid.name}`);
      } catch (e) {
        expect((e as CradleError).code).toBe("STORAGE_NOT_DEFINED");
        expect((e as CradleError).message).toContain(`box ${grid.name}'s grid (${gridBounds(grid)})`);
      }
    }
    expect(gridBounds(BOX)).toBe("rows A–J, columns 1–7");
    expect(gridBounds(NINE)).toBe("positions 1–81");
  });

  it("names cells row by row", () => {
    expect(cellName(BOX, 1, 1)).toBe("A1");
    expect(cellName(BOX, 10, 7)).toBe("J7");
    expect(cellName(NINE, 2, 3)).toBe("12");
  });
});
