/**
 * `cradle hla impute` and `cradle match probability`: a typing's genotype distribution from a haplotype
 * frequency set, and a patient's and a listing's match probabilities. Attached to the existing `hla` and
 * `match` groups. The JSON shapes are a contract (issue 17, part 4): tools outside Cradle read them.
 */
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import {
  FREQUENCY_RESOLUTIONS,
  type FrequencyResolution,
  type Imputation,
  Imputer,
  isFrequencyResolution,
  matchProbability,
} from "../matching/probability/index.js";
import { readFrequencySet } from "./frequency-file.js";
import { oneOfHelp } from "./input.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";

interface FrequencyOptions extends RefOptions {
  frequencies: string;
  population?: string;
  resolution: string;
  json?: boolean;
}

function group(program: Command, name: string): Command {
  const g = program.commands.find((c) => c.name() === name);
  if (!g) throw new Error(`the "${name}" command group must be registered before the probability commands`);
  return g;
}

function withFrequencyOptions(cmd: Command): Command {
  return withReferenceOptions(cmd)
    .requiredOption(
      "--frequencies <file>",
      "haplotype frequency CSV (haplotype,count,freq; .gz is gunzipped), or a directory of NAME.freqs.gz",
    )
    .option("--population <name>", "population label, or the file to take from a --frequencies directory")
    .option("--resolution <level>", oneOfHelp("the file's resolution", FREQUENCY_RESOLUTIONS), "lgx")
    .option("--json", "print JSON");
}

/** Whole numbers from digits only: "" or "1e3" or " 5" are refused, never read as 0 or 1000. */
function positiveInteger(option: string, text: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) {
    throw new CradleError("INVALID_INPUT", `${option} "${text}": expected a whole number of at least 1`, {
      field: option,
      value: text,
    });
  }
  return Number(text);
}

/** A share in (0, 1] written as a plain decimal: "0.999", "1". */
function share(option: string, text: string): number {
  const n = /^(0|1)(\.\d{1,15})?$/.test(text) ? Number(text) : Number.NaN;
  if (!(n > 0 && n <= 1)) {
    throw new CradleError("INVALID_INPUT", `${option} "${text}": expected a decimal above 0, at most 1`, {
      field: option,
      value: text,
    });
  }
  return n;
}

function resolutionOf(text: string): FrequencyResolution {
  if (!isFrequencyResolution(text)) {
    throw new CradleError(
      "INVALID_INPUT",
      `--resolution "${text}": expected one of ${FREQUENCY_RESOLUTIONS.join(", ")}`,
      { field: "--resolution", value: text },
    );
  }
  return text;
}

async function openImputer(o: FrequencyOptions): Promise<Imputer> {
  const resolution = resolutionOf(o.resolution);
  const { engine } = await openReference(o);
  const set = await readFrequencySet(engine, o.frequencies, o.population, resolution);
  return new Imputer(engine, set);
}

/** What a side's imputation says of itself, beside the probabilities. */
const imputationNote = (i: Imputation) => ({
  coverage: i.coverage,
  unrepresented: i.unrepresented,
  fallback: i.fallback,
  reason: i.reason,
});

const pct = (p: number) => `${(100 * p).toFixed(2)} %`;

export function registerProbabilityCommands(program: Command): void {
  withFrequencyOptions(
    group(program, "hla")
      .command("impute")
      .description("a typing's distribution over haplotype pairs, from a haplotype frequency set")
      .argument("<typing>", "a GL string, e.g. A*01:AB+A24^B8+B*07:02^DRB1*03:01+DRB1*15:XX"),
  )
    .option("--top <n>", "keep the N most likely genotypes (default: those covering --coverage)")
    .option("--coverage <share>", "keep the most likely genotypes covering this share (default 0.999)")
    .action(async (typing: string, o: FrequencyOptions & { top?: string; coverage?: string }) => {
      const top = o.top === undefined ? undefined : positiveInteger("--top", o.top);
      const coverage = o.coverage === undefined ? undefined : share("--coverage", o.coverage);
      const imputer = await openImputer(o);
      const r = imputer.impute(typing, { top, coverage });
      if (o.json) {
        const genotypes = r.genotypes.map((g) => ({ haplotypes: g.haplotypes, probability: g.probability }));
        console.log(JSON.stringify({ genotypes, ...imputationNote(r) }, null, 2));
        return;
      }
      const set = imputer.set;
      console.log(
        `${set.population || set.source}: ${set.size} haplotypes at ${set.resolution}; ${r.computed} genotypes computed, ${r.genotypes.length} kept covering ${pct(r.coverage)}`,
      );
      if (r.unrepresented) console.log(`unrepresented: ${r.reason}; fallback: ${r.fallback}`);
      if (r.ignoredLoci.length > 0) console.log(`not in the set, not imputed: ${r.ignoredLoci.join(", ")}`);
      for (const g of r.genotypes)
        console.log(`${pct(g.probability).padStart(9)}  ${g.haplotypes[0]} + ${g.haplotypes[1]}`);
    });

  withFrequencyOptions(
    group(program, "match")
      .command("probability")
      .description(
        "P(0, 1, 2 … mismatches) of a donor or cord unit for a patient, from haplotype frequencies",
      )
      .requiredOption("--patient <gl>", "patient typing, a GL string")
      .requiredOption("--donor <gl>", "donor or cord unit typing, a GL string"),
  ).action(async (o: FrequencyOptions & { patient: string; donor: string }) => {
    const imputer = await openImputer(o);
    const patient = imputer.impute(o.patient);
    const donor = imputer.impute(o.donor);
    const m = matchProbability(imputer.engine, imputer.set.loci, patient, donor);
    if (o.json) {
      console.log(
        JSON.stringify(
          {
            overall: m.overall,
            loci: m.loci,
            category: m.category,
            // Coverage here is the share of each side's distribution the probabilities are computed from.
            imputation: {
              patient: { ...imputationNote(patient), coverage: m.coverage.patient },
              donor: { ...imputationNote(donor), coverage: m.coverage.donor },
            },
          },
          null,
          2,
        ),
      );
      return;
    }
    console.log(`category: ${m.category}`);
    for (const [n, ps] of Object.entries(m.overall))
      console.log(`  ${n.padStart(2)}/${n}: ${ps.map((p, k) => `P(${k} mm) ${pct(p)}`).join("  ")}`);
    for (const [l, ps] of Object.entries(m.loci))
      console.log(`  ${l.padEnd(5)} ${ps.map((p, k) => `P(${k}) ${pct(p)}`).join("  ")}`);
    for (const [side, i] of [
      ["patient", patient],
      ["donor", donor],
    ] as const) {
      if (i.unrepresented) console.log(`${side} unrepresented: ${i.reason}; fallback: ${i.fallback}`);
    }
    if (m.lociNotInSet.length > 0) console.log(`not in the frequency set: ${m.lociNotInSet.join(", ")}`);
  });
}
