/** `cradle search`: find adult donors or cord units for a patient in the stored listings. */
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { scientific } from "../matching/dose.js";
import { ScanPool } from "../matching/scan-pool.js";
import { INDEX_LOCI } from "../matching/search-index.js";
import { loadIndex, searchListings } from "../search/search-service.js";
import { openStore } from "../store/connect.js";
import { type RefOptions, openReference, withReferenceOptions } from "./reference.js";

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n))
    throw new CradleError("INVALID_INPUT", `--${name} ${v}: must be a whole number`, { field: name });
  return n;
}

/** "DRB1=0,A=1" → { DRB1: 0, A: 1 }, refusing loci the index does not hold. */
function perLocus(v: string | undefined): Partial<Record<(typeof INDEX_LOCI)[number], number>> | undefined {
  if (v === undefined) return undefined;
  const out: Partial<Record<(typeof INDEX_LOCI)[number], number>> = {};
  for (const part of v.split(",")) {
    const [locus, n] = part.split("=");
    const k = Number(n);
    if (!(INDEX_LOCI as readonly string[]).includes(locus ?? "") || !Number.isInteger(k) || k < 0 || k > 2) {
      throw new CradleError(
        "INVALID_INPUT",
        `--max-per-locus ${part}: write LOCUS=0|1|2 with a locus of ${INDEX_LOCI.join(", ")}`,
        {
          field: "maxPerLocus",
        },
      );
    }
    out[locus as (typeof INDEX_LOCI)[number]] = k;
  }
  return out;
}

export function registerSearchCommand(program: Command): void {
  withReferenceOptions(
    program
      .command("search")
      .description("rank adult donors or cord units for a patient")
      .requiredOption("--patient <gl>", "patient typing, a GL string")
      .option("--cords", "search cord blood units")
      .option("--adults", "search adult donors (the default)")
      .option("--weight-grams <g>", "patient weight in grams (cords: dose per kg)")
      .option("--diagnosis <d>", "malignant or nonmalignant (cords: the TNC/kg floor)")
      .option("--antibodies <list>", "donor-specific antibodies, comma-separated (A2,B44,DR4)")
      .option("--loci <n>", "loci counted: 8 (A, B, C, DRB1) or 10 (with DQB1)", "8")
      .option("--max-mismatches <k>", "most allele mismatches of the loci counted")
      .option("--max-per-locus <list>", "most mismatches at a locus, e.g. DRB1=0,A=1")
      .option("--limit <n>", "results per page", "20")
      .option("--offset <n>", "results to skip", "0")
      .option("--json", "print JSON"),
  ).action(
    async (
      o: RefOptions & {
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
      },
    ) => {
      if (o.cords && o.adults)
        throw new CradleError("INVALID_INPUT", "--cords and --adults: choose one", { field: "cords" });
      if (o.diagnosis !== undefined && o.diagnosis !== "malignant" && o.diagnosis !== "nonmalignant") {
        throw new CradleError(
          "INVALID_INPUT",
          `--diagnosis ${o.diagnosis}: must be malignant or nonmalignant`,
          {
            field: "diagnosis",
          },
        );
      }
      const { engine } = await openReference(o);
      const store = await openStore();
      const pool = new ScanPool();
      try {
        const t0 = performance.now();
        const index = await loadIndex(store, engine);
        const loadMs = performance.now() - t0;
        const r = await searchListings(
          store,
          index,
          {
            patientTyping: o.patient,
            kind: o.cords ? "cord" : "adult",
            weightGrams: int("weight-grams", o.weightGrams),
            diagnosis: o.diagnosis as "malignant" | "nonmalignant" | undefined,
            antibodies: o.antibodies
              ?.split(",")
              .map((s) => s.trim())
              .filter((s) => s !== ""),
            loci: int("loci", o.loci) as 8 | 10,
            maxMismatches: int("max-mismatches", o.maxMismatches),
            maxPerLocus: perLocus(o.maxPerLocus),
            limit: int("limit", o.limit),
            offset: int("offset", o.offset),
          },
          { now: new Date(), pool },
        );
        if (o.json) {
          console.log(JSON.stringify({ ...r, indexLoadMs: Math.round(loadMs) }, null, 2));
          return;
        }
        const of = Number(o.loci);
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
        }
      } finally {
        await pool.close();
        await store.close();
      }
    },
  );
}
