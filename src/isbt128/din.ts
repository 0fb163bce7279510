/**
 * Donation Identification Numbers (ICCBBA ST-001, data structure 001): a facility identification number
 * (FIN: one character A-N, P-Z or 1-9, then four digits), a two-digit year, a six-digit sequence, and two
 * flag characters. Flags 00 are unused, 01-19 defined by ICCBBA, 20-59 local, 60-96 Type 3 (60 + the check
 * value). Read as scanned ("=G12341765432100"), as printed ("G1234 17 654321"), or keyed with K.
 */
import { CradleError } from "../errors.js";
import { checkCharacter } from "./check-character.js";

export interface Din {
  /** Facility identification number, e.g. "G1234". */
  fin: string;
  /** Two-digit year of allocation. */
  year: string;
  /** Six-digit sequence within facility and year. */
  sequence: string;
  /** Flag characters, when given ("00", "70"…). */
  flags?: string;
  /** The 13 characters that identify the donation. */
  id: string;
  /** The check character K. */
  check: string;
}

const FIRST = /^[A-NP-Z1-9]$/;

function bad(field: string, value: string, position: number, why: string): CradleError {
  return new CradleError("DIN_BAD_FORMAT", `DIN "${value}": character ${position} ${why}`, {
    field,
    value,
    position,
  });
}

/**
 * Parses a DIN: 13 characters, 13 + K, 15 with flags, or data structure 001 ("=" + 15). Spaces are
 * ignored. Type 3 flags and a keyed K must match the check character, or DIN_BAD_CHECK_CHARACTER.
 */
export function parseDin(text: string, field = "din"): Din {
  const raw = text.replace(/\s+/g, "");
  const s = raw.startsWith("=") ? raw.slice(1) : raw;
  const offset = raw.length - s.length;
  // Scanned (data structure 001) is exactly "=" + 13 + flags, with no space and no check character.
  if (offset === 1 && (s.length !== 15 || raw !== text)) {
    throw new CradleError(
      "DIN_BAD_FORMAT",
      `DIN "${text}": scanned, a DIN is "=" and 15 characters with no space (13 and two flag characters)`,
      { field, value: text },
    );
  }
  if (s.length !== 13 && s.length !== 14 && s.length !== 15) {
    throw new CradleError(
      "DIN_BAD_FORMAT",
      `DIN "${text}": ${s.length} characters; expected 13, 13 and the check character, or 15 with flags`,
      { field, value: text },
    );
  }
  if (!FIRST.test(s[0] as string)) {
    throw bad(
      field,
      text,
      offset + 1,
      `"${s[0]}" cannot begin a facility number (A-N, P-Z or 1-9; no O, no 0)`,
    );
  }
  for (let i = 1; i < 13; i++) {
    if (!/[0-9]/.test(s[i] as string)) throw bad(field, text, offset + i + 1, `"${s[i]}" should be a digit`);
  }
  const id = s.slice(0, 13);
  const k = checkCharacter(id) as { value: number; character: string };
  const din: Din = {
    fin: id.slice(0, 5),
    year: id.slice(5, 7),
    sequence: id.slice(7, 13),
    id,
    check: k.character,
  };
  if (s.length === 14) {
    const keyed = (s[13] as string).toUpperCase();
    if (keyed !== k.character) {
      throw new CradleError(
        "DIN_BAD_CHECK_CHARACTER",
        `DIN "${text}": check character "${keyed}" does not match ${id}, whose check character is "${k.character}"`,
        { field, value: text, expected: k.character, got: keyed },
      );
    }
  }
  if (s.length === 15) {
    const flags = s.slice(13, 15);
    if (!/^\d\d$/.test(flags)) throw bad(field, text, offset + 14, `flags "${flags}" should be two digits`);
    const n = Number(flags);
    if (n > 96) throw bad(field, text, offset + 14, `flags ${flags} are not defined (00-96)`);
    if (n >= 60 && n - 60 !== k.value) {
      throw new CradleError(
        "DIN_BAD_CHECK_CHARACTER",
        `DIN "${text}": Type 3 flags ${flags} do not match ${id}, whose check flags are ${60 + k.value}`,
        { field, value: text, expected: String(60 + k.value), got: flags },
      );
    }
    din.flags = flags;
  }
  return din;
}

/** The 13 characters with their check character, as keyed and as printed beside the barcode. */
export function formatDin(din: Pick<Din, "id">, style: "keyed" | "printed" = "keyed"): string {
  const k = checkCharacter(din.id)?.character ?? "?";
  if (style === "keyed") return `${din.id}${k}`;
  return `${din.id.slice(0, 5)} ${din.id.slice(5, 7)} ${din.id.slice(7)} ${k}`;
}

/** Data structure 001: "=" + 13 + flags; Type 3 flags (60 + check value) unless flags are given. */
export function dinDataStructure(din: Pick<Din, "id">, flags?: string): string {
  const k = checkCharacter(din.id);
  if (!k) throw bad("din", din.id, 1, "is not a DIN");
  return `=${din.id}${flags ?? String(60 + k.value)}`;
}
