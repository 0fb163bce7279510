/**
 * The program's outcomes, per treated plan: overall survival from the first infusion (death from the one
 * death record, deaths.ts, else censored at the last follow-up), neutrophil engraftment of transplants from the
 * recorded counts (death before engraftment as the competing risk), and adverse events by grade. The
 * statistics come from src/stats, which is held to R.
 */
import type { Act } from "../accounts/act.js";
import { cumulativeIncidence } from "../stats/cumulative-incidence.js";
import { normalQuantile } from "../stats/distributions.js";
import { kaplanMeier } from "../stats/kaplan-meier.js";
import { logRank } from "../stats/logrank.js";
import type { Store } from "../store/connect.js";
import { firstInfusions, treatedPlans } from "../therapy/index.js";
import { allowOutcomes } from "./act.js";
import { adverseEventTable, adverseEventsOf } from "./adverse-events.js";
import { wholeDays } from "./csv-numbers.js";
import type { Death } from "./death-schemas.js";
import { deathsOf } from "./deaths.js";
import { neutrophilEngraftment, plateletEngraftment } from "./engraftment.js";
import { formsByPlan, formsOf, visitWindowCounts } from "./follow-up.js";
import type { OutcomesReport, TimingSummary } from "./report-schemas.js";
import type { FollowUpForm } from "./schemas.js";

const DAY = 86_400_000;

export interface PlanOutcome {
  planId: string;
  mrn: string;
  protocolId: string;
  /** The first infusion: time zero. */
  start: string;
  survivalDays: number;
  died: boolean;
  /** Transplants: day of neutrophil engraftment, or null. */
  engraftmentDay: number | null;
  /** Transplants: day of platelet engraftment, or null. */
  plateletEngraftmentDay: number | null;
  /** Competing-risks coding for engraftment: 0 censored, 1 engrafted, 2 died first. */
  engraftmentStatus: 0 | 1 | 2;
  engraftmentTime: number;
}

/** Each treated plan's outcome: a fact read inside outcomes (its callers check the reader's role). */
export async function planOutcomes(store: Store, now: Date): Promise<PlanOutcome[]> {
  const firstInfusion = await firstInfusions(store.db);
  const planRows = await treatedPlans(store.db);
  const byPlan = formsByPlan(await formsOf(store.db, {}));
  const deaths = await deathsOf(store.db);
  return planRows.flatMap((p) => {
    const start = firstInfusion.get(p.id);
    if (!start) return [];
    return [outcomeOf(p, start, byPlan.get(p.id) ?? [], deaths.get(p.mrn), now)];
  });
}

function outcomeOf(
  p: { id: string; mrn: string; protocolId: string; day0: string | null },
  start: string,
  forms: FollowUpForm[],
  death: Death | undefined,
  now: Date,
): PlanOutcome {
  const t0 = Date.parse(start);
  // A date of death is a calendar day: counted at its noon UTC.
  const deathAt = death ? Date.parse(`${death.diedOn}T12:00:00Z`) : undefined;
  const lastSeen = Math.max(t0, ...forms.map((f) => Date.parse(f.observedAt)));
  const end = deathAt ?? Math.min(lastSeen, now.getTime());
  // Whole days from the first infusion (completed days), as every table and export shows them.
  const survivalDays = wholeDays(t0, end);
  const day0 = Date.parse(p.day0 ?? start);
  const counts = forms
    .filter((f) => f.form === "blood-counts" && typeof f.data.anc === "number")
    .map((f) => ({ day: Math.floor((Date.parse(f.observedAt) - day0) / DAY), value: f.data.anc as number }));
  const engraftmentDay = counts.length ? neutrophilEngraftment(counts) : null;
  const countDay = (f: FollowUpForm) => Math.floor((Date.parse(f.observedAt) - day0) / DAY);
  const bloodCounts = forms.filter((f) => f.form === "blood-counts");
  const platelets = bloodCounts
    .filter((f) => typeof f.data.platelets === "number")
    .map((f) => ({ day: countDay(f), value: f.data.platelets as number }));
  const transfusions = bloodCounts.filter((f) => f.data.plateletTransfusion === true).map(countDay);
  const plateletDay = platelets.length ? plateletEngraftment(platelets, transfusions) : null;
  const engraftmentStatus = engraftmentDay !== null ? 1 : deathAt !== undefined ? 2 : 0;
  const engraftmentTime =
    engraftmentDay !== null ? engraftmentDay : wholeDays(day0, deathAt ?? Math.min(lastSeen, now.getTime()));
  return {
    planId: p.id,
    mrn: p.mrn,
    protocolId: p.protocolId,
    start,
    survivalDays,
    died: deathAt !== undefined,
    engraftmentDay,
    plateletEngraftmentDay: plateletDay,
    engraftmentStatus,
    engraftmentTime,
  };
}

