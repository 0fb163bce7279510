/**
 * Each protocol's follow-up visits, counted from its anchor (day 0 of a transplant, or the birth), and the
 * forms collected at them. Transplants follow CIBMTR's rhythm (day +7, +14, +28, +42, +100, 6 months, then
 * yearly to 6 years); HIE babies have Bayley-III at 12 and 24 months; MSC babies a day +28 check, the BPD grade at
 * 36 weeks' postmenstrual age (its day after birth depends on the gestational age) and Bayley-III at 24 months. Each visit has its window, target day ± tolerance in whole days: a week for
 * the visits up to day +100, a month after. Pure: the schemas take the visit names from here.
 */
import { BPD_PMA_DAYS, BPD_PMA_TOLERANCE_DAYS } from "./bpd.js";
import type { FormName } from "./form-fields.js";

export interface VisitDefinition {
  visit: string;
  /** Days after the anchor (for a visit at a postmenstrual age, 0 here: `visitDay` gives the baby's day). */
  day: number;
  /** A visit at a postmenstrual age, in days of gestation: its day after birth depends on the baby. */
  pmaDays?: number;
  /** The window: day ± tolerance, whole days. */
  tolerance: number;
  forms: FormName[];
}

/** A week up to day +100, a month after (the program's protocol rule). */
const v = (visit: string, day: number, forms: FormName[]): VisitDefinition => ({
  visit,
  day,
  tolerance: day <= 100 ? 7 : 30,
  forms,
});

/**
 * Whole days a form at `observedDay` (days after the anchor, counted down) lies outside the visit's window:
 * 0 inside (both edges included), negative when early, positive when late.
 */
export function daysOutsideWindow(
  def: Pick<VisitDefinition, "day" | "tolerance">,
  observedDay: number,
): number {
  const first = def.day - def.tolerance;
  const last = def.day + def.tolerance;
  return observedDay < first ? observedDay - first : observedDay > last ? observedDay - last : 0;
}

/** The visit's day after the anchor for a baby born at this gestational age (in days). */
export function visitDay(def: Pick<VisitDefinition, "day" | "pmaDays">, gestationDays: number): number {
  return def.pmaDays === undefined ? def.day : def.pmaDays - gestationDays;
}

const TRANSPLANT_EARLY: FormName[] = ["blood-counts", "acute-gvhd", "infection", "vital-status"];

export const VISITS: Readonly<Record<string, { anchor: "day0" | "birth"; visits: VisitDefinition[] }>> = {
  "allogeneic-cord-blood-transplant": {
    anchor: "day0",
    visits: [
      v("day+7", 7, TRANSPLANT_EARLY),
      v("day+14", 14, TRANSPLANT_EARLY),
      v("day+28", 28, [...TRANSPLANT_EARLY, "chimerism"]),
      v("day+42", 42, TRANSPLANT_EARLY),
      v("day+100", 100, [...TRANSPLANT_EARLY, "chimerism"]),
      v("month-6", 183, ["blood-counts", "chronic-gvhd", "infection", "vital-status"]),
      ...[1, 2, 3, 4, 5, 6].map((y) =>
        v(`year-${y}`, 365 * y, ["chimerism", "chronic-gvhd", "vital-status"]),
      ),
    ],
  },
  "hie-autologous-cord-blood": {
    anchor: "birth",
    visits: [
      v("month-12", 365, ["neurodevelopment", "vital-status"]),
      v("month-24", 730, ["neurodevelopment", "vital-status"]),
    ],
  },
  "msc-bronchopulmonary-dysplasia": {
    anchor: "birth",
    visits: [
      v("day+28", 28, ["infection", "vital-status"]),
      // BPD is graded at 36 weeks' postmenstrual age (Jensen 2019), a week either side.
      {
        visit: "pma-36-weeks",
        day: 0,
        pmaDays: BPD_PMA_DAYS,
        tolerance: BPD_PMA_TOLERANCE_DAYS,
        forms: ["bpd", "vital-status"],
      },
      v("month-24", 730, ["neurodevelopment", "vital-status"]),
    ],
  },
};

/** Every visit name of every protocol (which visits a plan has is checked against its protocol). */
export const VISIT_NAMES = [...new Set(Object.values(VISITS).flatMap((p) => p.visits.map((v) => v.visit)))];
