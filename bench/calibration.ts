/**
 * Calibration benchmark (issue 17): is a predicted P(8/8) the share of true 8/8 pairs? Prints figures,
 * never pass/fail.
 *
 * Method. Donors are drawn from the population the imputer assumes: two haplotypes by frequency
 * (Hardy–Weinberg) from the frequency set's own file, then typed at a registry's resolution mix (DEFAULT_MIX
 * of synthetic-registry.ts, what `cradle registry generate` uses: per position 25 % MACs, 4 % XX codes, 3 %
 * serology; C untyped in 20 % of donors, DQB1 in 40 %). Patients are drawn the same way, one per distinct
 * genotype at A, B, C and DRB1, typed at two fields at all five loci (their true genotype, phase unknown).
 * Every donor's typing is imputed (default truncation, 99.9 %) and matchProbability gives P(8/8) against a
 * patient; the truth is the grader's count (gradeTypings, what `cradle match grade` prints) on the two true
 * genotypes: 0 allele mismatches at A, B, C and DRB1, the equality (shared P group, nulls not expressed) the
 * probability sums over.
 *
 * Which pairs. Random pairs almost all have P(8/8) = 0, and P(8/8) near 1 is rare, so the pairs are chosen
 * on their prediction, never on the truth. An index of every donor's kept genotypes by their A, B, C, DRB1
 * proteins gives, for each patient, the donors that may match at 8/8 and the probability mass that would
 * (the sum matchProbability computes: checked on every pair computed); every other pair has P(8/8) = 0
 * (a sample of them is computed to show it), and they are counted with how many of them are true 8/8.
 * Then up to CRADLE_CALIBRATION_PER_DECILE pairs of each decile of that estimate are drawn at random and
 * computed by matchProbability and graded. Choosing on the typings alone does not bias the comparison:
 * given its typing, a donor's true genotype is still a draw from the distribution the imputer assumes.
 * Choosing donors by their true genotype (donors sharing a haplotype with the patient, say) would. One
 * pool of donors serves every patient, so a few pairs share a donor: the binomial intervals assume
 * independent pairs and are a little narrow.
 *
 * Exactness: for unambiguous typings (two fields at all five loci on both sides; donors sharing none, one or
 * both haplotypes with the patient, a quarter with one locus taken from another haplotype so that the set
 * may not explain them) every probability, overall at 6/6, 8/8 and 10/10 and per locus, must be 0 or 1 and
 * equal the grade.
 *
 * Run: `npm run bench:calibration` (CRADLE_HLA_DIR, CRADLE_MAC_FILE, CRADLE_FREQUENCIES, else ../shared's
 * CAU). Sizes and seed: CRADLE_CALIBRATION_DONORS (default 800,000), CRADLE_CALIBRATION_PATIENTS (8,000),
 * CRADLE_CALIBRATION_PER_DECILE (2,000), CRADLE_CALIBRATION_EXACT (2,000 pairs), CRADLE_CALIBRATION_SEED
 * (1717); CRADLE_CALIBRATION_MIX (JSON, e.g. {"mac":0}) replaces parts of the mix. About 4 minutes and
 * 1 GB on a 2-core machine.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { type HlaEngine, joinGl } from "../src/hla/index.js";
import {
  type Grade,
  type PositionFacts,
  gradeTypings,
  patientGrader,
  positionFacts,
} from "../src/matching/grade.js";
import {
  type Imputation,
  Imputer,
  MATCH_GENOTYPES,
  matchProbability,
  parseFrequencySet,
} from "../src/matching/probability/index.js";
import {
  DEFAULT_MIX,
  Degrader,
  type Haplotype,
  type ResolutionMix,
  haplotypeSampler,
  seededRandom,
} from "../src/matching/synthetic-registry.js";
import { type DecileTally, decileOf, decileRows, emptyTallies, tally } from "./calibration-stats.js";
import { benchEngine, benchHaplotypes, freqFile } from "./reference.js";

const int = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${v} is not a whole number of at least 1`);
  return n;
};
const DONORS = int("CRADLE_CALIBRATION_DONORS", 800_000);
const PATIENTS = int("CRADLE_CALIBRATION_PATIENTS", 8_000);
const EXACT = int("CRADLE_CALIBRATION_EXACT", 2_000);
const SEED = int("CRADLE_CALIBRATION_SEED", 1717);
/**
 * CRADLE_CALIBRATION_MIX, a JSON object of ResolutionMix fields replacing the registry mix's (to see which
 * part of the mix a gap comes from), e.g. {"mac":0}.
 */
