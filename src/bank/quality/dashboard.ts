/**
 * The quality dashboard (issue 18 part 6): open holds, deviations not closed, open CAPAs (overdue marked),
 * alarms not closed (unacknowledged and escalated ones first), and the reports due on the deviation and
 * vigilance clocks, and the recalls not closed.
 */
import type { Store } from "../../store/connect.js";
import { openHolds } from "../holds.js";
import { listAlarms } from "./alarms.js";
import { listCapas } from "./capa.js";
import type { QualityDashboard, ReportDue } from "./dashboard-schemas.js";
import { listDeviations } from "./deviations.js";
import { listRecalls } from "./recalls.js";
import { listVigilanceCases } from "./vigilance.js";

export type { QualityDashboard, ReportDue } from "./dashboard-schemas.js";

const ALARM_ORDER = { open: 0, acknowledged: 1, closed: 2 } as const;

export async function qualityDashboard(store: Store, now: Date): Promise<QualityDashboard> {
  const db = store.db;
  const [holds, deviations, capas, alarms, cases, recalls] = await Promise.all([
    openHolds(db),
    listDeviations(db, now, { open: true }),
    listCapas(db, now, { open: true }),
    listAlarms(db, now, { open: true }),
    listVigilanceCases(db, now, { open: true }),
    listRecalls(db),
  ]);
  const reportsDue: ReportDue[] = [];
  for (const d of deviations) {
    if (d.report && d.report.state !== "submitted") {
      reportsDue.push({
        kind: "deviation",
        id: d.id,
        summary: d.description.slice(0, 120),
        dueDate: d.report.dueDate,
        state: d.report.state,
      });
    }
  }
  for (const c of cases) {
    for (const [kind, clock] of [
      ["vigilance-fda", c.fda],
      ["vigilance-eu", c.eu],
    ] as const) {
      if (clock && clock.state !== "submitted") {
        reportsDue.push({
          kind,
          id: c.id,
          summary: `${c.kind} ${c.din}: ${c.description.slice(0, 100)}`,
          dueDate: clock.dueDate,
          state: clock.state,
        });
      }
    }
  }
  reportsDue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
  alarms.sort(
    (a, b) =>
      ALARM_ORDER[a.state] - ALARM_ORDER[b.state] ||
      Number(b.escalatedAt !== null) - Number(a.escalatedAt !== null) ||
      (a.raisedAt < b.raisedAt ? 1 : -1),
  );
  return {
    holds,
    deviations,
    capas,
    alarms,
    reportsDue,
    recalls: recalls.filter((r) => r.state !== "closed"),
  };
}
