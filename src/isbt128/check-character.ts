/**
 * The ISBT 128 check character of a Donation Identification Number: ISO/IEC 7064 MOD 37-2 over the 13
 * characters (ICCBBA ST-001). Values 0-9 → 0-9, A-Z → 10-35, "*" → 36; s = ((s + v) × 2) mod 37 for each
 * character; the check value is (38 − s) mod 37. (One published library uses 37 − s, which is wrong.)
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

export interface CheckCharacter {
  /** 0-36; Type 3 DIN flags are 60 + this value. */
  value: number;
  /** The printed character: 0-9, A-Z or "*". */
  character: string;
}

/** The check character of 13 DIN characters; undefined when one is outside 0-9 and A-Z. */
export function checkCharacter(din13: string): CheckCharacter | undefined {
  let s = 0;
  for (const ch of din13) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0 || v === 36) return undefined;
    s = ((s + v) * 2) % 37;
  }
  const value = (38 - s) % 37;
  return { value, character: ALPHABET[value] as string };
}
