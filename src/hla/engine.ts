/**
 * The HLA engine: validates and reduces GL strings against one IMGT/HLA release (and, for MACs, one NMDP
 * dictionary). Every token is first resolved to the names it stands for (an XX code to its family, a MAC
 * to its alleles, serology to its alleles, a version-2 name to its version-3 name, a short null to its
 * null alleles), then each name goes through the level's reducer, and the GL structure is rebuilt.
 */
import { CradleError, type ErrorCode } from "../errors.js";
import { GL_OPERATORS, type GlOperator, type GlTree, joinGl, parseGl } from "./glstring.js";
import { lastChar, locusOf } from "./names.js";
import {
  LEVELS,
  type Level,
  REDUCERS,
  type ReduceOptions,
  type ReducerContext,
  isLevel,
} from "./reducers.js";
import type { MacDictionary } from "./reference/mac.js";
import type { Release } from "./release.js";
import { compareSingleNames } from "./sort.js";
import { TokenTable } from "./token-table.js";

/** What one token stands for. */
type Resolved =
  | { kind: "names"; names: readonly string[] }
  /** A name kept as written (an ignored suffix such as DRBX*NNNN). */
  | { kind: "verbatim"; token: string }
  /** A non-strict "g"/"ARS" name: already at lg level; `stem` is its lgx name. */
  | { kind: "lg"; stem: string };

const DEFAULTS: Required<ReduceOptions> = { strict: true, arsSuffix: false, ping: true, ignoreSuffixes: [] };
const CACHE_LIMIT = 500_000;
const NO_V2_LOCI = new Set(["MICA", "MICB", "HFE"]);
const HLA_PREFIX = "HLA-";

/** "HLA-A*01:01" → ["HLA-", "A*01:01"]; names are resolved bare and the prefix put back on the output. */
function splitPrefix(token: string): [prefix: string, bare: string] {
  return token.startsWith(HLA_PREFIX) ? [HLA_PREFIX, token.slice(HLA_PREFIX.length)] : ["", token];
}

/** The grammar's own error (with its position) for a GL string the fast path found malformed. */
function syntaxError(glString: string): CradleError {
  try {
    parseGl(glString);
  } catch (e) {
    if (e instanceof CradleError) return e;
    throw e;
  }
  return new CradleError("HLA_GL_SYNTAX", `GL string "${glString}" is not well formed`, { glString });
}

/** "x+y" in listing order. A token's reduction holds no operator but "/", which makes it sort as text. */
function genotype(a: string, b: string, ignored: readonly string[]): string {
  const first = a.indexOf("/") >= 0 || b.indexOf("/") >= 0 ? a <= b : compareSingleNames(a, b, ignored) <= 0;
  return first ? `${a}+${b}` : `${b}+${a}`;
}

/** Puts a prefix back on each molecular name of an allele list ("A1" serology stays bare). */
function withPrefix(prefix: string, list: readonly string[]): string {
  return (prefix === "" ? list : list.map((a) => (a.includes("*") ? prefix + a : a))).join("/");
}

interface Where {
  token: string;
  position: number;
  glString: string;
}

export class HlaEngine {
  /** Leaf results per level and options: options key → token → result. */
  private readonly caches = new Map<string, TokenTable>();
  private readonly baseCaches = new Map<Level, TokenTable>();
  private readonly validTokens = new Map<string, Set<string>>();
  private cached = 0;

  constructor(
    readonly release: Release,
    readonly macs?: MacDictionary,
    private readonly defaults: ReduceOptions = {},
  ) {}

  private baseOptions: Required<ReduceOptions> | undefined;

  private opts(o?: ReduceOptions): Required<ReduceOptions> {
    if (o === undefined) {
      this.baseOptions ??= { ...DEFAULTS, ...this.defaults };
      return this.baseOptions;
    }
    return { ...DEFAULTS, ...this.defaults, ...o };
  }

