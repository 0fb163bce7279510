/**
 * Reading a haplotype frequency file for the commands that need one: a path to a CSV ("haplotype,count,freq"),
 * gunzipped when it ends in .gz, or a directory holding one file per population (NAME.freqs.gz, NAME.freqs or
 * NAME.csv, chosen by --population). The pure core parses and checks the text.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { CradleError } from "../errors.js";
import type { HlaEngine } from "../hla/index.js";
import {
  type FrequencyResolution,
  type HaplotypeFrequencySet,
  parseFrequencySet,
} from "../matching/probability/index.js";

const SUFFIXES = [".freqs.gz", ".freqs", ".csv.gz", ".csv"];

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The file a --frequencies/--population pair names. */
async function frequencyPath(path: string, population: string | undefined): Promise<string> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new CradleError("INVALID_INPUT", `--frequencies ${path}: no such file or directory`);
  if (!s.isDirectory()) return path;
  if (!population) {
    throw new CradleError("INVALID_INPUT", `--frequencies ${path} is a directory: name a --population in it`);
  }
  for (const suffix of SUFFIXES) {
    const file = join(path, population + suffix);
    if (await exists(file)) return file;
  }
  throw new CradleError(
    "INVALID_INPUT",
    `--population ${population}: no ${SUFFIXES.map((x) => population + x).join(", ")} in ${path}`,
  );
}

/** "…/CAU.freqs.gz" → "CAU". */
const populationOf = (file: string) => basename(file).split(".")[0] ?? file;

export async function readFrequencySet(
  engine: HlaEngine,
  path: string,
  population: string | undefined,
  resolution: FrequencyResolution,
): Promise<HaplotypeFrequencySet> {
  const file = await frequencyPath(path, population);
  const bytes = await readFile(file);
  let text: string;
  try {
    text = file.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  } catch (e) {
    throw new CradleError(
      "INVALID_INPUT",
      `--frequencies ${file}: not a gzip file (${(e as Error).message})`,
    );
  }
  return parseFrequencySet(text, engine, {
    resolution,
    population: population ?? populationOf(file),
    source: file,
  });
}
