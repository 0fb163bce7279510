/**
 * ISBT 128 data structures a cellular therapy label carries (ICCBBA ST-001), read and written. Each
 * starts with a data identifier: "=" or "&" and one more character. Errors name the structure, the
 * position and the character.
 */
import { CradleError } from "../errors.js";
import { type Din, parseDin } from "./din.js";

/** ABO/RhD codes of data structure 002 that a cell therapy label uses (ST-001 table of blood groups). */
export const ABO_RHD_CODES: Readonly<Record<string, string>> = {
  "51": "O+",
  "95": "O-",
  "62": "A+",
  "06": "A-",
  "73": "B+",
  "17": "B-",
  "84": "AB+",
  "28": "AB-",
};

/** Collection type characters of a product code (ST-001). */
export const COLLECTION_TYPES: Readonly<Record<string, string>> = {
  V: "volunteer allogeneic",
  "1": "for autologous use only",
  A: "autologous, eligible for crossover",
  D: "directed, eligible for crossover",
  "2": "directed, recipient only",
  F: "family reserved",
  E: "medical exception",
  R: "research",
  "0": "not specified",
};

export type DataStructure =
  | { structure: "001"; din: Din }
  | { structure: "002"; code: string; aboRhD: string | undefined; rhKell: string; reserved: string }
  | {
      structure: "003";
      productCode: string;
      collectionType: string;
      /** Collection type in words; "for autologous use only" puts that phrase on the label. */
      collectionTypeText: string;
      division: string;
    }
  | { structure: "004" | "006"; isoDate: string }
  | { structure: "005" | "007"; isoDateTime: string }
  | { structure: "023"; count: number; sequence: string }
  | { structure: "032"; divisions: string }
  | { structure: "034"; processorProductCode: string }
  | { structure: "040"; fin: string; year: string; identifier: string };

function bad(structure: string, text: string, position: number, why: string): CradleError {
  const ch = text[position - 1];
  return new CradleError(
    "ISBT_BAD_DATA_STRUCTURE",
    `ISBT 128 ${structure} "${text}": ${ch === undefined ? `too short at character ${position}` : `character ${position} "${ch}"`} ${why}`,
    { structure, value: text, position },
  );
}

function expectLength(structure: string, text: string, length: number): void {
  if (text.length < length)
    throw bad(structure, text, text.length + 1, `is missing: ${structure} is ${length} characters`);
  if (text.length > length)
    throw bad(structure, text, length + 1, `is one too many: ${structure} is ${length} characters`);
}

function digits(structure: string, text: string, from: number, to: number, what: string): string {
  return chars(structure, text, from, to, /[0-9]/, `a digit (${what})`);
}

/** Each character of text[from, to) must match `allowed`; the first that does not is named with its position. */
function chars(
  structure: string,
  text: string,
  from: number,
  to: number,
  allowed: RegExp,
  what: string,
): string {
  for (let i = from; i < to; i++) {
    if (!allowed.test(text[i] as string)) throw bad(structure, text, i + 1, `should be ${what}`);
  }
  return text.slice(from, to);
}

/** Upper-case letters and digits: the characters of ISBT 128 codes that are not all digits. */
const UPPER_ALNUM = /[0-9A-Z]/;
/** The first character of a facility identification number: no letter O, no digit 0. */
const FIN_FIRST = /[A-NP-Z1-9]/;

/** cyyjjjhhmm → ISO 8601 local date and time: century digit (0 = 2000s), year, day of year, hour, minute. */
export function decodeDateTime(structure: string, text: string, from: number): string {
  const f = digits(structure, text, from, from + 10, "date cyyjjjhhmm");
  const year = 2000 + Number(f[0]) * 100 + Number(f.slice(1, 3));
  const day = Number(f.slice(3, 6));
  const hh = Number(f.slice(6, 8));
  const mm = Number(f.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (leap ? 366 : 365))
    throw bad(structure, text, from + 4, `begins day of year ${day}, not a day of ${year}`);
  if (hh > 23) throw bad(structure, text, from + 7, `begins hour ${hh}`);
  if (mm > 59) throw bad(structure, text, from + 9, `begins minute ${mm}`);
  const d = new Date(Date.UTC(year, 0, day, hh, mm));
  return d.toISOString().slice(0, 16);
}

/** cyyjjj → ISO 8601 date (structures 004 and 006 carry a date without a time). */
export function decodeDate(structure: string, text: string, from: number): string {
  digits(structure, text, from, from + 6, "date cyyjjj");
  return decodeDateTime(structure, `${text.slice(0, from + 6)}0000`, from).slice(0, 10);
}

/** ISO 8601 date and time → cyyjjjhhmm. */
export function encodeDateTime(iso: string): string {
  const d = new Date(`${iso.slice(0, 16)}Z`);
  if (Number.isNaN(d.getTime()))
    throw new CradleError("INVALID_INPUT", `"${iso}" is not an ISO 8601 date and time`, { value: iso });
  const year = d.getUTCFullYear();
  const day = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const c = Math.floor((year - 2000) / 100);
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  return `${c}${pad(year % 100, 2)}${pad(day, 3)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}`;
}

