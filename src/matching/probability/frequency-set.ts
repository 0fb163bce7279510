/**
 * A haplotype frequency set (CSV "haplotype,count,freq", e.g. "A*01:01~C*07:01~B*08:01~DRB1*03:01~DQB1*02:01,
 * 12,0.0456"), read from text the caller supplies, checked against one IMGT/HLA release and interned into
 * typed arrays: imputation looks haplotypes up by locus and allele millions of times, never by string.
 * Pure: no file is read here.
 */
import { CradleError } from "../../errors.js";
import type { HlaEngine, Level } from "../../hla/index.js";

/**
 * The resolution the set's alleles are written at and compared at. "lgx": two fields of the G group's first
 * allele (what two-field population studies report); "2-field": the allele's own first two fields; "P": P
 * groups (the antigen recognition domain's protein, Atlas's comparison level).
 */
export const FREQUENCY_RESOLUTIONS = ["lgx", "2-field", "P"] as const;
export type FrequencyResolution = (typeof FREQUENCY_RESOLUTIONS)[number];

/** The engine's reduction level for each resolution. */
export const RESOLUTION_LEVEL: Readonly<Record<FrequencyResolution, Level>> = {
  lgx: "lgx",
  "2-field": "U2",
  P: "P",
};

export function isFrequencyResolution(s: string): s is FrequencyResolution {
  return (FREQUENCY_RESOLUTIONS as readonly string[]).includes(s);
}

const isNull = (name: string) => name.endsWith("N");
const split = (list: string) => list.split("/").filter((n) => n !== "");

/**
 * The names a typing's text (an allele, list, MAC, XX code or antigen) stands for at a resolution. lgx
 * folds a null allele into its G group's expressed name (A*24:09N → A*24:02, identical over exons 2 and
 * 3); a null is not expressed, and the grader says so, so at lgx nulls keep their own two-field name.
 */
export function namesAt(engine: HlaEngine, text: string, resolution: FrequencyResolution): string[] {
  const names = split(engine.reduce(text, RESOLUTION_LEVEL[resolution]));
  if (resolution !== "lgx") return names;
  const twoField = split(engine.reduce(text, "U2"));
  if (!twoField.some(isNull)) return names;
  const out = new Set<string>();
  for (const n of twoField) {
    if (isNull(n)) out.add(n);
    else for (const m of split(engine.reduce(n, "lgx"))) out.add(m);
  }
  return [...out];
}

/** One refused row: its 1-based line and why. */
export interface BadRow {
  line: number;
  text: string;
  reason: string;
}

export interface FrequencySetOptions {
  resolution?: FrequencyResolution;
  /** Population label shown with every result (e.g. "CAU"). */
  population?: string;
  /** Where the file came from, for provenance (a path or a study name). */
  source?: string;
}

export interface HaplotypeFrequencySet {
  readonly population: string;
  readonly source: string;
  readonly resolution: FrequencyResolution;
  /** Loci in the file's order, e.g. ["A", "C", "B", "DRB1", "DQB1"]. */
  readonly loci: readonly string[];
  /** Distinct haplotypes after reduction to the resolution. */
  readonly size: number;
  /** Rows whose haplotype became one already read once reduced to the resolution (their frequencies add). */
  readonly merged: number;
  /** Per locus: allele id → name at the set's resolution. */
  readonly alleleNames: readonly (readonly string[])[];
  /** Per locus: name → allele id. */
  readonly alleleIds: readonly ReadonlyMap<string, number>[];
  /** Allele ids, haplotype-major: alleles[h * loci.length + l]. */
  readonly alleles: Uint16Array;
  /** Normalised haplotype frequencies (they sum to 1), in decreasing order: index h is the h-th most frequent. */
  readonly frequency: Float64Array;
  /** Per locus: each allele's frequency, the sum over the haplotypes carrying it. */
  readonly alleleFrequency: readonly Float64Array[];
  /** Haplotype h written "A*..~C*..~…" in the file's locus order, at the set's resolution. */
  readonly haplotypeNames: readonly string[];
}

/** A plain decimal or scientific number: "0.0456", "6e-05", "1.2E-3" (never "", " ", "0x10" or "Infinity"). */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const COUNT = /^\d{1,15}$/;
const HEADER = /^haplo/i;

/** Reads one row's cells; returns the reason it is refused, or the parts. */
function splitRow(text: string): { reason: string } | { names: string[]; freq: number } {
  const cells = text.split(",");
  if (cells.length !== 3) return { reason: `expected 3 cells "haplotype,count,freq", found ${cells.length}` };
  const [hap, count, freq] = cells.map((c) => c.trim()) as [string, string, string];
  if (count !== "" && !COUNT.test(count)) return { reason: `count "${count}" is not a whole number` };
  if (!DECIMAL.test(freq)) return { reason: `frequency "${freq}" is not a number` };
  const f = Number(freq);
  if (!Number.isFinite(f) || f <= 0) return { reason: `frequency ${freq} is not above 0` };
  const names = hap.split("~");
  if (names.some((n) => n === "")) return { reason: `haplotype "${hap}" has an empty allele` };
  return { names, freq: f };
}

const locusOf = (name: string) => name.slice(0, Math.max(0, name.indexOf("*")));

/**
 * Parses and checks a frequency set. Every row must name the same loci in the same order as the first, each
 * allele valid in the release and one name at the set's resolution; rows that are not are refused together
 * (INVALID_INPUT, each with its line and reason in `details.rows`), never dropped. Frequencies are
 * normalised to sum to 1. `text` is the whole file, or its lines one by one.
 */
