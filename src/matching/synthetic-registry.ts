/**
 * A synthetic registry for demos, tests and benchmarks: adult donors and cord units whose genotypes are
 * drawn from population haplotype frequencies (CSV "haplotype,count,freq", haplotypes A~C~B~DRB1~DQB1),
 * typed at the mix of resolutions real registries hold (mostly two-field, many MACs, some XX codes and
 * serology, C and DQB1 sometimes untyped), with realistic cord cell counts and volumes. Pure and
 * deterministic: the same seed, frequencies and MAC file give the same registry.
 */
import { CradleError } from "../errors.js";
import { type HlaEngine, joinGl } from "../hla/index.js";
import { INDEX_LOCI, type SearchIndex } from "./search-index.js";

export interface Haplotype {
  /** Locus → two-field allele, e.g. { A: "A*01:01", C: "C*07:01", … }. */
  alleles: Readonly<Record<string, string>>;
  frequency: number;
}

/** Reads "haplotype,count,freq" rows (a header row is allowed); each bad row is named by its line. */
export function parseHaplotypeFrequencies(csv: string, file = "frequencies"): Haplotype[] {
  const out: Haplotype[] = [];
  csv.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === "" || /^haplo/i.test(t)) return;
    const [hap, , freq] = t.split(",");
    const f = Number(freq);
    if (!hap?.includes("*") || !Number.isFinite(f) || f <= 0) {
      throw new CradleError(
        "INVALID_INPUT",
        `${file}: line ${i + 1}: expected "A*..~B*..,count,frequency", got "${t}"`,
        {
          file,
          line: i + 1,
        },
      );
    }
    const alleles: Record<string, string> = {};
    for (const a of hap.split("~")) alleles[a.slice(0, a.indexOf("*"))] = a;
    out.push({ alleles, frequency: f });
  });
  if (out.length === 0) throw new CradleError("INVALID_INPUT", `${file}: no haplotypes`, { file });
  return out;
}

/** Deterministic pseudo-random numbers in [0, 1) from a seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export type Abo = "O+" | "O-" | "A+" | "A-" | "B+" | "B-" | "AB+" | "AB-";

export interface AdultListing {
  kind: "adult";
  id: string;
  registry: string;
  sex: "F" | "M";
  birthDate: string;
  cmv: "positive" | "negative";
  abo: Abo;
  typing: string;
}

export interface CordListing {
  kind: "cord";
  id: string;
  bank: string;
  accredited: boolean;
  collectedAt: string;
  volumeMl: number;
  tnc: number;
  cd34: number;
  viabilityPercent: number;
  abo: Abo;
  rbcDepleted: boolean;
  attachedSegments: number;
  typing: string;
}

export type Listing = AdultListing | CordListing;

/** How typings are degraded; defaults follow the mix of a large registry. */
export interface ResolutionMix {
  /** Share of positions written as a MAC covering the allele. */
  mac: number;
  /** Share written as an XX code (first field only). */
  xx: number;
  /** Share written as a serological antigen. */
  serology: number;
  /** Share of listings with C untyped, and with DQB1 untyped. */
  cUntyped: number;
  dqb1Untyped: number;
}

export const DEFAULT_MIX: Readonly<ResolutionMix> = {
  mac: 0.25,
  xx: 0.04,
  serology: 0.03,
  cUntyped: 0.2,
  dqb1Untyped: 0.4,
};

export interface GenerateOptions {
  haplotypes: readonly Haplotype[];
  engine: HlaEngine;
  adults: number;
  cords: number;
  seed: number;
  /** Dates are drawn before this day (no clock is read); default 2026-01-01. */
  asOf?: string;
  mix?: Partial<ResolutionMix>;
}

const REGISTRIES = ["US-NMDP", "DE-ZKRD", "UK-AN", "PL-DKMS", "FR-FGM", "IT-IBMDR", "ES-REDMO", "NL-MDR"];
const BANKS = ["NYBC", "CLINIMMUNE", "ANTHONY-NOLAN-CB", "BARCELONA-CB", "DUKE-CB", "DKMS-CB"];
// Blood group shares of a European population (O 41 %, A 44 %, B 10 %, AB 5 %; RhD negative about 15 %).
const ABO: readonly [Abo, number][] = [
  ["O+", 0.35],
  ["O-", 0.06],
  ["A+", 0.37],
  ["A-", 0.07],
  ["B+", 0.085],
  ["B-", 0.015],
  ["AB+", 0.04],
  ["AB-", 0.01],
];
/** Loci in the order GL strings list them (by name), and their place in the haplotype file. */
const LOCI = ["A", "B", "C", "DQB1", "DRB1"] as const;
const DAY_MS = 24 * 3600 * 1000;

