import { joinGl } from "./glstring.js";
/**
 * One small pure reducer per level. Each takes one bare name the engine has already expanded and checked
 * (a valid allele, a G group or a P group, no "HLA-" prefix) and returns its reduction, possibly an
 * allele list joined by "/". The semantics are py-ard's (NMDP), so results compare with its tables.
 */
import { fieldCount, firstFields, isExpressionChar, lastChar, stripGroupSuffix } from "./names.js";
import type { Release } from "./release.js";
import { sortNames } from "./sort.js";

export const LEVELS = ["G", "P", "lg", "lgx", "W", "exon", "U2", "S", "1F"] as const;
export type Level = (typeof LEVELS)[number];

export interface ReduceOptions {
  /** Refuse unknown names (default). Non-strict tries expression suffixes and accepts "g" names. */
  strict?: boolean;
  /** Write lg names with "ARS" instead of "g". */
  arsSuffix?: boolean;
  /** Reduce alleles whose protein group has no G group to their P group at lg, lgx and U2 (default on, as py-ard). */
  ping?: boolean;
  /** Allele fields passed through untouched and listed last, e.g. ["NNNN", "UUUU"] for DRBX*NNNN. */
  ignoreSuffixes?: readonly string[];
}

export interface ReducerContext {
  release: Release;
  options: Required<ReduceOptions>;
  /** Reduces another token (used by expanding levels); returns "" for nothing. */
  reduceToken(token: string, level: Level): string;
}

export type Reducer = (name: string, ctx: ReducerContext) => string;

/** An allele list: flattened, duplicates and empty parts dropped, sorted. */
const joinUnique = (items: readonly string[]): string => joinGl(items, "/");

/** G and P names reduce through the allele they are named after. */
function groupStem(name: string, ctx: ReducerContext): string {
  const c = lastChar(name);
  if (c === "G" && ctx.release.gGroupName(name)) return stripGroupSuffix(name);
  if (c === "P" && ctx.release.isPGroup(name)) return stripGroupSuffix(name);
  return name;
}

const reduceG: Reducer = (name, ctx) => {
  const official = ctx.release.gGroupName(name);
  if (official) return official;
  const stem = groupStem(name, ctx);
  const groups = ctx.release.gGroupsOf(stem);
  return groups ? joinUnique(groups) : stem;
};

const reduceP: Reducer = (name, ctx) => {
  if (ctx.release.isPGroup(name)) return name;
  const stem = groupStem(name, ctx);
  return ctx.release.pGroupOf(stem) ?? stem;
};

/**
 * lgx: two fields of the G group's first allele. With ping, an allele whose protein group has no G group
 * takes its P group's name, and an lgx name that is itself in another group is reduced once more.
 */
const reduceLgx: Reducer = (name, ctx) => {
  const stem = groupStem(name, ctx);
  const once = ctx.release.lgx(stem);
  if (!ctx.options.ping) return once;
  const p = ctx.release.pingOf(stem);
  if (p) return p;
  if (once === stem || ctx.release.isPingTarget(once)) return once;
  const twice = ctx.release.lgx(once);
  return ctx.release.isValid(twice) ? twice : once;
};

const reduceLg: Reducer = (name, ctx) => {
  const suffix = ctx.options.arsSuffix ? "ARS" : "g";
  return reduceLgx(name, ctx)
    .split("/")
    .map((a) => a + suffix)
    .join("/");
};

const reduceW: Reducer = (name, ctx) => {
  if (ctx.release.isWho(name)) return name;
  const group = ctx.release.whoGroup(name);
  if (!group) return name;
  return joinUnique(group.map((m) => ctx.reduceToken(m, "W")));
};

/** Three fields; a null (or other suffixed) allele keeps its suffix when the 3-field short null exists. */
const reduceExon: Reducer = (name, ctx) => {
  if (ctx.release.isWho(name)) {
    const three = firstFields(name, 3);
    const c = lastChar(name);
    if (fieldCount(name) > 3 && isExpressionChar(c) && ctx.release.shortNull(three + c)) return three + c;
    return three;
  }
  const expanded = reduceW(name, ctx);
  if (expanded === name) return firstFields(name, 3);
  return joinUnique(expanded.split("/").map((a) => reduceExon(a, ctx)));
};

const reduceU2: Reducer = (name, ctx) => {
  const stem = groupStem(name, ctx);
  if (ctx.options.ping) {
    const p = ctx.release.pingOf(stem);
    if (p) return p;
  }
  if (fieldCount(stem) === 2) return stem;
  const two = firstFields(stem, 2, true);
  return ctx.release.isValid(two) ? two : reduceLgx(stem, ctx);
};

/** Serological equivalents (rel_dna_ser.txt, splits rolled up into broads); "" when none (null alleles). */
const reduceS: Reducer = (name, ctx) => {
  const stem = groupStem(name, ctx);
  if (fieldCount(stem) === 2) {
    const lgx = ctx.release.lgx(stem);
    const found = ctx.release.antigensOf(lgx, true);
    if (found.length > 0) return sortNames(found).join("/");
  }
  return sortNames(ctx.release.antigensOf(stem, false)).join("/");
};

const reduceFirstField: Reducer = (name, ctx) => firstFields(groupStem(name, ctx), 1);

export const REDUCERS: Readonly<Record<Level, Reducer>> = {
  G: reduceG,
  P: reduceP,
  lg: reduceLg,
  lgx: reduceLgx,
  W: reduceW,
  exon: reduceExon,
  U2: reduceU2,
  S: reduceS,
  "1F": reduceFirstField,
};

export function isLevel(s: string): s is Level {
  return (LEVELS as readonly string[]).includes(s);
}