function mixOverride(): Partial<ResolutionMix> {
  const v = process.env.CRADLE_CALIBRATION_MIX;
  if (v === undefined) return {};
  const o = JSON.parse(v) as Record<string, unknown>;
  const fields = ["mac", "xx", "serology", "cUntyped", "dqb1Untyped"];
  for (const [k, x] of Object.entries(o)) {
    if (!fields.includes(k) || typeof x !== "number" || x < 0 || x > 1) {
      throw new Error(`CRADLE_CALIBRATION_MIX: ${k} must be one of ${fields.join(", ")}, a share in [0, 1]`);
    }
  }
  return o as Partial<ResolutionMix>;
}
/** Pairs computed per decile of prediction, at most. */
const PER_DECILE = int("CRADLE_CALIBRATION_PER_DECILE", 2_000);
/** Pairs outside the index whose P(8/8) is computed, to show it is 0. */
const LEFT_OUT_SAMPLE = 300;

/** Loci in the order GL strings list them (as synthetic-registry.ts writes typings). */
const GL_LOCI = ["A", "B", "C", "DQB1", "DRB1"] as const;
const EIGHT = ["A", "B", "C", "DRB1"] as const;

const fmt = (x: number, d = 1) =>
  x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const n0 = (x: number) => x.toLocaleString("en-US");

/** A true genotype, its two-field typing (the truth) and what a registry reports. */
interface Person {
  h1: Haplotype;
  h2: Haplotype;
  truth: string;
  typing: string;
}

function twoField(h1: Haplotype, h2: Haplotype): string {
  return GL_LOCI.map((l) => joinGl([h1.alleles[l] as string, h2.alleles[l] as string], "+")).join("^");
}

/**
 * Keys of a genotype at A, B, C, DRB1 such that two genotypes grade 0 of 8 allele mismatches exactly when
 * their keys are equal: per locus the sorted pair of the positions' proteins (P groups), a null position
 * replaced by the other (the grader's "not expressed", the locus homozygous), two nulls a null pair.
 */
class EightKeys {
  private readonly proteins = new Map<string, string>();
  private readonly pairIds = new Map<string, number>();

  constructor(private readonly engine: HlaEngine) {}

  private protein(name: string): string {
    let p = this.proteins.get(name);
    if (p === undefined) {
      const f: PositionFacts = positionFacts(this.engine, name);
      p = f.isNull ? "null" : [...f.proteins].sort().join("/");
      this.proteins.set(name, p);
    }
    return p;
  }

  /** Key of one genotype given as the allele names of its two chromosomes per locus of EIGHT. */
  key(pairs: readonly (readonly [string, string])[]): string {
    const ids: number[] = [];
    for (const [x, y] of pairs) {
      let a = this.protein(x);
      let b = this.protein(y);
      if (a === "null" && b !== "null") a = b;
      else if (b === "null" && a !== "null") b = a;
      const k = a <= b ? `${a}+${b}` : `${b}+${a}`;
      let id = this.pairIds.get(k);
      if (id === undefined) {
        id = this.pairIds.size;
        this.pairIds.set(k, id);
      }
      ids.push(id);
    }
    return String.fromCharCode(...ids.flatMap((i) => [i >>> 16, i & 0xffff]));
  }

