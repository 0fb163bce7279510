/**
 * py-ard's published test tables (../shared/peer-tests/pyard/*.feature, IMGT/HLA 3.44.0) run against Cradle.
 * Every row either passes or is skipped by name with its reason: the only reason allowed is a MAC that the
 * subset dictionary in ../shared lacks. Where Cradle answers differently on purpose, the row is listed in
 * DIVERGENCES with Cradle's answer and why, and that answer is asserted.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCradleError } from "../../src/errors.js";
import { type HlaEngine, parseMacFile } from "../../src/hla/index.js";
import { openHla } from "../../src/hla/reference/open.js";
import { type Outline, parseFeature } from "../support/gherkin.js";
import { HLA_3440, MAC_SUBSET, PYARD_FEATURES, requireShared } from "../support/shared.js";

requireShared();

const IGNORED_SUFFIXES = ["NNNN", "UUUU"];
let engine: HlaEngine;
const tally = { passed: 0, skipped: 0, failed: 0, diverged: 0 };

/** Rows where Cradle answers otherwise on purpose, by "file:line": Cradle's answer and the reason. */
const DIVERGENCES: Record<string, { cradle: string; reason: string }> = {
  "valid_allele.feature:74": {
    cradle: "Invalid",
    reason:
      "A*01:01:99:99 is no allele of the release; py-ard's 2-field fallback would let a stored typing name it (issue 13)",
  },
};
const skippedRows: string[] = [];
/** The dictionary the engine loads, read here too so skips are decided when the tests are collected. */
const macCodes = parseMacFile(readFileSync(MAC_SUBSET, "utf8")).codes;

beforeAll(async () => {
  engine = (await openHla({ hlaDir: HLA_3440, macFile: MAC_SUBSET, downloadMacs: false })).engine;
});

afterAll(() => {
  console.log(
    `py-ard peer tables: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped (MAC missing from the subset), ${tally.diverged} diverging on purpose`,
  );
  for (const [row, d] of Object.entries(DIVERGENCES))
    console.log(`  diverges: ${row} Cradle says ${d.cradle}: ${d.reason}`);
  for (const s of skippedRows) console.log(`  skipped: ${s}`);
});

/** MAC codes a typing needs (version-2 style "DRB5*02ZB" included) that the loaded dictionary lacks. */
function missingMacs(typing: string): string[] {
  const missing: string[] = [];
  for (const token of typing.split(/[/|+^~]/)) {
    const fields = token.replace(/^HLA-/, "").split("*")[1] ?? "";
    const code = fields.includes(":") ? fields.split(":")[1] : /^\d{2}([A-Z]{2,})$/.exec(fields)?.[1];
    if (code && /^[A-Z]+$/.test(code) && code !== "XX" && !macCodes.has(code)) {
      if (!/^(NNNN|UUUU)$/.test(code)) missing.push(code);
    }
  }
  return missing;
}

type Action = (input: string) => string;

/** What a scenario's "When" step does, in Cradle's terms. "X" stands for an error or an empty result. */
function actionFor(step: string): Action {
  const orX = (f: () => string): string => {
    try {
      const r = f();
      return r === "" ? "X" : r;
    } catch (e) {
      if (isCradleError(e)) return "X";
      throw e;
    }
  };
  const validity = (opts: Parameters<HlaEngine["validate"]>[1]): Action => {
    return (input) => {
      try {
        engine.validate(input, opts);
        return "Valid";
      } catch (e) {
        if (isCradleError(e)) return "Invalid";
        throw e;
      }
    };
  };
  let m = /^When expanding to WHO then reducing to the (\S+) level$/.exec(step);
  if (m) {
    const level = m[1] ?? "";
    return (input) => orX(() => engine.reduce(engine.reduce(input, "W"), level));
  }
  m = /^When (?:reducing on|expanding at) the (\S+) level(.*)$/.exec(step);
  if (m) {
    const level = m[1] ?? "";
    const mode = (m[2] ?? "").trim();
    const opts =
      mode === "with ping"
        ? { ping: true }
        : mode === "with ARS suffix enabled"
          ? { arsSuffix: true }
          : mode === "in non-strict mode"
            ? { strict: false }
            : mode === "in ignore_suffix mode"
              ? { ignoreSuffixes: IGNORED_SUFFIXES }
              : {};
    return (input) => orX(() => engine.reduce(input, level, opts));
  }
  if (step === "When expanding the XX code") return (input) => orX(() => engine.expandXx(input));
  if (step === "When finding the XX version of the serology") {
    return (input) => engine.release.xxForSerology(input) ?? "X";
  }
  if (step === "When validating the V2 typing") return validity({});
  m = /^When checking (?:if the allele is valid|for validity of the allele) in (\S+) mode$/.exec(step);
  if (m) {
    const mode = m[1];
    return validity(
      mode === "strict"
        ? {}
        : mode === "non-strict"
          ? { strict: false }
          : { ignoreSuffixes: IGNORED_SUFFIXES },
    );
  }
  throw new Error(`no Cradle action for step "${step}"`);
}

function placeholder(step: string | undefined): string {
  const m = /<([^>]+)>/.exec(step ?? "");
  if (!m?.[1]) throw new Error(`no <column> in step "${step}"`);
  return m[1];
}

const normalizeValidity = (s: string) => (/^invalid$/i.test(s) ? "Invalid" : s);

const files = readdirSync(PYARD_FEATURES).filter((f) => f.endsWith(".feature"));

for (const file of files) {
  const outlines: Outline[] = parseFeature(readFileSync(join(PYARD_FEATURES, file), "utf8"));
  describe(file, () => {
    outlines.forEach((o, k) => {
      const given = o.steps.find((s) => s.startsWith("Given"));
      const when = o.steps.find((s) => s.startsWith("When"));
      const then = o.steps.find((s) => s.startsWith("Then"));
      const inputCol = placeholder(given);
      const expectedCol = placeholder(then);
      for (const row of o.examples) {
        const input = row.cells[inputCol] ?? "";
        const expected = normalizeValidity(row.cells[expectedCol] ?? "");
        const level = row.cells.Level ?? "";
        const stepText = (when ?? "").replace("<Level>", level).replace("{level}", level);
        const title = `${o.name || `scenario ${k + 1}`}: ${input} ${level} (line ${row.line})`;
        const missing = missingMacs(input);
        if (missing.length > 0) {
          const reason = `${file}:${row.line} ${input}: needs MAC ${missing.join(", ")}, missing from the subset file`;
          it.skip(`${title}: skipped, ${reason}`, () => {});
          tally.skipped++;
          skippedRows.push(reason);
          continue;
        }
        const divergence = DIVERGENCES[`${file}:${row.line}`];
        it(divergence ? `${title}: Cradle says ${divergence.cradle} (${divergence.reason})` : title, () => {
          try {
            const got = normalizeValidity(actionFor(stepText)(input));
            expect(got).toBe(divergence ? divergence.cradle : expected);
            if (divergence) tally.diverged++;
            else tally.passed++;
          } catch (e) {
            tally.failed++;
            throw e;
          }
        });
      }
    });
  });
}