/** Median (the middle value, or the mean of the two middle ones) and range of the days reached. */
export function timingSummary(days: readonly (number | null)[]): TimingSummary {
  const xs = days.filter((d): d is number => d !== null).sort((a, b) => a - b);
  const mid = Math.floor(xs.length / 2);
  const median =
    xs.length === 0
      ? null
      : xs.length % 2
        ? (xs[mid] as number)
        : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
  return { reached: xs.length, of: days.length, median, min: xs[0] ?? null, max: xs[xs.length - 1] ?? null };
}

/** Days after day 0 at which the engraftment figure counts those at risk. */
export const ENGRAFTMENT_TICKS = [0, 14, 28, 42, 60] as const;

/**
 * A pointwise 95% interval for a cumulative incidence on the log(−log) scale, F^exp(±1.96·se/(F·log F))
 * (Pintilie, Competing Risks, 2006), which stays inside (0, 1); none where F is 0 or 1.
 */
export function cifInterval(f: number, variance: number): { lower: number | null; upper: number | null } {
  if (!(f > 0 && f < 1) || !(variance >= 0)) return { lower: null, upper: null };
  const a = (Z95 * Math.sqrt(variance)) / (f * Math.log(f));
  return { lower: f ** Math.exp(-a), upper: f ** Math.exp(a) };
}
const Z95 = normalQuantile(0.975);

export async function outcomesReport(store: Store, act: Act): Promise<OutcomesReport> {
  allowOutcomes(act, "readOutcomes", "read outcomes");
  const now = act.at;
  const outcomes = await planOutcomes(store, now);
  const protocols = [...new Set(outcomes.map((o) => o.protocolId))].sort();
  const groups: OutcomesReport["survival"]["groups"] = {};
  const medians: OutcomesReport["survival"]["medians"] = {};
  for (const g of protocols) {
    const curve = kaplanMeier(
      outcomes.filter((o) => o.protocolId === g).map((o) => ({ time: o.survivalDays, event: o.died })),
    );
    groups[g] = curve.steps;
    medians[g] = curve.median;
  }
  const withEvents = protocols.filter((g) => outcomes.some((o) => o.protocolId === g && o.died));
  const logrank =
    protocols.length > 1 && withEvents.length > 0
      ? (({ chisq, df, p }) => ({ chisq, df, p }))(
          logRank(
            protocols.map((g) =>
              outcomes
                .filter((o) => o.protocolId === g)
                .map((o) => ({ time: o.survivalDays, event: o.died })),
            ),
          ),
        )
      : null;
  const transplants = outcomes.filter((o) => o.protocolId === "allogeneic-cord-blood-transplant");
  const engraftment = transplants.length
    ? [
        {
          group: "allogeneic-cord-blood-transplant",
          points: cumulativeIncidence(
            transplants.map((o) => ({ time: o.engraftmentTime, cause: o.engraftmentStatus })),
            1,
          ).points.map((p) => ({ ...p, ...cifInterval(p.estimate, p.variance) })),
          atRisk: ENGRAFTMENT_TICKS.map((t) => transplants.filter((o) => o.engraftmentTime >= t).length),
        },
      ]
    : [];
  return {
    asOf: now.toISOString(),
    patients: new Set(outcomes.map((o) => o.mrn)).size,
    survival: { groups, medians, logrank },
    engraftment,
    adverseEvents: adverseEventTable(await adverseEventsOf(store.db)),
    engraftmentTiming: {
      neutrophil: timingSummary(transplants.map((o) => o.engraftmentDay)),
      platelet: timingSummary(transplants.map((o) => o.plateletEngraftmentDay)),
    },
    visitWindows: await visitWindowCounts(store.db, now),
  };
}
