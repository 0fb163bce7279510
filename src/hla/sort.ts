/**
 * The order HLA names are listed in: numerically field by field ("A*02:09" before "A*02:10"), serological
 * antigens by number ("B15/B62/B70"), ignoring expression and group suffixes; a name made of several
 * GL parts sorts as text. This is the order py-ard prints, so Cradle's output can be compared to it.
 * Written without regular expressions: it runs for every pair of names every reduction sorts.
 */

/** True when the text holds a GL operator (/ | + ^ ~); native indexOf is fastest on long allele lists. */
function hasGlOperator(s: string): boolean {
  return (
    s.indexOf("/") >= 0 ||
    s.indexOf("+") >= 0 ||
    s.indexOf("~") >= 0 ||
    s.indexOf("^") >= 0 ||
    s.indexOf("|") >= 0
  );
}

/**
 * Compares field numbers after "*" ("01:01:01G" → 1,1,1; a missing field counts 0, letters end a field)
 * or, for serology ("B62", "DPw6"), the antigen number.
 */
function compareNumbers(a: string, b: string): number {
  const sa = a.indexOf("*");
  const sb = b.indexOf("*");
  if (sa < 0 || sb < 0 || a.indexOf(":") < 0 || b.indexOf(":") < 0)
    return antigenNumber(a) - antigenNumber(b);
  let i = sa + 1;
  let j = sb + 1;
  for (let field = 0; field < 4; field++) {
    let x = 0;
    let y = 0;
    while (i < a.length) {
      const c = a.charCodeAt(i);
      if (c < 48 || c > 57) break;
      x = x * 10 + c - 48;
      i++;
    }
    while (j < b.length) {
      const c = b.charCodeAt(j);
      if (c < 48 || c > 57) break;
      y = y * 10 + c - 48;
      j++;
    }
    if (x !== y) return x - y;
    i = a.indexOf(":", i);
    j = b.indexOf(":", j);
    if (i < 0 && j < 0) return 0;
    i = i < 0 ? a.length : i + 1;
    j = j < 0 ? b.length : j + 1;
  }
  return 0;
}

function antigenNumber(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57)) i++;
  let n = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
  }
  return n;
}

function isIgnored(name: string, ignored: readonly string[]): boolean {
  return ignored.includes(name.slice(name.indexOf("*") + 1));
}

/**
 * Compares two names. `ignored` lists allele fields ("NNNN", "UUUU") that always sort last.
 * Ties broken by plain text so the order never depends on input order.
 */
export function compareNames(a: string, b: string, ignored: readonly string[] = []): number {
  if (a === b) return 0;
  if (hasGlOperator(a) || hasGlOperator(b)) return a < b ? -1 : 1;
  return compareSingleNames(a, b, ignored);
}

/** compareNames for two single names (no GL operator in either), as callers that know it can skip the check. */
export function compareSingleNames(a: string, b: string, ignored: readonly string[] = []): number {
  if (a === b) return 0;
  if (ignored.length > 0) {
    const ai = isIgnored(a, ignored);
    const bi = isIgnored(b, ignored);
    if (ai !== bi) return ai ? 1 : -1;
  }
  const d = compareNumbers(a, b);
  if (d !== 0) return d;
  return a < b ? -1 : 1;
}

export function sortNames(names: Iterable<string>, ignored: readonly string[] = []): string[] {
  return [...names].sort((a, b) => compareNames(a, b, ignored));
}
