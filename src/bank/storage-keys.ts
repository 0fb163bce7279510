/**
 * One key per storage slot. A position is typed in any case, with "/", "\", ":" or spaces between its
 * parts; it is read as DEVICE/RACK/BOX/POSITION, upper-cased, with "/" between parts. Names of devices,
 * racks and boxes are kept as they are defined (upper-cased, no other change: "R01" and "R1" are different
 * racks, and a name that is not defined is refused, never guessed). The position inside a box is read
 * against the box's grid, and its numbers lose their leading zeros ("C03" is "C3", "007" is "7"), so
 * `ln2-07/r01/b02/c03` and `LN2-07 / R01 / B02 / C3` are the same slot. Pure: no database.
 */
import { CradleError } from "../errors.js";
import type { BoxLayout } from "./constants.js";

const NAME = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
const SEPARATORS = /[\s/\\:]+/;

export const canonicalName = (s: string): string => s.trim().toUpperCase();

/** The parts of a location as keyed, upper-cased: `count` of them (4 for a position, 3 for a box). */
export function splitLocation(text: string, field: string, count: 3 | 4): string[] {
  const parts = text
    .trim()
    .toUpperCase()
    .split(SEPARATORS)
    .filter((p) => p !== "");
  const names = ["device", "rack", "box", "position"].slice(0, count);
  const example = count === 4 ? "LN2-01/R03/B12/A1" : "LN2-01/R03/B12";
  if (parts.length !== count) {
    throw new CradleError("INVALID_INPUT", `${field} "${text}": write ${names.join("/")}, e.g. ${example}`, {
      field,
      value: text,
    });
  }
  parts.forEach((p, i) => {
    if (!NAME.test(p)) {
      throw new CradleError(
        "INVALID_INPUT",
        `${field} "${text}": ${names[i]} "${p}" should be letters, digits, ".", "_" or "-" (at most 32)`,
        { field, value: text },
      );
    }
  });
  return parts;
}

export interface Grid {
  name: string;
  rows: number;
  columns: number;
  layout: BoxLayout;
}

const rowLetter = (row: number) => String.fromCharCode(64 + row);

/** The bounds of a grid in words, for a refusal: "rows A–J, columns 1–7" or "positions 1–81". */
export function gridBounds(g: Grid): string {
  return g.layout === "letter-number"
    ? `rows A–${rowLetter(g.rows)}, columns 1–${g.columns}`
    : `positions 1–${g.rows * g.columns}`;
}

/** The canonical name of a cell (1-based row and column). */
export function cellName(g: Grid, row: number, column: number): string {
  return g.layout === "letter-number" ? `${rowLetter(row)}${column}` : String((row - 1) * g.columns + column);
}

/** Reads a position inside a box's grid; refuses one the grid does not have, naming the grid's bounds. */
export function positionIn(
  g: Grid,
  text: string,
  field: string,
): { position: string; row: number; column: number } {
  const t = text.trim().toUpperCase();
  const outside = (why: string) =>
    new CradleError(
      "STORAGE_NOT_DEFINED",
      `${field}: position "${text}" ${why} box ${g.name}'s grid (${gridBounds(g)})`,
      { field, value: text, box: g.name, rows: g.rows, columns: g.columns, layout: g.layout },
    );
  if (g.layout === "letter-number") {
    const m = /^([A-Z])0*([1-9][0-9]*)$/.exec(t);
    if (!m) throw outside("is not a row letter and a column number of");
    const row = (m[1] as string).charCodeAt(0) - 64;
    const column = Number(m[2]);
    if (row > g.rows || column > g.columns) throw outside("is outside");
    return { position: `${m[1]}${column}`, row, column };
  }
  const m = /^0*([1-9][0-9]*)$/.exec(t);
  if (!m) throw outside("is not a number of");
  const n = Number(m[1]);
  if (n > g.rows * g.columns) throw outside("is outside");
  return { position: String(n), row: Math.ceil(n / g.columns), column: ((n - 1) % g.columns) + 1 };
}

export const positionKey = (device: string, rack: string, box: string, position: string): string =>
  `${device}/${rack}/${box}/${position}`;
