/**
 * The researcher's analysis dataset: one row per treated plan of a patient whose research consent is in
 * force, de-identified as the research export is (keyed pseudonym; no MRN, name or date), with the data
 * dictionary (analysis-dictionary.ts). The donor type is the infused products' (therapy's donorTypesGiven);
 * Cradle records no HLA match grade of the graft given (the reservation's reason is free text), so that
 * column says "not-recorded" rather than being left out or guessed from a typing comparison not made here.
 */
import { stringify } from "csv-stringify/sync";
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { consentedMrns } from "../consent/index.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import {
  cellsPerKgGiven,
  donorTypesGiven,
  graftTypingsGiven,
  patientResearchFacts,
} from "../therapy/index.js";
import { allowOutcomes } from "./act.js";
import { adverseEventsOf } from "./adverse-events.js";
import { ANALYSIS_DICTIONARY } from "./analysis-dictionary.js";
import type { AnalysisDataset, AnalysisRow } from "./analysis-schemas.js";
import { sig4 } from "./csv-numbers.js";
import { deathsOf } from "./deaths.js";
import { checkExportKey } from "./export-key.js";
import { formsByPlan, formsOf } from "./follow-up.js";
import { type GradingOptions, graftMatch } from "./hla-match.js";
import { planOutcomes } from "./reports.js";
import { pseudonym } from "./research-export.js";
import type { FollowUpForm } from "./schemas.js";

const DAY = 86_400_000;
const SEVERITY = ["none", "mild", "moderate", "severe"];
const BAYLEY = ["cognitive", "language", "motor"] as const;

function bayleyColumns(forms: FollowUpForm[], birthAt: string, diedOn: string | undefined): AnalysisRow {
  const row: AnalysisRow = {};
  for (const month of [12, 24]) {
    const f = forms.find((x) => x.form === "neurodevelopment" && x.visit === `month-${month}`);
    for (const d of BAYLEY) row[`bayley_${d}_m${month}`] = typeof f?.data[d] === "number" ? f.data[d] : null;
    const visitDay = new Date(Date.parse(birthAt) + (month === 12 ? 365 : 730) * DAY)
      .toISOString()
      .slice(0, 10);
    row[`survival_bayley85_m${month}`] =
      diedOn !== undefined && diedOn <= visitDay
        ? 0
        : f
          ? BAYLEY.every((d) => typeof f.data[d] === "number" && (f.data[d] as number) >= 85)
            ? 1
            : 0
          : null;
  }
  return row;
}

export async function analysisDataset(
  store: Store,
  key: string,
  act: Act,
  options: GradingOptions = {},
): Promise<AnalysisDataset> {
  allowOutcomes(act, "researchExport", "export research data");
  checkExportKey(key);
  const outcomes = await planOutcomes(store, act.at);
  const consented = await consentedMrns(store.db, "research", act.at);
  const patients = await patientResearchFacts(store.db);
  const given = await cellsPerKgGiven(store.db);
  const donors = await donorTypesGiven(store.db);
  const typings = await graftTypingsGiven(store.db);
  const deaths = await deathsOf(store.db);
  const events = await adverseEventsOf(store.db);
  const byPlan = formsByPlan(await formsOf(store.db, {}));
  const rows: AnalysisRow[] = [];
  let excluded = 0;
  for (const o of outcomes) {
    const p = patients.get(o.mrn);
    if (!consented.has(o.mrn) || !p) {
      excluded++;
      continue;
    }
    const forms = byPlan.get(o.planId) ?? [];
    const acute = forms.filter((f) => f.form === "acute-gvhd").map((f) => Number(f.data.grade));
    const chronic = forms
      .filter((f) => f.form === "chronic-gvhd")
      .map((f) => SEVERITY.indexOf(String(f.data.global)));
    const mine = events.filter((e) => e.mrn === o.mrn && (e.planId === null || e.planId === o.planId));
    const dose = given.get(o.planId);
    const donor = donors.get(o.planId);
    const bpd = forms.find((f) => f.form === "bpd");
    rows.push({
      subject: pseudonym(key, o.mrn),
      protocol: o.protocolId,
      arm: o.arm,
      indication: p.indication,
      icd10: p.icd10,
      donor_type: donor ?? null,
      hla_match: donor === undefined ? null : graftMatch(options.hla, typings.get(o.planId)),
      cells_per_kg_given: dose === undefined ? null : sig4(dose),
      neutrophil_engraftment_day: o.engraftmentDay,
      acute_gvhd_max_grade: acute.length ? Math.max(...acute) : null,
      chronic_gvhd_worst: chronic.length ? (SEVERITY[Math.max(...chronic)] ?? null) : null,
      ...bayleyColumns(forms, p.birthAt, deaths.get(o.mrn)?.diedOn),
      bpd_grade_36w: bpd ? String(bpd.data.grade) : null,
      ...Object.fromEntries(
        [1, 2, 3, 4, 5].map((g) => [`ae_grade_${g}`, mine.filter((e) => e.grade === g).length]),
      ),
      vital_status: o.died ? "dead" : "alive",
      follow_up_days: o.survivalDays,
      time_zero: o.timeZero,
    });
  }
  await write(store, (tx) =>
    appendAudit(tx, {
      actor: act.user.username,
      action: "research.analysis-dataset",
      entityType: "program",
      entityId: "analysis-dataset",
      after: { rows: rows.length, excluded, subjects: rows.map((r) => r.subject) },
      at: act.at,
    }),
  );
  return { dictionary: [...ANALYSIS_DICTIONARY], rows, excluded };
}

/** The rows as CSV, columns in the dictionary's order (the dictionary itself: dictionaryCsv). */
export function analysisCsv(rows: readonly AnalysisRow[]): string {
  const columns = ANALYSIS_DICTIONARY.map((d) => d.column);
  return stringify(
    rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ""]))),
    { header: true, columns },
  );
}

export function dictionaryCsv(): string {
  return stringify([...ANALYSIS_DICTIONARY], {
    header: true,
    columns: ["column", "meaning", "unit", "allowed"],
  });
}