  /** Reduces a whole GL string to a level; throws a CradleError naming the first bad token and its position. */
  reduce(glString: string, level: Level | string, options?: ReduceOptions): string {
    if (!isLevel(level)) {
      throw new CradleError("HLA_BAD_LEVEL", `level "${level}" is not one of ${LEVELS.join(", ")}`, {
        level,
      });
    }
    const o = this.opts(options);
    if (glString.trim() === "") throw syntaxError(glString);
    return this.reduceText(glString, 0, level, o, this.cacheFor(level, o), glString);
  }

  /**
   * Checks every token of a GL string against the release with the same parse and lookup that reduce uses;
   * returns the parsed tree. A name is valid only if the release knows it: py-ard's fallback to the first
   * two fields (A*01:01:99:99 valid because A*01:01 is) is not taken, so nothing validate accepts can be
   * refused by reduce, and no stored typing names an allele the release does not have.
   */
  validate(glString: string, options?: ReduceOptions): GlTree {
    const o = this.opts(options);
    const tree = parseGl(glString);
    const valid = this.validTokensFor(o);
    const walk = (t: GlTree): void => {
      if (t.kind === "node") {
        for (const i of t.items) walk(i);
        return;
      }
      if (valid.has(t.token)) return;
      this.resolve(splitPrefix(t.token)[1], o, { token: t.token, position: t.position + 1, glString });
      valid.add(t.token);
    };
    walk(tree);
    return tree;
  }

  /** Tokens already found valid under these options: imports validate millions of typings. */
  private validTokensFor(o: Required<ReduceOptions>): Set<string> {
    const key = `${o.strict ? 1 : 0}${o.ignoreSuffixes.join(",")}`;
    let set = this.validTokens.get(key);
    if (!set) {
      set = new Set();
      this.validTokens.set(key, set);
    }
    if (set.size > CACHE_LIMIT) set.clear();
    return set;
  }

  /** Expands a MAC typing ("A*01:AB") to its valid alleles. */
  expandMac(token: string): string {
    const [prefix, bare] = splitPrefix(token);
    const [locusAntigen, code] = bare.split(":");
    const where = { token, position: 1, glString: token };
    if (!locusAntigen?.includes("*") || !code || !/^[A-Z]+$/.test(code)) {
      throw this.fail("HLA_BAD_NAME", where, "is not a MAC typing like A*01:AB");
    }
    const names = this.macAlleles(locusAntigen, code, where);
    return withPrefix(prefix, names);
  }

  /** Expands an XX code ("A*74:XX") to the two-field alleles of its family. */
  expandXx(token: string): string {
    const [prefix, bare] = splitPrefix(token);
    const family = this.release.xxFamily(bare.replace(/:XX$/, ""));
    if (!bare.endsWith(":XX") || !family) {
      throw this.fail("HLA_UNKNOWN_XX", { token, position: 1, glString: token }, "names no allele family");
    }
    return withPrefix(prefix, family);
  }

