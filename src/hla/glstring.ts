/**
 * GL String grammar (Milius et al., "Genotype List String", 2013). Operators from loosest to tightest:
 *   ^  loci          |  genotype alternatives     +  the two chromosomes of a genotype
 *   ~  haplotype (alleles on one chromosome)      /  allele alternatives
 * A GL string parses to a tree whose leaves are tokens (allele names, MACs, XX codes, serology) with their
 * character position, so an error can point at the exact token.
 */
import { CradleError } from "../errors.js";
import { compareNames } from "./sort.js";

export const GL_OPERATORS = ["^", "|", "+", "~", "/"] as const;
export type GlOperator = (typeof GL_OPERATORS)[number];

export interface GlLeaf {
  kind: "leaf";
  token: string;
  /** 0-based character offset of the token in the parsed string. */
  position: number;
}

export interface GlNode {
  kind: "node";
  op: GlOperator;
  items: GlTree[];
}

export type GlTree = GlLeaf | GlNode;

function parseLevel(text: string, start: number, end: number, level: number): GlTree {
  const op = GL_OPERATORS[level];
  if (op === undefined) {
    const token = text.slice(start, end);
    if (token === "") {
      throw new CradleError("HLA_GL_SYNTAX", `GL string "${text}": empty name at position ${start + 1}`, {
        glString: text,
        position: start + 1,
      });
    }
    if (/\s/.test(token)) {
      throw new CradleError(
        "HLA_GL_SYNTAX",
        `GL string "${text}": "${token}" at position ${start + 1} contains white space`,
        { glString: text, token, position: start + 1 },
      );
    }
    return { kind: "leaf", token, position: start };
  }
  const parts: GlTree[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === op) {
      parts.push(parseLevel(text, from, i, level + 1));
      from = i + 1;
    }
  }
  return parts.length === 1 && parts[0] ? parts[0] : { kind: "node", op, items: parts };
}

/** Parses a GL string; throws HLA_GL_SYNTAX naming the position of an empty part. */
export function parseGl(text: string): GlTree {
  if (text.trim() === "") {
    throw new CradleError("HLA_GL_SYNTAX", "GL string is empty", { glString: text, position: 1 });
  }
  return parseLevel(text, 0, text.length, 0);
}

export function leaves(tree: GlTree): GlLeaf[] {
  if (tree.kind === "leaf") return [tree];
  return tree.items.flatMap(leaves);
}

/**
 * Joins already-formatted parts under one operator the way py-ard prints them: "~" keeps haplotype order;
 * "+" sorts and keeps duplicates (a homozygous genotype lists its allele twice); "/", "|" and "^"
 * flatten, drop duplicates and empty parts, and sort. `ignored` allele fields sort last.
 */
export function joinGl(parts: readonly string[], op: GlOperator, ignored: readonly string[] = []): string {
  if (op === "~") return parts.join("~");
  if (op === "+" && parts.length === 2) {
    // The usual case: a genotype of two.
    const a = parts[0] as string;
    const b = parts[1] as string;
    if (a !== "" && b !== "") return compareNames(a, b, ignored) <= 0 ? `${a}+${b}` : `${b}+${a}`;
  }
  const cmp = (a: string, b: string) => compareNames(a, b, ignored);
  if (op === "+")
    return parts
      .filter((p) => p !== "")
      .sort(cmp)
      .join("+");
  if (parts.length === 1 && parts[0] !== undefined && parts[0].indexOf(op) < 0) return parts[0];
  if (op === "^" && strictlyAscending(parts)) return parts.join("^"); // loci already in order, each once
  const unique = new Set<string>();
  for (const p of parts) {
    if (p.indexOf(op) < 0) {
      if (p !== "") unique.add(p);
    } else for (const q of p.split(op)) if (q !== "") unique.add(q);
  }
  const list = [...unique];
  // Loci are listed by name ("A…^B…^C…"), whatever their allele numbers.
  if (op === "^") return list.sort().join("^");
  return list.sort(cmp).join(op);
}

function strictlyAscending(parts: readonly string[]): boolean {
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1] as string;
    const cur = parts[i] as string;
    if (!(prev < cur) || prev === "" || cur.indexOf("^") >= 0) return false;
  }
  return parts[0] !== "" && (parts[0]?.indexOf("^") ?? -1) < 0;
}

/** Writes a tree back as a canonical GL string (sorted, duplicates removed where the grammar allows). */
export function formatGl(tree: GlTree, ignored: readonly string[] = []): string {
  if (tree.kind === "leaf") return tree.token;
  return joinGl(
    tree.items.map((t) => formatGl(t, ignored)),
    tree.op,
    ignored,
  );
}
