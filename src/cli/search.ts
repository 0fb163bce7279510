/** `cradle search`: find adult donors or cord units for a patient in the stored listings. */
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { DIAGNOSES } from "../matching/constants.js";
import { scientific } from "../matching/dose.js";
import { ScanPool } from "../matching/scan-pool.js";
import { loadIndex, searchListings } from "../search/index.js";
import { SearchRequestSchema } from "../search/schemas.js";
import { openStore } from "../store/connect.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";

/** "DRB1=0,A=1" → { DRB1: 0, A: 1 }; the schema then refuses loci the index lacks and counts above 2. */
function perLocus(v: string | undefined): Record<string, unknown> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const part of v.split(",")) {
    const m = /^([A-Z0-9]+)=(.*)$/.exec(part.trim());
    if (!m?.[1]) {
      throw new CradleError("INVALID_INPUT", `--max-per-locus "${part}" is not LOCUS=0, 1 or 2`, {
        field: "--max-per-locus",
        value: part,
        reason: "is not LOCUS=0, 1 or 2",
      });
    }
    const n = m[2] ?? "";
    out[m[1]] = /^\d$/.test(n) ? Number(n) : n;
  }
  return out;
}

interface SearchOptions extends RefOptions {
  patient: string;
  cords?: boolean;
  adults?: boolean;
  weightGrams?: string;
  diagnosis?: string;
  antibodies?: string;
  maxMismatches?: string;
  loci: string;
  maxPerLocus?: string;
  limit: string;
  offset: string;
  json?: boolean;
}

export function registerSearchCommand(program: Command): void {
  withReferenceOptions(
    program
      .command("search")
      .description("rank adult donors or cord units for a patient, each with the reason for its place")
      .requiredOption("--patient <gl>", "patient typing, a GL string")
      .option("--cords", "search cord blood units")
      .option("--adults", "search adult donors (the default)")
      .option("--weight-grams <g>", "patient weight in grams (cords: dose per kg)")
      .option("--diagnosis <d>", oneOfHelp("sets the cords' TNC/kg floor", DIAGNOSES))
      .option("--antibodies <list>", "donor-specific antibodies, comma-separated (A2,B44,DR4)")
      .option("--loci <n>", "loci counted: 8 (A, B, C, DRB1) or 10 (with DQB1)", "8")
      .option("--max-mismatches <k>", "most allele mismatches of the loci counted (0-8)")
      .option("--max-per-locus <list>", "most mismatches at a locus, e.g. DRB1=0,A=1")
      .option("--limit <n>", "results per page (at most 200)", "20")
      .option("--offset <n>", "results to skip", "0")
      .option("--json", "print JSON"),
  ).action(async (o: SearchOptions) => {
    if (o.cords && o.adults)
      throw new CradleError("INVALID_INPUT", "--cords and --adults: choose one", {
        field: "--cords",
        value: "",
        reason: "cannot be given with --adults",
      });
    const request = optionsInput(
      SearchRequestSchema,
      {
        ...o,
        maxPerLocus: perLocus(o.maxPerLocus),
        antibodies: o.antibodies
          ?.split(",")
          .map((s) => s.trim())
          .filter((s) => s !== ""),
      },
      [
        "patientTyping",
        "weightGrams",
        "diagnosis",
        "antibodies",
        "loci",
        "maxMismatches",
        "maxPerLocus",
        "limit",
        "offset",
      ],
      { kind: o.cords ? "cord" : "adult" },
      { patientTyping: "patient" },
    );
    const { engine } = await openReference(o);
    const store = await openStore();
    const pool = new ScanPool();
    try {
      const t0 = performance.now();
      const index = await loadIndex(store, engine);
      const loadMs = performance.now() - t0;
      const r = await searchListings(store, index, request, { now: new Date(), pool });
      if (o.json) {
        console.log(JSON.stringify({ ...r, indexLoadMs: Math.round(loadMs) }, null, 2));
        return;
      }
      const of = request.loci ?? 8;
      const counts = Object.entries(r.classCounts)
        .map(([mm, n]) => `${of - Number(mm)}/${of}: ${n}`)
        .join(", ");
      console.log(
        `${r.total} ${o.cords ? "cord units" : "adult donors"} (${counts}); ${r.excluded} left out`,
      );
      for (const h of r.hits) {
        const s = h.grade.summary;
        const dose = h.dose ? `  TNC ${scientific(h.dose.tncPerKg)}/kg` : "";
        const flags = h.flags.length > 0 ? `  [${h.flags.join("; ")}]` : "";
        console.log(
          `#${h.rank} ${h.id}  ${s.allele8}/8 ${s.allele10}/10 cord ${s.cord6}/6 ${h.direction}${dose}${flags}`,
        );
        console.log(`    why: ${h.reason}`);
      }
    } finally {
      await pool.close();
      await store.close();
    }
  });
}
