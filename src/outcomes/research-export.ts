/**
 * The de-identified research export: one record per treated plan of a patient whose research consent is
 * in force now. Names, MRNs, the mother's MRN and free text are removed; the subject is a keyed pseudonym
 * (HMAC-SHA256 of the MRN); every date is shifted by one offset per patient (−30 to +30 days, also keyed),
 * so intervals stay true and dates cannot be matched to a birth register. A withdrawn consent leaves the
 * record out from the moment of withdrawal. The key's policy is in export-key.ts.
 */
import { createHmac } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { consentedMrns } from "../consent/index.js";
import type { Store } from "../store/connect.js";
import { write } from "../store/write.js";
import { patientResearchFacts } from "../therapy/index.js";
import { allowOutcomes } from "./act.js";
import { adverseEventsOf } from "./adverse-events.js";
import { checkExportKey } from "./export-key.js";
import type { ExportRecord, ResearchExport } from "./report-schemas.js";
import { planOutcomes } from "./reports.js";

const DAY = 86_400_000;

function keyed(key: string, what: string, mrn: string): Buffer {
  return createHmac("sha256", key).update(`${what}:${mrn}`).digest();
}

export function pseudonym(key: string, mrn: string): string {
  return `S-${keyed(key, "subject", mrn).toString("hex").slice(0, 12)}`;
}

/** The patient's date shift in whole days, −30 to +30. */
export function dateShiftDays(key: string, mrn: string): number {
  return (keyed(key, "shift", mrn).readUInt32BE(0) % 61) - 30;
}

const shifted = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);

export async function researchExport(store: Store, key: string, act: Act): Promise<ResearchExport> {
  allowOutcomes(act, "researchExport", "export research data");
  checkExportKey(key);
  const outcomes = await planOutcomes(store, act.at);
  const consented = await consentedMrns(store.db, "research", act.at);
  const patients = await patientResearchFacts(store.db);
  const events = await adverseEventsOf(store.db);
  const records: ExportRecord[] = [];
  let excluded = 0;
  for (const o of outcomes) {
    if (!consented.has(o.mrn)) {
      excluded++;
      continue;
    }
    const p = patients.get(o.mrn);
    if (!p) continue;
    const shift = dateShiftDays(key, p.mrn);
    records.push({
      subject: pseudonym(key, p.mrn),
      sex: p.sex,
      gestationalWeeks: p.gestationalWeeks,
      gestationalDays: p.gestationalDays,
      birthWeightGrams: p.birthWeightGrams,
      icd10: p.icd10,
      indication: p.indication,
      protocol: o.protocolId,
      birthDate: shifted(p.birthAt, shift),
      firstInfusionDate: o.firstInfusion === null ? "" : shifted(o.firstInfusion, shift),
      arm: o.arm ?? "",
      timeZero: o.timeZero,
      survivalDays: o.survivalDays,
      died: o.died,
      engraftmentDay: o.engraftmentDay,
      adverseEvents: events
        .filter((e) => e.mrn === p.mrn && (e.planId === null || e.planId === o.planId))
        .map((e) => ({
          term: e.term,
          grade: e.grade,
          serious: e.serious,
          attribution: e.attribution,
          onsetDate: shifted(e.onsetAt, shift),
        })),
    });
  }
  await write(store, (tx) =>
    appendAudit(tx, {
      actor: act.user.username,
      action: "research.export",
      entityType: "program",
      entityId: "research-export",
      after: { records: records.length, excluded, subjects: records.map((r) => r.subject) },
      at: act.at,
    }),
  );
  return { records, excluded };
}

/** One CSV row per record; adverse events as their count and highest grade. */
export function exportCsv(records: readonly ExportRecord[]): string {
  return stringify(
    records.map((r) => ({
      subject: r.subject,
      sex: r.sex,
      gestational_age: `${r.gestationalWeeks}+${r.gestationalDays}`,
      birth_weight_g: r.birthWeightGrams,
      icd10: r.icd10,
      indication: r.indication,
      protocol: r.protocol,
      birth_date_shifted: r.birthDate,
      arm: r.arm,
      first_infusion_date_shifted: r.firstInfusionDate,
      time_zero: r.timeZero,
      survival_days: r.survivalDays,
      died: r.died ? 1 : 0,
      engraftment_day: r.engraftmentDay ?? "",
      adverse_events: r.adverseEvents.length,
      max_ae_grade: r.adverseEvents.reduce((m, e) => Math.max(m, e.grade), 0) || "",
    })),
    { header: true },
  );
}
