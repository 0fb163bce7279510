/** `cradle hla …`: status of the reference data, reduce, validate and expand typings. */
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { CradleError, isCradleError } from "../errors.js";
import { LEVELS, checkTyping, isLevel } from "../hla/index.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";

export function registerHlaCommands(program: Command): void {
  const hla = program
    .command("hla")
    .description("HLA nomenclature: reference data, validation, reduction, MACs");

  withReferenceOptions(
    hla.command("status").description("show the IMGT/HLA release and MAC dictionary in use"),
  )
    .option("--json", "print JSON")
    .action(async (o: RefOptions & { json?: boolean }) => {
      const h = await openReference(o);
      const r = h.engine.release;
      const status = {
        release: r.version,
        releaseDate: r.date,
        alleles: r.alleleCount,
        gGroups: r.gGroupCount,
        pGroups: r.pGroupCount,
        loadedFrom: h.release.provenance.path,
        source: h.release.provenance.source,
        checksums: h.release.provenance.checksums,
        compiledCache: h.release.provenance.compiledCache ?? null,
        loadMs: Math.round(h.release.loadMs),
        macs: h.macs
          ? { count: h.macs.count, updated: h.macs.updated, loadedFrom: h.macs.provenance.path }
          : null,
      };
      if (o.json) {
        console.log(JSON.stringify(status, null, 2));
        return;
      }
      console.log(`IMGT/HLA release  ${status.release} (${status.releaseDate})`);
      console.log(`  alleles         ${status.alleles}`);
      console.log(`  G groups        ${status.gGroups}`);
      console.log(`  P groups        ${status.pGroups}`);
      console.log(`  loaded from     ${status.loadedFrom} (${status.source}, checksums ${status.checksums})`);
      console.log(`  load time       ${status.loadMs} ms`);
      if (status.macs) {
        console.log(`MAC dictionary    ${status.macs.count} codes (${status.macs.updated || "no date"})`);
        console.log(`  loaded from     ${status.macs.loadedFrom}`);
      } else {
        console.log("MAC dictionary    none: MAC typings will be refused (set CRADLE_MAC_FILE)");
      }
    });

  withReferenceOptions(
    hla
      .command("reduce")
      .description("reduce GL strings to a level; with no TYPING, one per line from standard input")
      .argument("[typing]", "a GL string, e.g. A*01:01+A*02:AB^B*07:02"),
  )
    .requiredOption("--to <level>", `level: ${LEVELS.join(", ")}`)
    .option("--non-strict", "accept deleted-suffix and 'g' names as py-ard's non-strict mode does")
    .option("--ars-suffix", "write lg names with ARS instead of g")
    .option("--no-ping", "do not reduce alleles without a G group to their P group")
    .option("--ignore-suffix <fields...>", "allele fields to pass through, e.g. NNNN UUUU")
    .action(
      async (
        typing: string | undefined,
        o: RefOptions & {
          to: string;
          nonStrict?: boolean;
          arsSuffix?: boolean;
          ping: boolean;
          ignoreSuffix?: string[];
        },
      ) => {
        if (!isLevel(o.to)) {
          throw new CradleError("HLA_BAD_LEVEL", `--to ${o.to}: level must be one of ${LEVELS.join(", ")}`);
        }
        const level = o.to;
        const { engine } = await openReference(o);
        const opts = {
          strict: !o.nonStrict,
          arsSuffix: Boolean(o.arsSuffix),
          ping: o.ping,
          ignoreSuffixes: o.ignoreSuffix ?? [],
        };
        if (typing !== undefined) {
          console.log(engine.reduce(typing, level, opts));
          return;
        }
        let failed = false;
        const out: string[] = [];
        const flush = () => {
          if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
          out.length = 0;
        };
        for await (const line of createInterface({
          input: process.stdin,
          crlfDelay: Number.POSITIVE_INFINITY,
        })) {
          try {
            out.push(engine.reduce(line.trim(), level, opts));
          } catch (e) {
            if (!isCradleError(e)) throw e;
            failed = true;
            out.push(`ERROR ${e.code}: ${e.message}`);
          }
          if (out.length >= 1000) flush();
        }
        flush();
        process.exitCode = failed ? 1 : 0;
      },
    );

  withReferenceOptions(
    hla
      .command("expand-mac")
      .description("expand a MAC typing to its alleles")
      .argument("<typing>", "e.g. A*01:AB"),
  ).action(async (typing: string, o: RefOptions) => {
    const { engine } = await openReference(o);
    console.log(engine.expandMac(typing));
  });

  withReferenceOptions(
    hla
      .command("validate")
      .description("check every name of a GL string against the release")
      .argument("<typing>", "a GL string"),
  )
    .option("--non-strict", "py-ard's non-strict mode")
    .action(async (typing: string, o: RefOptions & { nonStrict?: boolean }) => {
      const { engine } = await openReference(o);
      // Strict is the check every stored typing passes; --non-strict is py-ard's looser reading, for comparison.
      if (o.nonStrict) engine.validate(typing, { strict: false });
      else checkTyping(engine, typing);
      console.log(`valid: ${typing}`);
    });
}
