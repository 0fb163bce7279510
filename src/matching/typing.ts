/**
 * A patient's or listing's HLA typing cut into loci: for each locus, the genotypes it may be (GL "|"
 * alternatives), each a pair of positions, each position the allele-list text at that chromosome.
 * "A*01:01+A*02:AB^B*07:02+B*08:01", phased "A*01:01~B*08:01+A*02:01~B*07:02", and a locus written with
 * one position ("B*07:02", read as homozygous, as registries report it) are all understood.
 */
import { CradleError } from "../errors.js";
import { type GlTree, formatGl, leaves, parseGl } from "../hla/index.js";
import type { Release } from "../hla/index.js";

/** One chromosome's typing at one locus: a GL allele list such as "A*01:01/A*01:02", "A*01:AB" or "A24". */
export type Position = string;
export type Genotype = readonly [Position, Position];

export interface LocusTyping {
  locus: string;
  /** Genotype alternatives; usually one. */
  genotypes: Genotype[];
  /** True when the GL string named the locus once, without "+": read as homozygous. */
  single: boolean;
}

function locusOfToken(token: string, release: Release): string {
  const bare = token.startsWith("HLA-") ? token.slice(4) : token;
  const star = bare.indexOf("*");
  if (star > 0) return bare.slice(0, star);
  const sero = release.serologyLocus(bare);
  if (!sero) {
    throw new CradleError("HLA_BAD_NAME", `"${token}" names no locus that can be graded`, { token });
  }
  return sero;
}

function locusOfTree(t: GlTree, release: Release, gl: string): string {
  const loci = new Set(leaves(t).map((l) => locusOfToken(l.token, release)));
  if (loci.size !== 1) {
    throw new CradleError(
      "INVALID_INPUT",
      `GL string "${gl}": "${formatGl(t)}" mixes loci ${[...loci].join(", ")} where one locus was expected`,
      { glString: gl },
    );
  }
  return [...loci][0] as string;
}

/** Positions of one chromosome by locus: a "~" haplotype gives one per locus, anything else one. */
function chromosome(t: GlTree, release: Release, gl: string): Map<string, Position> {
  const items = t.kind === "node" && t.op === "~" ? t.items : [t];
  const out = new Map<string, Position>();
  for (const item of items) {
    const locus = locusOfTree(item, release, gl);
    if (out.has(locus)) {
      throw new CradleError("INVALID_INPUT", `GL string "${gl}": a haplotype names locus ${locus} twice`, {
        glString: gl,
      });
    }
    out.set(locus, formatGl(item));
  }
  return out;
}

/** Genotype alternatives by locus from one "^"-free part: "+" (maybe of haplotypes), "|", or one position. */
function genotypesOf(
  t: GlTree,
  release: Release,
  gl: string,
): Map<string, { genotypes: Genotype[]; single: boolean }> {
  const out = new Map<string, { genotypes: Genotype[]; single: boolean }>();
  const add = (locus: string, g: Genotype, single: boolean) => {
    const e = out.get(locus) ?? { genotypes: [], single };
    e.genotypes.push(g);
    out.set(locus, e);
  };
  const alternatives = t.kind === "node" && t.op === "|" ? t.items : [t];
  for (const alt of alternatives) {
    if (alt.kind === "node" && alt.op === "+") {
      if (alt.items.length !== 2) {
        throw new CradleError(
          "INVALID_INPUT",
          `GL string "${gl}": a genotype has ${alt.items.length} chromosomes, not 2`,
          {
            glString: gl,
          },
        );
      }
      const [a, b] = alt.items.map((c) => chromosome(c, release, gl)) as [
        Map<string, Position>,
        Map<string, Position>,
      ];
      for (const [locus, pa] of a) {
        const pb = b.get(locus);
        if (pb === undefined) {
          throw new CradleError(
            "INVALID_INPUT",
            `GL string "${gl}": locus ${locus} is on one chromosome only`,
            {
              glString: gl,
            },
          );
        }
        add(locus, [pa, pb], false);
      }
    } else {
      for (const [locus, p] of chromosome(alt, release, gl)) add(locus, [p, p], true);
    }
  }
  return out;
}

/** Cuts a GL string into loci. Throws a CradleError naming the part that cannot be read. */
export function typingByLocus(gl: string, release: Release): Map<string, LocusTyping> {
  const tree = parseGl(gl);
  const parts = tree.kind === "node" && tree.op === "^" ? tree.items : [tree];
  const out = new Map<string, LocusTyping>();
  for (const part of parts) {
    for (const [locus, e] of genotypesOf(part, release, gl)) {
      if (out.has(locus)) {
        throw new CradleError("INVALID_INPUT", `GL string "${gl}" types locus ${locus} twice`, {
          glString: gl,
          locus,
        });
      }
      out.set(locus, { locus, genotypes: e.genotypes, single: e.single });
    }
  }
  return out;
}

/** How many combinations of genotype alternatives a typing has over some loci (1: none). */
export function combinationsOver(loci: ReadonlyMap<string, LocusTyping>, over: readonly string[]): number {
  return over.reduce((n, locus) => n * (loci.get(locus)?.genotypes.length ?? 1), 1);
}