  /**
   * Distinct keys of the genotypes of an imputation that matchProbability takes into its sum, each with the
   * share of their probability it carries (renormalised over those genotypes, as matchProbability does).
   */
  ofImputation(imp: Imputation, loci: readonly string[]): Map<string, number> {
    const L = loci.length;
    const at = EIGHT.map((l) => loci.indexOf(l));
    const kept = imp.genotypes.slice(0, MATCH_GENOTYPES);
    const total = kept.reduce((s, g) => s + g.probability, 0);
    const out = new Map<string, number>();
    for (const g of kept) {
      const k = this.key(at.map((l) => [g.alleles[l] as string, g.alleles[L + l] as string] as const));
      out.set(k, (out.get(k) ?? 0) + g.probability / total);
    }
    return out;
  }

  ofPerson(p: Person): string {
    return this.key(EIGHT.map((l) => [p.h1.alleles[l] as string, p.h2.alleles[l] as string] as const));
  }
}

function printTable(title: string, tallies: DecileTally[]): void {
  const rows = decileRows(tallies);
  console.log(`\n${title}`);
  console.log(
    "| predicted P(8/8) | pairs | mean predicted | observed 8/8 share | gap (points) | 95 % interval of the observed share | ≥ 1,000 pairs |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const pc = (x: number) => (Number.isNaN(x) ? "—" : `${fmt(100 * x, 1)} %`);
    console.log(
      `| ${r.decile} | ${n0(r.pairs)} | ${pc(r.meanPredicted)} | ${pc(r.observedShare)} | ${Number.isNaN(r.gapPoints) ? "—" : `${r.gapPoints >= 0 ? "+" : ""}${fmt(r.gapPoints, 2)}`} | ${pc(r.interval[0])} – ${pc(r.interval[1])} | ${r.pairs >= 1000 ? "yes" : "no"} |`,
    );
  }
  const filled = rows.filter((r) => r.pairs > 0);
  const worst = filled.reduce(
    (w, r) => (Math.abs(r.gapPoints) > Math.abs(w.gapPoints) ? r : w),
    filled[0] as (typeof rows)[number],
  );
  const short = rows.filter((r) => r.pairs < 1000).map((r) => r.decile);
  const outside = rows.filter(
    (r) => r.pairs > 0 && (r.meanPredicted < r.interval[0] || r.meanPredicted > r.interval[1]),
  );
  console.log(
    `largest gap: ${fmt(Math.abs(worst.gapPoints), 2)} points (decile ${worst.decile}); deciles under 1,000 pairs: ${short.length === 0 ? "none" : short.join(", ")}; deciles whose mean prediction lies outside the observed share's 95 % interval: ${outside.length === 0 ? "none" : outside.map((r) => r.decile).join(", ")}`,
  );
}

