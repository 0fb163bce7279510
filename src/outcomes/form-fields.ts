/**
 * The follow-up forms' typed fields, per form: what each holds, its range or its choices. Pure constants:
 * the forms' schemas (src/outcomes/schemas.ts) are built from them, and the web app draws its inputs from
 * them (GET /api/outcomes/forms). Acute GVHD is recorded as MAGIC organ stages, chronic GVHD as NIH organ
 * scores 0–3 and the global severity, BPD as the support at 36 weeks PMA and its Jensen 2019 grade (bpd.ts).
 */
import { BPD_GRADES, BPD_SUPPORTS } from "./bpd.js";
export type FieldSpec =
  | { kind: "number"; min: number; max: number; integer?: boolean; required?: boolean; what: string }
  | { kind: "boolean"; required?: boolean; what: string }
  | { kind: "text"; required?: boolean; what: string }
  | { kind: "date"; required?: boolean; what: string }
  | { kind: "choice"; values: readonly string[]; required?: boolean; what: string };

const stage = (max: number, what: string): FieldSpec => ({
  kind: "number",
  min: 0,
  max,
  integer: true,
  required: true,
  what,
});

/**
 * Bayley-III composite scores (standard scores, mean 100, SD 15; Bayley N, Bayley Scales of Infant and
 * Toddler Development, Third Edition, Technical Manual, Pearson 2006, chapter 6 and the norms tables of
 * appendix A). The composites share a 40–160 metric, but each can only take the values its norms give:
 * the Cognitive composite is the composite equivalent of the one Cognitive scaled score (1–19, mean 10,
 * SD 3), 100 + 5 × (scaled − 10), so 55–145; Language (receptive + expressive scaled scores) gives 47–153
 * and Motor (fine + gross) 46–154 in the manual's tables of sums of scaled scores.
 */
export const BAYLEY_III_COMPOSITES = {
  cognitive: { min: 55, max: 145 },
  language: { min: 47, max: 153 },
  motor: { min: 46, max: 154 },
} as const;

const composite = (which: keyof typeof BAYLEY_III_COMPOSITES, what: string) =>
  ({ kind: "number", ...BAYLEY_III_COMPOSITES[which], integer: true, required: true, what }) as const;

export const FORMS = {
  "blood-counts": {
    anc: { kind: "number", min: 0, max: 100, what: "absolute neutrophil count ×10^9/L" },
    platelets: { kind: "number", min: 0, max: 2000, what: "platelets ×10^9/L" },
    plateletTransfusion: { kind: "boolean", what: "platelets transfused that day" },
    redCellTransfusion: { kind: "boolean", what: "red cells transfused that day" },
  },
  chimerism: {
    donorPercent: { kind: "number", min: 0, max: 100, required: true, what: "donor chimerism %" },
    lineage: {
      kind: "choice",
      values: ["whole-blood", "t-cell", "myeloid"],
      required: true,
      what: "the cells tested",
    },
  },
  "acute-gvhd": {
    skin: stage(4, "skin stage"),
    liver: stage(4, "liver stage"),
    upperGi: stage(1, "upper GI stage"),
    lowerGi: stage(4, "lower GI stage"),
  },
  "chronic-gvhd": {
    skin: stage(3, "skin score"),
    mouth: stage(3, "mouth score"),
    eyes: stage(3, "eyes score"),
    gi: stage(3, "GI tract score"),
    liver: stage(3, "liver score"),
    lungs: stage(3, "lungs score"),
    joints: stage(3, "joints and fascia score"),
    genital: stage(3, "genital tract score"),
    global: {
      kind: "choice",
      values: ["none", "mild", "moderate", "severe"],
      required: true,
      what: "NIH global severity",
    },
  },
  bpd: {
    support: {
      kind: "choice",
      values: BPD_SUPPORTS,
      required: true,
      what: "respiratory support at 36 weeks postmenstrual age",
    },
    grade: {
      kind: "choice",
      values: BPD_GRADES,
      required: true,
      what: "BPD grade (Jensen 2019)",
    },
  },
  infection: {
    organism: { kind: "text", required: true, what: "organism" },
    site: { kind: "text", required: true, what: "site" },
    severity: {
      kind: "choice",
      values: ["non-severe", "severe", "life-threatening"],
      required: true,
      what: "severity",
    },
  },
  neurodevelopment: {
    instrument: { kind: "choice", values: ["Bayley-III"], required: true, what: "the instrument" },
    // Each composite within the range its own norms tables can give (BAYLEY_III_COMPOSITES), not the
    // 40–160 metric of the scale as a whole.
    cognitive: composite("cognitive", "cognitive composite"),
    language: composite("language", "language composite"),
    motor: composite("motor", "motor composite"),
  },
  "vital-status": {
    alive: { kind: "boolean", required: true, what: "alive at the visit" },
    deathDate: { kind: "date", what: "date of death" },
    cause: { kind: "text", what: "cause of death" },
  },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type FormName = keyof typeof FORMS;

export const FORM_NAMES = Object.keys(FORMS) as FormName[];

export function isForm(name: string): name is FormName {
  return Object.hasOwn(FORMS, name);
}

/** Free-text fields' length: a short line. */
export const FORM_TEXT_MAX = 500;
