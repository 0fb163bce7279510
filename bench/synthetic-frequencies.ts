/**
 * A frequency set of a realistic size for benchmarks, generated when no real one is at hand: the real
 * set's haplotypes keep 60 % of the mass (their frequencies scaled), and new five-locus haplotypes, each
 * locus's allele drawn from the real set's marginal frequencies, share the other 40 % on a Zipf tail (the
 * k-th rarest-but-one gets 1/k), as registries' sets are a few common haplotypes and a long tail of rare
 * ones. Deterministic for a seed. Not a population's frequencies: a load of the right shape.
 */
import { type Haplotype, seededRandom } from "../src/matching/synthetic-registry.js";

export function syntheticFrequencyCsv(real: Haplotype[], size: number, seed = 9): string {
  const loci = Object.keys(real[0]?.alleles ?? {});
  const total = real.reduce((s, h) => s + h.frequency, 0);
  // Each locus's marginal: alleles with their summed frequency, for inverse-CDF draws.
  const marginals = loci.map((locus) => {
    const m = new Map<string, number>();
    for (const h of real) {
      const a = h.alleles[locus] as string;
      m.set(a, (m.get(a) ?? 0) + h.frequency / total);
    }
    const alleles = [...m.keys()];
    const cdf: number[] = [];
    let c = 0;
    for (const a of alleles) {
      c += m.get(a) as number;
      cdf.push(c);
    }
    return { alleles, cdf };
  });
  const rand = seededRandom(seed);
  const draw = (k: number) => {
    const { alleles, cdf } = marginals[k] as { alleles: string[]; cdf: number[] };
    const u = rand() * (cdf[cdf.length - 1] as number);
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return alleles[lo] as string;
  };
  const seen = new Set(real.map((h) => loci.map((l) => h.alleles[l]).join("~")));
  const extra: string[] = [];
  for (let tries = 0; extra.length < size - real.length && tries < size * 20; tries++) {
    const name = loci.map((_, k) => draw(k)).join("~");
    if (seen.has(name)) continue;
    seen.add(name);
    extra.push(name);
  }
  const harmonic = extra.reduce((s, _, k) => s + 1 / (k + 1), 0);
  const lines = ["haplotype,count,freq"];
  for (const h of real)
    lines.push(`${loci.map((l) => h.alleles[l]).join("~")},1,${(0.6 * h.frequency) / total}`);
  extra.forEach((name, k) => {
    lines.push(`${name},1,${0.4 / harmonic / (k + 1)}`);
  });
  return lines.join("\n");
}