export function parseFrequencySet(
  text: string | Iterable<string>,
  engine: HlaEngine,
  options: FrequencySetOptions = {},
): HaplotypeFrequencySet {
  const resolution = options.resolution ?? "lgx";
  const source = options.source ?? "frequencies";
  const lines = typeof text === "string" ? text.split(/\r?\n/) : text;

  let loci: string[] | undefined;
  const bad: BadRow[] = [];
  const reduced = new Map<string, string | { reason: string }>();
  const byHaplotype = new Map<string, number>(); // reduced haplotype → index into rows
  const rows: { names: string[]; freq: number }[] = [];
  const written = new Set<string>();
  let merged = 0;
  let lineNo = 0;

  const reduceName = (name: string): string | { reason: string } => {
    let r = reduced.get(name);
    if (r !== undefined) return r;
    try {
      engine.validate(name);
      const out = namesAt(engine, name, resolution);
      r = out.length === 1 && out[0] ? out[0] : { reason: `${name} is not one name at ${resolution}` };
    } catch (e) {
      if (!(e instanceof CradleError)) throw e;
      r = { reason: e.message };
    }
    reduced.set(name, r);
    return r;
  };

  for (const raw of lines) {
    lineNo++;
    const t = raw.trim();
    if (t === "" || (lineNo === 1 && HEADER.test(t))) continue;
    const row = splitRow(t);
    if ("reason" in row) {
      bad.push({ line: lineNo, text: t, reason: row.reason });
      continue;
    }
    const rowLoci = row.names.map(locusOf);
    loci ??= rowLoci;
    if (rowLoci.join("~") !== loci.join("~")) {
      bad.push({
        line: lineNo,
        text: t,
        reason: `loci ${rowLoci.join("~")} differ from the set's ${loci.join("~")}`,
      });
      continue;
    }
    const hapText = row.names.join("~");
    if (written.has(hapText)) {
      bad.push({ line: lineNo, text: t, reason: `haplotype ${hapText} is listed twice` });
      continue;
    }
    written.add(hapText);
    const names: string[] = [];
    const reasons: string[] = [];
    for (const n of row.names) {
      const r = reduceName(n);
      if (typeof r === "string") names.push(r);
      else reasons.push(r.reason);
    }
    if (reasons.length > 0) {
      bad.push({ line: lineNo, text: t, reason: reasons.join("; ") });
      continue;
    }
    const key = names.join("~");
    const at = byHaplotype.get(key);
    if (at !== undefined) {
      (rows[at] as { freq: number }).freq += row.freq;
      merged++;
    } else {
      byHaplotype.set(key, rows.length);
      rows.push({ names, freq: row.freq });
    }
  }
  if (bad.length > 0) {
    const shown = bad
      .slice(0, 5)
      .map((b) => `line ${b.line}: ${b.reason}`)
      .join("; ");
    const more = bad.length > 5 ? ` (and ${bad.length - 5} more)` : "";
    throw new CradleError("INVALID_INPUT", `${source}: ${bad.length} bad rows: ${shown}${more}`, {
      source,
      rows: bad,
    });
  }
  if (!loci || rows.length === 0) {
    throw new CradleError("INVALID_INPUT", `${source}: no haplotypes`, { source });
  }
  return intern(rows, loci, { population: options.population ?? "", source, resolution, merged });
}

/** Interns checked rows into the set's typed arrays and indexes. */
function intern(
  input: readonly { names: string[]; freq: number }[],
  loci: readonly string[],
  meta: { population: string; source: string; resolution: FrequencyResolution; merged: number },
): HaplotypeFrequencySet {
  const L = loci.length;
  const n = input.length;
  const alleleIds = loci.map(() => new Map<string, number>());
  const alleleNames: string[][] = loci.map(() => []);
  const alleles = new Uint16Array(n * L);
  const frequency = new Float64Array(n);
  let total = 0;
  for (const r of input) total += r.freq;
  // Most frequent first (a stable sort: ties keep the file's order), so an index is a frequency rank and
  // sorting indexes sorts by frequency (imputation sorts its candidates natively).
  const rows = [...input].sort((x, y) => y.freq - x.freq);
  rows.forEach((r, h) => {
    frequency[h] = r.freq / total;
    r.names.forEach((name, l) => {
      const ids = alleleIds[l] as Map<string, number>;
      let id = ids.get(name);
      if (id === undefined) {
        id = ids.size;
        if (id > 0xffff)
          throw new CradleError("INVALID_INPUT", `${meta.source}: over 65,536 alleles at a locus`);
        ids.set(name, id);
        (alleleNames[l] as string[]).push(name);
      }
      alleles[h * L + l] = id;
    });
  });
  const alleleFrequency = alleleNames.map((names) => new Float64Array(names.length));
  alleleNames.forEach((_, l) => {
    const af = alleleFrequency[l] as Float64Array;
    for (let h = 0; h < n; h++) {
      const a = alleles[h * L + l] as number;
      af[a] = (af[a] as number) + (frequency[h] as number);
    }
  });
  return {
    ...meta,
    loci,
    size: n,
    alleleNames,
    alleleIds,
    alleles,
    frequency,
    alleleFrequency,
    haplotypeNames: rows.map((r) => r.names.join("~")),
  };
}