function calibration(engine: HlaEngine, haplotypes: Haplotype[]): void {
  const text = gunzipSync(readFileSync(freqFile)).toString("utf8");
  const set = parseFrequencySet(text, engine, { source: freqFile });
  const imputer = new Imputer(engine, set);
  const keys = new EightKeys(engine);
  const rand = seededRandom(SEED);
  const draw = haplotypeSampler(haplotypes, rand);
  const mix: ResolutionMix = { ...DEFAULT_MIX, ...mixOverride() };
  const degrade = new Degrader(engine, mix);
  console.log(
    `frequency set ${freqFile}: ${set.size} haplotypes over ${set.loci.join("~")} at ${set.resolution}; seed ${SEED}`,
  );
  console.log(
    `donors typed at the registry mix: ${100 * mix.mac} % MACs, ${100 * mix.xx} % XX, ${100 * mix.serology} % serology per position; C untyped ${100 * mix.cUntyped} %, DQB1 untyped ${100 * mix.dqb1Untyped} %`,
  );

  // 1. Donors: true genotype, registry typing, and an index of their imputations' 8/8 keys with the mass
  // each key carries (over the genotypes matchProbability sums, renormalised as it does).
  let t0 = performance.now();
  const donors: Person[] = [];
  const byKept = new Map<string, { ids: number[]; mass: number[] }>();
  const byTruth = new Map<string, number[]>();
  let unrepresented = 0;
  let truncated = 0;
  for (let i = 0; i < DONORS; i++) {
    const h1 = draw();
    const h2 = draw();
    const cTyped = rand() >= mix.cUntyped;
    const dqTyped = rand() >= mix.dqb1Untyped;
    const parts: string[] = [];
    for (const l of GL_LOCI) {
      if ((l === "C" && !cTyped) || (l === "DQB1" && !dqTyped)) continue;
      const a = degrade.pick(h1.alleles[l] as string, rand);
      parts.push(joinGl([a, degrade.pick(h2.alleles[l] as string, rand)], "+"));
    }
    const donor: Person = { h1, h2, truth: twoField(h1, h2), typing: parts.join("^") };
    donors.push(donor);
    const imp = imputer.impute(donor.typing);
    if (imp.unrepresented) unrepresented++;
    if (imp.coverage < 1) truncated++;
    for (const [k, m] of keys.ofImputation(imp, set.loci)) {
      const entry = byKept.get(k);
      if (entry) {
        entry.ids.push(i);
        entry.mass.push(m);
      } else byKept.set(k, { ids: [i], mass: [m] });
    }
    const tk = keys.ofPerson(donor);
    const list = byTruth.get(tk);
    if (list) list.push(i);
    else byTruth.set(tk, [i]);
  }
  console.log(
    `\n${n0(DONORS)} donors drawn, typed and imputed in ${fmt((performance.now() - t0) / 1000, 1)} s; unrepresented ${n0(unrepresented)}, truncated to 99.9 % (coverage < 1) ${n0(truncated)}`,
  );

  // 2. Patients: two-field typings, one per distinct genotype at A, B, C, DRB1 (two patients alike there
  // would be paired with the same donors and the same answers).
  const patients: Person[] = [];
  const seen = new Set<string>();
  for (let tries = 0; patients.length < PATIENTS && tries < 1000 * PATIENTS; tries++) {
    const h1 = draw();
    const h2 = draw();
    const patient: Person = { h1, h2, truth: twoField(h1, h2), typing: twoField(h1, h2) };
    const k = keys.ofPerson(patient);
    if (seen.has(k)) continue;
    seen.add(k);
    patients.push(patient);
  }

  // 3. Candidate pairs: each patient with every donor one of whose kept genotypes matches it at 8/8, with
  // the P(8/8) the index gives (the sum matchProbability computes, when the keys are the grader's equality).
  t0 = performance.now();
  const pImps: Imputation[] = [];
  const candidates: { patient: number; donor: number; estimate: number }[] = [];
  const perPatient: Set<number>[] = [];
  let leftOut = 0;
  let leftOutTrue = 0;
  let keyNotGrade = 0;
  patients.forEach((patient, pi) => {
    const pImp = imputer.impute(patient.typing);
    pImps.push(pImp);
    const estimate = new Map<number, number>();
    for (const [k, pm] of keys.ofImputation(pImp, set.loci)) {
      const entry = byKept.get(k);
      if (!entry) continue;
      entry.ids.forEach((d, j) => estimate.set(d, (estimate.get(d) ?? 0) + pm * (entry.mass[j] as number)));
    }
    for (const [d, e] of estimate) candidates.push({ patient: pi, donor: d, estimate: e });
    leftOut += DONORS - estimate.size;
    perPatient.push(new Set(estimate.keys()));
    // True 8/8 donors the index left out: their prediction is 0.
    const grade = patientGrader(engine, patient.truth);
    for (const d of byTruth.get(keys.ofPerson(patient)) ?? []) {
      const isMatch = grade((donors[d] as Person).truth).summary.mismatches8 === 0;
      if (!isMatch) keyNotGrade++;
      else if (!estimate.has(d)) leftOutTrue++;
    }
  });
  const estimated = emptyTallies();
  for (const c of candidates) tally(estimated, Math.min(1, c.estimate), false);
  console.log(
    `${n0(patients.length)} patients (distinct at A, B, C, DRB1) × ${n0(DONORS)} donors: ${n0(candidates.length)} pairs whose donor may match at 8/8, found in ${fmt((performance.now() - t0) / 1000, 1)} s; per decile of their index estimate: ${estimated.map((t) => n0(t.pairs)).join(", ")}`,
  );
  console.log(
    `pairs left out (no kept donor genotype matches the patient at 8/8, so P(8/8) = 0): ${n0(leftOut)}; true 8/8 among them: ${n0(leftOutTrue)}`,
  );
  if (keyNotGrade > 0) {
    console.log(`(equal 8/8 keys that the grader counts as a mismatch: ${n0(keyNotGrade)} pairs)`);
  }

  // 4. A sample per decile of the estimate (at most PER_DECILE pairs each, chosen at random: a choice on the
  // typings only), each computed by matchProbability and graded on the true genotypes.
  t0 = performance.now();
  const sampleRand = seededRandom(SEED + 1);
  const rate = estimated.map((t) => Math.min(1, PER_DECILE / Math.max(1, t.pairs)));
  const all = emptyTallies();
  const untruncated = emptyTallies();
  let computed = 0;
  let estimateOff = 0;
  const graders = new Map<number, (donorGl: string) => Grade>();
  for (const c of candidates) {
    if (sampleRand() >= (rate[decileOf(Math.min(1, c.estimate))] as number)) continue;
    const patient = patients[c.patient] as Person;
    const donor = donors[c.donor] as Person;
    const dImp = imputer.impute(donor.typing);
    const p8 = matchProbability(engine, set.loci, pImps[c.patient] as Imputation, dImp).overall[
      "8"
    ][0] as number;
    if (Math.abs(p8 - c.estimate) > 1e-9) estimateOff++;
    let grade = graders.get(c.patient);
    if (!grade) {
      grade = patientGrader(engine, patient.truth);
      graders.set(c.patient, grade);
    }
    const isMatch = grade(donor.truth).summary.mismatches8 === 0;
    tally(all, p8, isMatch);
    if (dImp.coverage === 1) tally(untruncated, p8, isMatch);
    computed++;
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `${n0(computed)} pairs computed by matchProbability and graded in ${fmt(secs, 1)} s (${fmt((1000 * secs) / Math.max(1, computed), 2)} ms a pair); the index estimate differed from matchProbability by more than 1e-9 in ${n0(estimateOff)}`,
  );

  // 5. A sample of the left-out pairs, computed, to show their P(8/8) is 0.
  let sampled = 0;
  let positive = 0;
  while (sampled < LEFT_OUT_SAMPLE) {
    const pi = Math.floor(sampleRand() * patients.length);
    const d = Math.floor(sampleRand() * DONORS);
    if ((perPatient[pi] as Set<number>).has(d)) continue;
    const dImp = imputer.impute((donors[d] as Person).typing);
    if ((matchProbability(engine, set.loci, pImps[pi] as Imputation, dImp).overall["8"][0] as number) > 0)
      positive++;
    sampled++;
  }
  console.log(
    `a sample of ${n0(sampled)} left-out pairs computed by matchProbability: P(8/8) > 0 in ${n0(positive)}`,
  );
  printTable("Calibration of P(8/8):", all);
  printTable(
    "The same pairs, only those whose donor imputation kept every genotype (no truncation):",
    untruncated,
  );
}

