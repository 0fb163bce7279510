/** `cradle search`: find adult donors or cord units for a patient in the stored listings. */
import type { Command } from "commander";
import { CradleError } from "../errors.js";
import { scientific } from "../matching/dose.js";
import { ScanPool } from "../matching/scan-pool.js";
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
      .option("--max-mismatches <k>", "most allele mismatches of 8")
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
            maxMismatches: int("max-mismatches", o.maxMismatches),
            limit: int("limit", o.limit),
            offset: int("offset", o.offset),
          },
          { now: new Date(), pool },
        );
        if (o.json) {
          console.log(JSON.stringify({ ...r, indexLoadMs: Math.round(loadMs) }, null, 2));
          return;
        }
        const counts = Object.entries(r.classCounts)
          .map(([mm, n]) => `${8 - Number(mm)}/8: ${n}`)
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
