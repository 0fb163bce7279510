/** `cradle registry …`: a synthetic registry of adult donors and cord units, as NDJSON. */
import { createWriteStream, readFileSync } from "node:fs";
import type { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { generateRegistry, parseHaplotypeFrequencies } from "../matching/synthetic-registry.js";
import { LISTING_KINDS } from "../search/index.js";
import { importListings, imputeListings } from "../search/index.js";
import { formatOf, openFile, records } from "../search/index.js";
import { RegistryGenerateSchema, RegistryImportSchema, SOURCE_FORMATS } from "../search/registry-schemas.js";
import { openStore } from "../store/connect.js";
import { imputationText } from "./frequencies.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await new Promise((resolve) => out.once("drain", resolve));
}

export function registerRegistryCommands(program: Command): void {
  const registry = program.command("registry").description("registries of adult donors and cord units");
  withReferenceOptions(
    registry
      .command("generate")
      .description("draw a synthetic registry from haplotype frequencies, as NDJSON")
      .requiredOption(
        "--frequencies <file>",
        'haplotype frequencies, CSV "haplotype,count,freq" (.gz read too)',
      )
      .option("--adults <n>", "adult donors", "1000")
      .option("--cords <n>", "cord blood units", "100")
      .option("--seed <n>", "seed: the same seed gives the same registry", "1")
      .option("--as-of <date>", "dates are drawn before this day", "2026-01-01")
      .option("--out <file>", "write here instead of standard output"),
  ).action(
    async (
      o: RefOptions & {
        frequencies: string;
        adults: string;
        cords: string;
        seed: string;
        asOf: string;
        out?: string;
      },
    ) => {
      const g = optionsInput(RegistryGenerateSchema, { ...o }, ["adults", "cords", "seed", "asOf"]);
      const raw = readFileSync(o.frequencies);
      const text = o.frequencies.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
      const haplotypes = parseHaplotypeFrequencies(text, o.frequencies);
      const { engine } = await openReference(o);
      const { adults, cords } = g;
      const total = adults + cords;
      const out: Writable = o.out ? createWriteStream(o.out) : process.stdout;
      let n = 0;
      const listings = generateRegistry({
        haplotypes,
        engine,
        adults,
        cords,
        seed: g.seed,
        asOf: g.asOf,
      });
      for (const listing of listings) {
        await write(out, `${JSON.stringify(listing)}\n`);
        if (o.out && ++n % 10_000 === 0)
          process.stderr.write(`\rgenerated ${n} of ${total} (${Math.floor((100 * n) / total)}%)`);
      }
      if (o.out) {
        await new Promise<void>((resolve, reject) =>
          out.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
        process.stderr.write(`\rgenerated ${total} listings into ${o.out}\n`);
      }
    },
  );

  withReferenceOptions(
    registry
      .command("import")
      .description(
        "import adult donors and cord units from CSV or NDJSON; bad rows are reported, good ones kept",
      )
      .argument("<file>", "a .csv or .ndjson file (gzip too); NDJSON rows may say their own kind")
      .option("--kind <kind>", oneOfHelp("for rows that do not say", LISTING_KINDS))
      .option("--format <format>", oneOfHelp("default: from the file name", SOURCE_FORMATS)),
  ).action(async (file: string, o: RefOptions & { kind?: string; format?: string }) => {
    const opts = optionsInput(RegistryImportSchema, { ...o }, ["kind", "format"]);
    const format = opts.format ?? formatOf(file);
    if (format === undefined) {
      throw new CradleError("INVALID_INPUT", `${file}: say --format csv or --format ndjson`, {
        field: "--format",
        value: "",
        reason: "is required when the file name does not say",
      });
    }
    const { engine } = await openReference(o);
    const store = await openStore();
    try {
      const tty = process.stderr.isTTY;
      const r = await importListings(store, engine, records(openFile(file), format), {
        ...(opts.kind ? { kind: opts.kind } : {}),
        onProgress: (n) => process.stderr.write(tty ? `\rread ${n} rows` : ""),
      });
      if (tty) process.stderr.write("\n");
      console.log(
        `${store.location}: imported ${r.imported.adult} adult donors and ${r.imported.cord} cord units from ${r.rows} rows; ${r.rejected.length} problems`,
      );
      for (const e of r.rejected.slice(0, 100)) {
        console.log(
          `  line ${e.line}: ${e.field} ${e.value === undefined ? "" : `${JSON.stringify(e.value)} `}${e.reason}`,
        );
      }
      if (r.rejected.length > 100) console.log(`  … and ${r.rejected.length - 100} more`);
      // Imputed at import, against each listing's population's frequency set (when one is imported).
      console.log(imputationText(await imputeListings(store, engine)));
      process.exitCode = r.rejected.length > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  });
}
