/**
 * Each protocol's follow-up visits, counted from its anchor (day 0 of a transplant, or the birth), and the
 * forms collected at them. Transplants follow CIBMTR's rhythm (day +7, +14, +28, +42, +100, 6 months, then
 * yearly to 6 years); HIE babies have Bayley-III at 12 and 24 months; MSC babies a day +28 check and
 * Bayley-III at 24 months. Pure constants: the schemas take the visit names from here.
 */
import type { FormName } from "./form-fields.js";

export interface VisitDefinition {
  visit: string;
  /** Days after the anchor. */
  day: number;
  forms: FormName[];
}

const TRANSPLANT_EARLY: FormName[] = ["blood-counts", "acute-gvhd", "infection", "vital-status"];

export const VISITS: Readonly<Record<string, { anchor: "day0" | "birth"; visits: VisitDefinition[] }>> = {
  "allogeneic-cord-blood-transplant": {
    anchor: "day0",
    visits: [
      { visit: "day+7", day: 7, forms: TRANSPLANT_EARLY },
      { visit: "day+14", day: 14, forms: TRANSPLANT_EARLY },
      { visit: "day+28", day: 28, forms: [...TRANSPLANT_EARLY, "chimerism"] },
      { visit: "day+42", day: 42, forms: TRANSPLANT_EARLY },
      { visit: "day+100", day: 100, forms: [...TRANSPLANT_EARLY, "chimerism"] },
      { visit: "month-6", day: 183, forms: ["blood-counts", "chronic-gvhd", "infection", "vital-status"] },
      ...[1, 2, 3, 4, 5, 6].map((y) => ({
        visit: `year-${y}`,
        day: 365 * y,
        forms: ["chimerism", "chronic-gvhd", "vital-status"] as FormName[],
      })),
    ],
  },
  "hie-autologous-cord-blood": {
    anchor: "birth",
    visits: [
      { visit: "month-12", day: 365, forms: ["neurodevelopment", "vital-status"] },
      { visit: "month-24", day: 730, forms: ["neurodevelopment", "vital-status"] },
    ],
  },
  "msc-bronchopulmonary-dysplasia": {
    anchor: "birth",
    visits: [
      { visit: "day+28", day: 28, forms: ["infection", "vital-status"] },
      { visit: "month-24", day: 730, forms: ["neurodevelopment", "vital-status"] },
    ],
  },
};

/** Every visit name of every protocol (which visits a plan has is checked against its protocol). */
export const VISIT_NAMES = [...new Set(Object.values(VISITS).flatMap((p) => p.visits.map((v) => v.visit)))];
