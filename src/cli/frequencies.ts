/**
 * `cradle frequencies …`: haplotype frequency sets in the database. Import one by population and version
 * (quality manager or coordinator), list them, choose the population a scope uses, and redo the listing
 * imputations that are stale (made with another set, release or typing). The file is read at run time and
 * kept in the database only: frequency data are licensed by their authors.
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { FrequencyImportSchema, POPULATION_SCOPES } from "../search/frequency-schemas.js";
import {
  type ImputationReport,
  choosePopulation,
  importFrequencySet,
  imputeListings,
  listFrequencySets,
  populationChoices,
} from "../search/index.js";
import { REGISTERED_PATIENTS } from "../therapy/index.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";
import { type UserOption, asUser } from "./session.js";

interface Options extends UserOption, RefOptions {
  json?: boolean;
}

const print = (o: Options, value: unknown, text: string) =>
  console.log(o.json ? JSON.stringify(value, null, 2) : text);

/** One line of an imputation run: how many, and the unrepresented share with the first reasons. */
export function imputationText(r: ImputationReport): string {
  const share = (100 * r.unrepresentedShare).toFixed(1);
  const lines = [
    `imputed ${r.imputed} listings; unrepresented ${r.unrepresented} (${share} %); without a frequency set ${r.noSet}`,
    ...r.examples.slice(0, 10).map((e) => `  ${e.kind} ${e.id}: ${e.reason}`),
  ];
  return lines.join("\n");
}

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file).catch(() => {
    throw new CradleError("INVALID_INPUT", `${file}: no such file`, { field: "file", value: file });
  });
  try {
    return file.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  } catch (e) {
    throw new CradleError("INVALID_INPUT", `${file}: not a gzip file (${(e as Error).message})`);
  }
}

export function registerFrequencyCommands(program: Command): void {
  const f = program
    .command("frequencies")
    .description("haplotype frequency sets by population; population choices; listing imputations");

  withReferenceOptions(
    f
      .command("import")
      .description(
        'import a frequency set (CSV "haplotype,count,freq", .gz read too); bad rows refuse the file',
      )
      .argument("<file>", "the set's file")
      .requiredOption("--population <name>", "the population it describes, e.g. CAU")
      .requiredOption("--version <version>", "the set's version (a population's version is imported once)")
      .requiredOption("--source <text>", "where it comes from, for provenance")
      .option("--user <name>", "who imports it (default $CRADLE_USER)")
      .option("--json", "print JSON"),
  ).action(async (file: string, o: Options & Record<string, string>) => {
    const meta = optionsInput(FrequencyImportSchema, o, ["population", "version", "source"]);
    const text = await readText(file);
    const { engine } = await openReference(o);
    const { set, report } = await asUser(o, async (store, act) => {
      const set = await importFrequencySet(store, engine, act, meta, text);
      return { set, report: await imputeListings(store, engine, { act }) };
    });
    print(
      o,
      { set, imputation: report },
      `${set.population} ${set.version}: ${set.haplotypes} haplotypes over ${set.loci.join("~")} (IMGT/HLA ${set.hlaRelease}), id ${set.id}\n${imputationText(report)}`,
    );
  });

  f.command("list")
    .description("the imported sets and the population choices")
    .option("--user <name>", "who asks (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options) => {
      const { sets, choices } = await asUser(o, async (store, act) => ({
        sets: await listFrequencySets(store, act),
        choices: await populationChoices(store, act),
      }));
      const text = [
        ...sets.map(
          (s) =>
            `${s.population}\t${s.version}\t${s.haplotypes} haplotypes\t${s.loci.join("~")}\tIMGT/HLA ${s.hlaRelease}\t${s.source}\t${s.importedAt} ${s.importedBy}`,
        ),
        ...choices.map((c) => `uses ${c.population}: ${c.scope}${c.subject ? ` ${c.subject}` : ""}`),
      ].join("\n");
      print(o, { sets, choices }, text || "no frequency sets imported");
    });

  f.command("choose")
    .description(
      "choose the population a scope uses (default, global fallback, a registry, a bank, a patient)",
    )
    .requiredOption("--scope <scope>", oneOfHelp("scope", POPULATION_SCOPES))
    .option("--subject <name>", "the registry, bank or patient MRN (none for default and global)")
    .requiredOption("--population <name>", "a population with an imported set")
    .option("--user <name>", "who chooses (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & Record<string, string>) => {
      const input = {
        scope: o.scope,
        population: o.population,
        ...(o.subject ? { subject: o.subject } : {}),
      };
      const c = await asUser(o, (store, act) => choosePopulation(store, act, input, REGISTERED_PATIENTS));
      print(o, c, `${c.scope}${c.subject ? ` ${c.subject}` : ""} uses ${c.population}`);
    });

  withReferenceOptions(
    f
      .command("impute")
      .description(
        "impute the listings whose imputation is missing or stale (another set, release or typing)",
      )
      .option("--all", "redo every listing's imputation")
      .option("--user <name>", "who runs it (default $CRADLE_USER)")
      .option("--json", "print JSON"),
  ).action(async (o: Options & { all?: boolean }) => {
    const { engine } = await openReference(o);
    const r = await asUser(o, (store, act) =>
      imputeListings(store, engine, { act, ...(o.all ? { all: true } : {}) }),
    );
    print(o, r, imputationText(r));
  });
}