  /**
   * Reduces a GL string (or a part of one starting at `offset`) without building a tree: split on the
   * loosest operator present, reduce the parts, join. Same grammar and errors as parseGl, fewer objects:
   * this is the hot path of every search.
   */
  private reduceText(
    text: string,
    offset: number,
    level: Level,
    o: Required<ReduceOptions>,
    cache: TokenTable,
    glString: string,
    from = 0,
  ): string {
    if (from === 0 && text.indexOf("|") < 0 && text.indexOf("~") < 0) {
      return this.reduceLoci(text, offset, level, o, cache, glString);
    }
    // Cached keys are single tokens, so a hit needs no scan for operators. Below "^" and "|" most parts
    // are single tokens; above, hashing the long text would be wasted.
    if (from >= 2) {
      const hit = cache.get(text);
      if (hit !== undefined) return hit;
    }
    // A part of a split holds only operators tighter than the one it was split on: start the search there.
    for (let k = from; k < GL_OPERATORS.length; k++) {
      const op = GL_OPERATORS[k] as GlOperator;
      if (text.indexOf(op) < 0) continue;
      const parts = text.split(op);
      let at = offset;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        if (part === "") throw syntaxError(glString);
        parts[i] = this.reduceText(part, at, level, o, cache, glString, k + 1);
        at += part.length + 1;
      }
      return joinGl(parts, op, o.ignoreSuffixes);
    }
    const hit = from < 2 ? cache.get(text) : undefined;
    if (hit !== undefined) return hit;
    if (/\s/.test(text)) throw syntaxError(glString);
    return this.reduceToken(text, level, o, { token: text, position: offset + 1, glString });
  }

  /**
   * The shape of nearly every donor and patient typing: loci ("^") of two-allele genotypes ("+"). Same
   * result as the general walk, but tokens are looked up by their range in the text, with no substring or
   * array per genotype: this is what search reduces millions of.
   */
  private reduceLoci(
    text: string,
    offset: number,
    level: Level,
    o: Required<ReduceOptions>,
    cache: TokenTable,
    glString: string,
  ): string {
    const results: string[] = [];
    const hasSlash = text.indexOf("/") >= 0;
    let ordered = true; // loci already in order, each once, none empty: join without sorting
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf("^", start);
      if (end < 0) end = text.length;
      if (end === start) throw syntaxError(glString);
      const plus = text.indexOf("+", start);
      const plus2 = plus < 0 ? -1 : text.indexOf("+", plus + 1);
      const slash = hasSlash ? text.indexOf("/", start) : -1;
      let reduced: string;
      // "x+y" with single tokens on both sides (anything else takes the general walk).
      if (plus > start && plus < end - 1 && (plus2 < 0 || plus2 > end) && (slash < 0 || slash > end)) {
        // Each cached value carries a numeric sort key, so ordering the genotype is one comparison.
        const ea = cache.findRange(text, start, plus);
        const eb = cache.findRange(text, plus + 1, end);
        const ra =
          ea >= 0
            ? cache.value(ea)
            : this.reduceText(text.slice(start, plus), offset + start, level, o, cache, glString, 3);
        const rb =
          eb >= 0
            ? cache.value(eb)
            : this.reduceText(text.slice(plus + 1, end), offset + plus + 1, level, o, cache, glString, 3);
        const ka = ea >= 0 && o.ignoreSuffixes.length === 0 ? cache.order(ea) : Number.NaN;
        const kb = eb >= 0 && o.ignoreSuffixes.length === 0 ? cache.order(eb) : Number.NaN;
        if (ka < kb) reduced = `${ra}+${rb}`;
        else if (ka > kb) reduced = `${rb}+${ra}`;
        else if (ra === "" || rb === "") reduced = joinGl([ra, rb], "+", o.ignoreSuffixes);
        else reduced = genotype(ra, rb, o.ignoreSuffixes);
      } else {
        reduced = this.reduceText(text.slice(start, end), offset + start, level, o, cache, glString, 1);
      }
      // Parts of a "^" split hold no "^", so order and uniqueness are all there is to check.
      const last = results.length > 0 ? (results[results.length - 1] as string) : undefined;
      if (reduced === "" || (last !== undefined && !(last < reduced))) ordered = false;
      results.push(reduced);
      start = end + 1;
    }
    return ordered ? results.join("^") : joinGl(results, "^", o.ignoreSuffixes);
  }

  private cacheFor(level: Level, o: Required<ReduceOptions>): TokenTable {
    if (o === this.baseOptions) {
      const c = this.baseCaches.get(level);
      if (c) return c;
    }
    const key = `${level}${o.strict ? 1 : 0}${o.arsSuffix ? 1 : 0}${o.ping ? 1 : 0}${o.ignoreSuffixes.join(",")}`;
    let c = this.caches.get(key);
    if (!c) {
      c = new TokenTable();
      this.caches.set(key, c);
    }
    if (o === this.baseOptions) this.baseCaches.set(level, c);
    return c;
  }

  private reduceToken(token: string, level: Level, o: Required<ReduceOptions>, where: Where): string {
    const cache = this.cacheFor(level, o);
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    const [prefix, bare] = splitPrefix(token);
    const reduced = this.reduceBare(bare, level, o, where);
    const out = prefix === "" || reduced === "" ? reduced : withPrefix(prefix, reduced.split("/"));
    if (++this.cached > CACHE_LIMIT) {
      for (const c of this.caches.values()) c.clear();
      this.cached = 0;
    }
    cache.set(token, out);
    return out;
  }

  private reduceBare(bare: string, level: Level, o: Required<ReduceOptions>, where: Where): string {
    const r = this.resolve(bare, o, where);
    if (r.kind === "verbatim") return r.token;
    if (r.kind === "lg") {
      if (level === "lgx") return r.stem;
      if (level === "lg") return r.stem + (o.arsSuffix ? "ARS" : "g");
      return this.reduceBare(r.stem, level, o, where);
    }
    const ctx: ReducerContext = {
      release: this.release,
      options: o,
      reduceToken: (t, l) => this.reduceToken(t, l, o, where),
    };
    const reducer = REDUCERS[level];
    if (r.names.length === 1 && r.names[0] === bare) return reducer(bare, ctx);
    return joinGl(
      r.names.map((n) => this.reduceToken(n, level, o, where)),
      "/",
      o.ignoreSuffixes,
    );
  }

  /** What a bare token stands for; throws a CradleError when it stands for nothing in this release. */
  private resolve(name: string, o: Required<ReduceOptions>, where: Where): Resolved {
    const star = name.indexOf("*");
    if (star < 0) {
      if (this.release.isSerology(name))
        return { kind: "names", names: this.release.serologyAllelesOf(name) };
      if (/^[A-Z][A-Za-z]*\d+$/.test(name)) {
        throw this.fail("HLA_UNKNOWN_SEROLOGY", where, "is not a WHO-recognised serological antigen");
      }
      throw this.fail("HLA_BAD_NAME", where, "is neither an allele name (with *) nor a serological antigen");
    }
    const locus = name.slice(0, star);
    const fields = name.slice(star + 1);
    if (o.ignoreSuffixes.includes(fields)) return { kind: "verbatim", token: name };
    if (fields === "" || !/^[A-Za-z0-9]+(:[A-Za-z0-9]+)*$/.test(fields)) {
      throw this.fail(
        "HLA_BAD_NAME",
        where,
        "is not an allele name: fields must be letters or digits separated by ':'",
      );
    }
    if (!this.release.loci.has(locus)) {
      throw this.fail(
        "HLA_UNKNOWN_LOCUS",
        where,
        `has locus "${locus}", which IMGT/HLA ${this.release.version} does not have`,
      );
    }
    if (!fields.includes(":") && !NO_V2_LOCI.has(locus)) {
      const v3 = this.v2ToV3(name);
      if (v3) return this.resolve(v3, o, where);
    }
    const parts = fields.split(":");
    if (parts.length === 2 && parts[1] === "XX") {
      const family = this.release.xxFamily(`${locus}*${parts[0]}`);
      if (!family)
        throw this.fail(
          "HLA_UNKNOWN_XX",
          where,
          `names allele family ${locus}*${parts[0]}, which has no alleles`,
        );
      return { kind: "names", names: family };
    }
    if (parts.length === 2 && parts[1] && /^[A-Z]+$/.test(parts[1])) {
      return { kind: "names", names: this.macAlleles(`${locus}*${parts[0]}`, parts[1], where) };
    }
    if (!o.strict && !this.release.isValid(name) && !this.isGroupName(name)) {
      const lg = /^(.*?)(g|ARS)$/.exec(name);
      if (lg?.[1] && this.release.isValid(lg[1])) return { kind: "lg", stem: lg[1] };
      const variant = this.release.suffixedVariant(name);
      if (variant) return this.resolve(variant, o, where);
      const c = lastChar(name);
      if ((c === "G" || c === "P") && this.release.isValid(name.slice(0, -1))) {
        return { kind: "names", names: [name.slice(0, -1)] };
      }
    }
    const shortNull = this.release.shortNull(name);
    if (shortNull) return { kind: "names", names: shortNull };
    if (this.isGroupName(name) || this.release.isValid(name)) return { kind: "names", names: [name] };
    const c = lastChar(name);
    if (c === "G" || c === "P") {
      throw this.fail("HLA_UNKNOWN_GROUP", where, `is not a ${c} group of IMGT/HLA ${this.release.version}`);
    }
    const deleted = this.release.deletedName(name);
    if (deleted) {
      const becomes = deleted.becomes ? `; it became ${deleted.becomes}` : "";
      throw this.fail(
        "HLA_DELETED_ALLELE",
        where,
        `was deleted from the nomenclature on ${deleted.deleted} (${deleted.reason})${becomes}`,
        { becomes: deleted.becomes },
      );
    }
    throw this.fail("HLA_UNKNOWN_ALLELE", where, `is not an allele of IMGT/HLA ${this.release.version}`);
  }

  private isGroupName(name: string): boolean {
    return this.release.gGroupName(name) !== undefined || this.release.isPGroup(name);
  }

  /**
   * Version-2 names ("A*0105N", "DRB5*02ZB"): the name hla_nom.txt says it became, else the fields cut in
   * pairs as version 3 writes them. Returns undefined when the result is not a known allele or MAC.
   */
  private v2ToV3(name: string): string | undefined {
    const listed = this.release.v2Name(name);
    if (listed) return listed;
    const locus = locusOf(name);
    const m = /^(\d+)(.*)$/.exec(name.slice(locus.length + 1));
    if (!m?.[1]) return undefined;
    const digits = m[1];
    const rest = m[2] ?? "";
    let v3: string;
    if (digits.length <= 1) return undefined;
    if (digits.length === 2) {
      if (!rest) return undefined;
      v3 = `${digits}:${rest}`;
    } else if (locus.startsWith("DP") && digits.length === 5) {
      v3 = `${digits.slice(0, 3)}:${digits.slice(3)}${rest}`;
    } else if (digits.length % 2 === 0) {
      v3 = (digits.match(/\d\d/g) ?? []).join(":") + rest;
    } else {
      v3 = `${digits.slice(0, 2)}:${digits.slice(2)}${rest}`;
    }
    const full = `${locus}*${v3}`;
    const last = full.slice(full.lastIndexOf(":") + 1);
    if (/^[A-Z]+$/.test(last)) return this.macs?.codes.has(last) ? full : undefined;
    if (this.release.isValid(full)) return full;
    // IMGT's version-2 conversion carries the null suffix a version-2 name may leave off (A*0111 → A*01:11N).
    return this.release.suffixedVariant(full);
  }

  private macAlleles(locusAntigen: string, code: string, where: Where): string[] {
    if (!this.macs) {
      throw this.fail(
        "HLA_MAC_UNAVAILABLE",
        where,
        "is a multiple allele code, but no MAC dictionary is loaded: set CRADLE_MAC_FILE or pass --mac-file",
      );
    }
    const subtypes = this.macs.codes.get(code);
    if (!subtypes)
      throw this.fail("HLA_UNKNOWN_MAC", where, `uses code ${code}, which is not in the MAC dictionary`);
    const locus = locusOf(locusAntigen);
    // An allele-specific code lists full allele names: they are its expansion as written, whatever first
    // field the typing carries (A*02:CFWRN with CFWRN = 15:01/07:01 is A*15:01/A*07:01), as the WMDA's
    // engine reads it; only the locus comes from the typing.
    const allelic = subtypes.some((s) => s.includes(":"));
    const names = subtypes
      .map((s) => (allelic ? `${locus}*${s}` : `${locusAntigen}:${s}`))
      .filter((a) => this.release.isValid(a));
    if (names.length === 0) {
      throw this.fail("HLA_UNKNOWN_MAC", where, `expands to no allele of IMGT/HLA ${this.release.version}`);
    }
    return names;
  }

  private fail(code: ErrorCode, where: Where, why: string, extra: Record<string, unknown> = {}): CradleError {
    const at = where.glString === where.token ? "" : ` (position ${where.position} of "${where.glString}")`;
    return new CradleError(code, `"${where.token}"${at} ${why}`, {
      token: where.token,
      position: where.position,
      ...extra,
    });
  }
}