/** Generic MAC codes by the second field they cover ("01" → codes listing 01), short codes only. */
function macIndex(engine: HlaEngine): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [code, subtypes] of engine.macs?.codes ?? []) {
    if (subtypes.length > 6 || subtypes.some((s) => s.includes(":"))) continue;
    for (const s of subtypes) {
      const list = out.get(s) ?? [];
      list.push(code);
      out.set(s, list);
    }
  }
  return out;
}

/** Draws haplotypes by frequency (binary search over cumulative frequencies). */
export function haplotypeSampler(haplotypes: readonly Haplotype[], rand: () => number): () => Haplotype {
  const cumulative: number[] = [];
  let total = 0;
  for (const h of haplotypes) {
    total += h.frequency;
    cumulative.push(total);
  }
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return haplotypes[lo] as Haplotype;
  };
}

/** The ways a registry may report one allele: itself, MACs that cover it, its XX code, its antigen. */
interface Variants {
  allele: string;
  macs: string[];
  xx: string;
  serology: string | undefined;
}

/** Degrades an allele to a registry's mix of resolutions; each allele's variants are worked out once. */
export class Degrader {
  private readonly macs: Map<string, string[]>;
  private readonly cache = new Map<string, Variants>();

  constructor(
    private readonly engine: HlaEngine,
    private readonly mix: ResolutionMix,
  ) {
    this.macs = macIndex(engine);
  }

  variants(allele: string): Variants {
    let v = this.cache.get(allele);
    if (v) return v;
    const [family, second] = allele.split(":") as [string, string];
    // Up to 8 short generic codes whose expansion really contains the allele.
    const macs: string[] = [];
    for (const code of this.macs.get(second) ?? []) {
      if (macs.length >= 8) break;
      const mac = `${family}:${code}`;
      try {
        if (this.engine.expandMac(mac).split("/").includes(allele)) macs.push(mac);
      } catch {
        /* the code names no allele of this family */
      }
    }
    const antigen = this.engine.reduce(allele, "S").split("/")[0];
    v = { allele, macs, xx: `${family}:XX`, serology: antigen === "" ? undefined : antigen };
    this.cache.set(allele, v);
    return v;
  }

  /** Which variant to report: mostly the allele, else a MAC, an XX code or the antigen, per the mix. */
  choose(v: Variants, rand: () => number): string {
    const x = rand();
    const m = this.mix;
    if (x < m.mac)
      return v.macs.length > 0 ? (v.macs[Math.floor(rand() * v.macs.length)] as string) : v.allele;
    if (x < m.mac + m.xx) return v.xx;
    if (x < m.mac + m.xx + m.serology) return v.serology ?? v.allele;
    return v.allele;
  }

  pick(allele: string, rand: () => number): string {
    return this.choose(this.variants(allele), rand);
  }
}

