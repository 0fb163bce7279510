/**
 * The order HLA names are listed in: numerically field by field ("A*02:09" before "A*02:10"), serological
 * antigens by number ("B15/B62/B70"), ignoring expression and group suffixes; a name made of several
 * GL parts sorts as text. This is the order py-ard prints, so Cradle's output can be compared to it.
 */

const SUFFIX_CHARS = /[PNQLSGg]/g;
const GL_CHARS = /[/|+^~]/;

function stripSuffixes(a: string): string {
  return a.endsWith("ARS") ? a.slice(0, -3) : a.replace(SUFFIX_CHARS, "");
}

function fieldNumber(s: string | undefined): number {
  if (s === undefined) return 0;
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? 0 : n;
}

function antigenNumber(s: string): number {
  const m = /^\D+(\d+)/.exec(s);
  return m?.[1] ? Number.parseInt(m[1], 10) : 0;
}

function compareCore(x: string, y: string): number {
  if (!x.includes(":") || !y.includes(":")) {
    return antigenNumber(x) - antigenNumber(y);
  }
  const xf = x.slice(x.indexOf("*") + 1).split(":");
  const yf = y.slice(y.indexOf("*") + 1).split(":");
  for (let i = 0; i < 4; i++) {
    const d = fieldNumber(xf[i]) - fieldNumber(yf[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Compares two names. `ignored` lists allele fields ("NNNN", "UUUU") that always sort last.
 * Ties broken by plain text so the order never depends on input order.
 */
export function compareNames(a: string, b: string, ignored: readonly string[] = []): number {
  if (a === b) return 0;
  if (GL_CHARS.test(a) || GL_CHARS.test(b)) return a < b ? -1 : 1;
  if (ignored.length > 0) {
    const ai = ignored.includes(a.slice(a.indexOf("*") + 1));
    const bi = ignored.includes(b.slice(b.indexOf("*") + 1));
    if (ai !== bi) return ai ? 1 : -1;
  }
  const d = compareCore(stripSuffixes(a), stripSuffixes(b));
  if (d !== 0) return d;
  return a < b ? -1 : 1;
}

export function sortNames(names: Iterable<string>, ignored: readonly string[] = []): string[] {
  return [...names].sort((a, b) => compareNames(a, b, ignored));
}