/** Reads one data structure. */
export function parseDataStructure(text: string): DataStructure {
  const di = text.slice(0, 2);
  switch (di) {
    case "=%": {
      expectLength("002", text, 6);
      // gg (group and collection information), r (Rh, Kell, Mia/Mur), e (reserved): upper-case codes.
      const code = chars("002", text, 2, 6, UPPER_ALNUM, "an upper-case letter or a digit").slice(0, 2);
      return {
        structure: "002",
        code,
        aboRhD: ABO_RHD_CODES[code],
        rhKell: text[4] as string,
        reserved: text[5] as string,
      };
    }
    case "=<": {
      expectLength("003", text, 10);
      if (!/[A-Z]/.test(text[2] as string)) throw bad("003", text, 3, "should be a letter (product code)");
      digits("003", text, 3, 7, "product code");
      const t = text[7] as string;
      const collectionTypeText = COLLECTION_TYPES[t];
      if (!collectionTypeText) throw bad("003", text, 8, "is not a collection type");
      // Division ds: 00 undivided, else a first-level A–Z and a second-level a–z (0 when there is none).
      if (text.slice(8, 10) !== "00") {
        chars("003", text, 8, 9, /[A-Z]/, "a division's first level, A-Z (00 when not divided)");
        chars("003", text, 9, 10, /[0a-z]/, "a division's second level, a-z, or 0 when there is none");
      }
      return {
        structure: "003",
        productCode: text.slice(2, 7),
        collectionType: t,
        collectionTypeText,
        division: text.slice(8, 10),
      };
    }
    case "=>":
    case "=*": {
      const structure = di === "=>" ? "004" : "006";
      expectLength(structure, text, 8);
      return { structure, isoDate: decodeDate(structure, text, 2) };
    }
    case "&>":
    case "&*": {
      const structure = di === "&>" ? "005" : "007";
      expectLength(structure, text, 12);
      return { structure, isoDateTime: decodeDateTime(structure, text, 2) };
    }
    case "=+": {
      expectLength("023", text, 7);
      const count = Number(digits("023", text, 2, 4, "number of structures"));
      return { structure: "023", count, sequence: digits("023", text, 4, 7, "sequence") };
    }
    case "=,": {
      expectLength("032", text, 8);
      return { structure: "032", divisions: digits("032", text, 2, 8, "divisions") };
    }
    case "=/": {
      expectLength("034", text, 18);
      chars("034", text, 2, 18, UPPER_ALNUM, "an upper-case letter or a digit (processor product code)");
      return { structure: "034", processorProductCode: text.slice(2) };
    }
    case "&/": {
      if (!text.startsWith("&/CH")) throw bad("040", text, 3, 'should begin "&/CH"');
      expectLength("040", text, 17);
      if (!FIN_FIRST.test(text[4] as string))
        throw bad("040", text, 5, "should begin a facility number (A-N, P-Z or 1-9; no O, no 0)");
      digits("040", text, 5, 9, "facility number");
      const year = digits("040", text, 9, 11, "year");
      chars("040", text, 11, 17, UPPER_ALNUM, "an upper-case letter or a digit (identifier)");
      return { structure: "040", fin: text.slice(4, 9), year, identifier: text.slice(11) };
    }
    default:
      if (text.startsWith("=") && text.length === 16) {
        // =αppppyynnnnnnff: the DIN as scanned, no spaces and no check character.
        chars("001", text, 1, 2, FIN_FIRST, "a facility number's first character (A-N, P-Z or 1-9)");
        digits("001", text, 2, 16, "facility number, year, sequence and flags");
        return { structure: "001", din: parseDin(text) };
      }
      throw new CradleError(
        "ISBT_BAD_DATA_STRUCTURE",
        `ISBT 128 "${text}": no data structure Cradle reads begins "${di}"`,
        { value: text, position: 1 },
      );
  }
}

/** Writes a data structure (the inverse of parseDataStructure). */
export function writeDataStructure(ds: DataStructure): string {
  switch (ds.structure) {
    case "001":
      return `=${ds.din.id}${ds.din.flags ?? "00"}`;
    case "002":
      return `=%${ds.code}${ds.rhKell}${ds.reserved}`;
    case "003":
      return `=<${ds.productCode}${ds.collectionType}${ds.division}`;
    case "004":
      return `=>${encodeDateTime(`${ds.isoDate}T00:00`).slice(0, 6)}`;
    case "006":
      return `=*${encodeDateTime(`${ds.isoDate}T00:00`).slice(0, 6)}`;
    case "005":
      return `&>${encodeDateTime(ds.isoDateTime)}`;
    case "007":
      return `&*${encodeDateTime(ds.isoDateTime)}`;
    case "023":
      return `=+${String(ds.count).padStart(2, "0")}${ds.sequence}`;
    case "032":
      return `=,${ds.divisions}`;
    case "034":
      return `=/${ds.processorProductCode}`;
    case "040":
      return `&/CH${ds.fin}${ds.year}${ds.identifier}`;
  }
}

const LENGTHS: Readonly<Record<string, number>> = {
  "=%": 6,
  "=<": 10,
  "&>": 12,
  "&*": 12,
  "=>": 8,
  "=*": 8,
  "=+": 7,
  "=,": 8,
  "=/": 18,
  "&/": 17,
};

/** Splits a compound message (023) or any concatenation of known structures into its structures. */
export function splitDataStructures(text: string): DataStructure[] {
  const out: DataStructure[] = [];
  let i = 0;
  while (i < text.length) {
    const di = text.slice(i, i + 2);
    const len = LENGTHS[di] ?? (text[i] === "=" ? 16 : undefined);
    if (len === undefined) {
      throw new CradleError(
        "ISBT_BAD_DATA_STRUCTURE",
        `ISBT 128 "${text}": character ${i + 1} "${text[i]}" begins no data structure`,
        {
          value: text,
          position: i + 1,
        },
      );
    }
    out.push(parseDataStructure(text.slice(i, i + len)));
    i += len;
  }
  const head = out[0];
  if (head?.structure === "023" && head.count !== out.length - 1) {
    throw new CradleError(
      "ISBT_BAD_DATA_STRUCTURE",
      `ISBT 128 compound message "${text}" announces ${head.count} structures and holds ${out.length - 1}`,
      { value: text, position: 1 },
    );
  }
  return out;
}