/** Draws listings one at a time, so millions can be written without holding them. */
export function* generateRegistry(o: GenerateOptions): Generator<Listing> {
  const mix = { ...DEFAULT_MIX, ...o.mix };
  const rand = seededRandom(o.seed);
  const asOf = Date.parse(o.asOf ?? "2026-01-01");
  if (Number.isNaN(asOf))
    throw new CradleError("INVALID_INPUT", `asOf "${o.asOf}" is not a date`, { field: "asOf" });
  const drawHaplotype = haplotypeSampler(o.haplotypes, rand);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const weighted = <T>(xs: readonly [T, number][]): T => {
    let x = rand();
    for (const [v, w] of xs) {
      x -= w;
      if (x < 0) return v;
    }
    return (xs[xs.length - 1] as [T, number])[0];
  };
  /** Normal deviate (Box–Muller) for lognormal cell counts. */
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const degrade = new Degrader(o.engine, mix);
  const position = (allele: string): string => degrade.pick(allele, rand);

  const typing = (): string => {
    const h1 = drawHaplotype();
    const h2 = drawHaplotype();
    const cTyped = rand() >= mix.cUntyped;
    const dqTyped = rand() >= mix.dqb1Untyped;
    const parts: string[] = [];
    for (const locus of LOCI) {
      if ((locus === "C" && !cTyped) || (locus === "DQB1" && !dqTyped)) continue;
      const a = h1.alleles[locus];
      const b = h2.alleles[locus];
      if (!a || !b) continue;
      parts.push(joinGl([position(a), position(b)], "+"));
    }
    return parts.join("^");
  };
  const date = (minYears: number, maxYears: number) =>
    new Date(asOf - (minYears + rand() * (maxYears - minYears)) * 365.25 * DAY_MS).toISOString().slice(0, 10);

  for (let i = 0; i < o.adults; i++) {
    yield {
      kind: "adult",
      id: `D${String(i + 1).padStart(9, "0")}`,
      registry: pick(REGISTRIES),
      sex: rand() < 0.5 ? "F" : "M",
      birthDate: date(18, 60),
      cmv: rand() < 0.5 ? "positive" : "negative",
      abo: weighted(ABO),
      typing: typing(),
    };
  }
  for (let i = 0; i < o.cords; i++) {
    // Banked units: volume about 60-150 mL; TNC lognormal around 1.2×10^9 (banks keep ≥ 0.9×10^9);
    // CD34+ about 0.3 % of TNC; post-processing viability 85-99 %.
    const volumeMl = Math.round(Math.min(200, Math.max(40, 95 + 25 * normal())));
    const tnc = Math.round(Math.max(0.9e9, 1.2e9 * Math.exp(0.35 * normal())) / 1e6) * 1e6;
    const cd34 = Math.round((tnc * 0.003 * Math.exp(0.5 * normal())) / 1e3) * 1e3;
    yield {
      kind: "cord",
      id: `CB${String(i + 1).padStart(8, "0")}`,
      bank: pick(BANKS),
      accredited: rand() < 0.9,
      collectedAt: date(0, 15),
      volumeMl,
      tnc,
      cd34,
      viabilityPercent: Math.round(85 + rand() * 14),
      abo: weighted(ABO),
      rbcDepleted: rand() < 0.8,
      attachedSegments: rand() < 0.85 ? 1 + Math.floor(rand() * 3) : 0,
      typing: typing(),
    };
  }
}

/**
 * Fills a search index straight from the frequencies, without GL strings or a database: how the benchmark
 * builds registries of tens of millions. Listings get no ids (the empty string): results are slots.
 */
export function generateIntoIndex(
  index: SearchIndex,
  o: Omit<GenerateOptions, "engine" | "asOf">,
  onProgress?: (done: number) => void,
): void {
  const mix = { ...DEFAULT_MIX, ...o.mix };
  const rand = seededRandom(o.seed);
  const draw = haplotypeSampler(o.haplotypes, rand);
  const degrade = new Degrader(index.engine, mix);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const ids = new Array<number>(INDEX_LOCI.length * 2).fill(0);
  const total = o.adults + o.cords;
  for (let n = 0; n < total; n++) {
    const h1 = draw();
    const h2 = draw();
    const cTyped = rand() >= mix.cUntyped;
    const dqTyped = rand() >= mix.dqb1Untyped;
    INDEX_LOCI.forEach((locus, l) => {
      const a = h1.alleles[locus];
      const b = h2.alleles[locus];
      const skip = (locus === "C" && !cTyped) || (locus === "DQB1" && !dqTyped) || !a || !b;
      ids[2 * l] = skip ? 0 : index.intern(l, degrade.pick(a as string, rand));
      ids[2 * l + 1] = skip ? 0 : index.intern(l, degrade.pick(b as string, rand));
    });
    if (n < o.adults) index.addInterned("", "adult", ids);
    else {
      const tnc = Math.max(0.9e9, 1.2e9 * Math.exp(0.35 * normal()));
      index.addInterned("", "cord", ids, tnc, tnc * 0.003 * Math.exp(0.5 * normal()));
    }
    if (onProgress && n % 1_000_000 === 0) onProgress(n);
  }
}