function exactness(engine: HlaEngine, haplotypes: Haplotype[]): void {
  const text = gunzipSync(readFileSync(freqFile)).toString("utf8");
  const set = parseFrequencySet(text, engine, { source: freqFile });
  const imputer = new Imputer(engine, set);
  const rand = seededRandom(SEED + 2);
  const draw = haplotypeSampler(haplotypes, rand);
  const t0 = performance.now();
  let agreed = 0;
  let unrepresented = 0;
  const byMismatches = new Map<number, number>();
  const disagreements: string[] = [];
  const recombined = (a: Haplotype, b: Haplotype): Haplotype => {
    const locus = GL_LOCI[Math.floor(rand() * GL_LOCI.length)] as string;
    return { frequency: a.frequency, alleles: { ...a.alleles, [locus]: b.alleles[locus] as string } };
  };
  for (let k = 0; k < EXACT; k++) {
    const [p1, p2] = [draw(), draw()];
    const patient = twoField(p1, p2);
    const kind = k % 4;
    const donor =
      kind === 0
        ? twoField(draw(), draw())
        : kind === 1
          ? twoField(p1, draw())
          : kind === 2
            ? twoField(p1, p2)
            : twoField(recombined(p1, draw()), p2);
    const pi = imputer.impute(patient);
    const di = imputer.impute(donor);
    if (pi.unrepresented || di.unrepresented) unrepresented++;
    const m = matchProbability(engine, set.loci, pi, di);
    const g = gradeTypings(engine, patient, donor);
    const values = [
      ...m.overall["6"],
      ...m.overall["8"],
      ...m.overall["10"],
      ...Object.values(m.loci).flat(),
    ];
    const at = (mismatches: number) => [0, 1, 2, 3, 4].map((i) => (i === mismatches ? 1 : 0));
    const problems: string[] = [];
    if (values.some((v) => v !== 0 && v !== 1)) problems.push("a probability neither 0 nor 1");
    const same = (a: readonly number[], b: readonly number[]) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    if (!same(m.overall["8"], at(g.summary.mismatches8)))
      problems.push(`8/8 ${m.overall["8"]} vs grade ${g.summary.mismatches8}`);
    if (!same(m.overall["10"], at(10 - g.summary.allele10)))
      problems.push(`10/10 ${m.overall["10"]} vs grade ${10 - g.summary.allele10}`);
    if (!same(m.overall["6"], at(6 - g.summary.cord6)))
      problems.push(`6/6 ${m.overall["6"]} vs grade ${6 - g.summary.cord6}`);
    for (const locus of ["A", "B", "C", "DRB1", "DQB1"] as const) {
      const want = [0, 0, 0];
      want[2 - (g.loci[locus]?.allele ?? 0)] = 1;
      if (!same(m.loci[locus] ?? [], want))
        problems.push(`${locus} ${m.loci[locus]} vs grade ${2 - (g.loci[locus]?.allele ?? 0)}`);
    }
    if (problems.length === 0) agreed++;
    else disagreements.push(`${patient} / ${donor}: ${problems.join("; ")}`);
    byMismatches.set(g.summary.mismatches8, (byMismatches.get(g.summary.mismatches8) ?? 0) + 1);
  }
  const spread = [...byMismatches.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([mm, n]) => `${mm}: ${n0(n)}`)
    .join(", ");
  console.log(
    `\nExactness, ${n0(EXACT)} unambiguous pairs (two-field at all five loci; donors sharing 0, 1 or 2 haplotypes with the patient, a quarter with one locus recombined), ${fmt((performance.now() - t0) / 1000, 1)} s:`,
  );
  console.log(
    `every probability 0 or 1 and equal to the grade (6/6, 8/8, 10/10, each locus): ${n0(agreed)} of ${n0(EXACT)}; pairs with a side the set does not explain (per-locus fallback): ${n0(unrepresented)}; graded mismatches of 8: ${spread}`,
  );
  for (const d of disagreements.slice(0, 20)) console.log(`  disagreement: ${d}`);
  if (disagreements.length > 20) console.log(`  … and ${disagreements.length - 20} more`);
}

function main(): void {
  const t0 = performance.now();
  const engine = benchEngine();
  const haplotypes = benchHaplotypes();
  calibration(engine, haplotypes);
  exactness(engine, haplotypes);
  console.log(
    `\ntotal ${fmt((performance.now() - t0) / 1000, 1)} s, peak RSS ${fmt(process.resourceUsage().maxRSS / 1024 / 1024, 2)} GB`,
  );
}

main();
