/**
 * Small helpers on HLA allele names ("A*01:01:01:02N"), written to agree with how IMGT/HLA files and
 * py-ard cut names into fields. All take bare names (no "HLA-" prefix).
 */

/** Expression suffixes of the WHO nomenclature, in the order a non-strict lookup tries them. */
export const EXPRESSION_CHARS = ["N", "Q", "L", "S", "C", "A"] as const;
export type ExpressionChar = (typeof EXPRESSION_CHARS)[number];

const EXPRESSION_SET: ReadonlySet<string> = new Set(EXPRESSION_CHARS);

export function isExpressionChar(c: string | undefined): c is ExpressionChar {
  return c !== undefined && EXPRESSION_SET.has(c);
}

export function lastChar(name: string): string {
  return name.charAt(name.length - 1);
}

/** "A*01:01:01:02N" → "A". */
export function locusOf(name: string): string {
  const star = name.indexOf("*");
  return star < 0 ? name : name.slice(0, star);
}

export function fieldCount(name: string): number {
  let n = 1;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 58) n++;
  return n;
}

/**
 * The first n fields. A suffix attached to a dropped field is dropped with it, unless `keepExpression`:
 * firstFields("A*01:04:01:01N", 2) = "A*01:04", with keepExpression "A*01:04N".
 */
export function firstFields(name: string, n: number, keepExpression = false): string {
  let pos = -1;
  for (let k = 0; k < n; k++) {
    pos = name.indexOf(":", pos + 1);
    if (pos < 0) return name;
  }
  const cut = name.slice(0, pos);
  const last = lastChar(name);
  return keepExpression && isExpressionChar(last) ? cut + last : cut;
}

/** Two fields of an allele or group name, with a trailing G or P removed first. */
export function twoFields(name: string): string {
  return firstFields(stripGroupSuffix(name), 2);
}

export function stripGroupSuffix(name: string): string {
  const c = lastChar(name);
  return c === "G" || c === "P" ? name.slice(0, -1) : name;
}

/** Name of a G group after its first listed allele: three fields, or two plus ":01", then "G" (py-ard's rule). */
export function gGroupNameFromFirstAllele(locus: string, firstAllele: string): string {
  let a = firstAllele;
  if (isExpressionChar(lastChar(a))) a = a.slice(0, -1);
  return fieldCount(a) === 2 ? `${locus}${a}:01G` : `${locus}${firstFields(a, 3)}G`;
}
