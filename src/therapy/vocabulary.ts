/**
 * Therapy's fixed lists and physiological bounds: the schemas, the services, the CLI's help and the web
 * app's choices all read them from here. Pure (no imports), so the web app may import it.
 */

export const SEXES = ["female", "male", "undetermined"] as const;
export type Sex = (typeof SEXES)[number];

export const INDICATIONS = [
  "genetic-disorder",
  "congenital-abnormality",
  "neonatal-brain-injury",
  "complication-of-prematurity",
] as const;
export type Indication = (typeof INDICATIONS)[number];

export const RESPIRATORY_SUPPORT = ["none", "oxygen", "cpap", "mechanical-ventilation"] as const;
export type RespiratorySupport = (typeof RESPIRATORY_SUPPORT)[number];

export const PLAN_STATES = ["active", "completed", "withdrawn"] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** Where one dose of a plan stands: its window against the clock, or given, or recorded as missed. */
export const DOSE_STATES = ["upcoming", "due", "overdue", "given", "missed"] as const;
export type DoseState = (typeof DOSE_STATES)[number];

/** A dose window against the clock alone. */
export const WINDOW_STATES = ["upcoming", "due", "overdue"] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export const ORDER_STATES = ["ordered", "verified", "infused", "cancelled"] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const CHECK_OUTCOMES = ["passed", "blocked"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const REACTION_SEVERITIES = ["mild", "moderate", "severe", "life-threatening"] as const;
export type ReactionSeverity = (typeof REACTION_SEVERITIES)[number];

export const ROUTES = ["intravenous", "intratracheal"] as const;
export type Route = (typeof ROUTES)[number];

/** "per-kg": draw the volume that carries the target; "whole-product": the unit is given entire. */
export const DOSINGS = ["per-kg", "whole-product"] as const;
export type Dosing = (typeof DOSINGS)[number];

/** What a protocol's dose windows count from: the birth (HIE, BPD) or day 0 (a transplant). */
export const ANCHORS = ["birth", "day0"] as const;
export type Anchor = (typeof ANCHORS)[number];

/** A medical record number as keyed or scanned: 3 to 30 letters, digits or hyphens (stored upper-case). */
export const MRN_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{2,29}$";

/** An ICD-10 code such as P91.6 (chapter U is reserved, so never a diagnosis here). */
export const ICD10_PATTERN = "^[A-TV-Za-tv-z][0-9]{2}(\\.[0-9]{1,4})?$";

/** Physiological bounds: a value outside is a typing error, refused rather than stored. */
export const BOUNDS = {
  /** Completed weeks of gestation at birth: from the limit of viability to well past term. */
  gestationalWeeks: [20, 44],
  gestationalDays: [0, 6],
  /** Birth weight: the most premature survivors to the heaviest newborns. */
  birthWeightGrams: [300, 7000],
  /** A later weight: an infant to an older child of a transplant program. */
  weightGrams: [300, 150_000],
  cordBloodCollectedMl: [0, 500],
  /** Single-antigen bead MFI: the assay saturates far below this. */
  antibodyMfi: [0, 100_000],
  /** An infusion's volume: an infant's dose to a whole adult unit. */
  infusionMl: [0, 1000],
  /** Cells per kg a physician may ask for (any protocol's maximum is far below). */
  targetPerKg: [0, 1e10],
  /** Cells per mL of a product. */
  concentrationPerMl: [0, 1e11],
  doseNumber: [1, 100],
  /** How far ahead the dashboard looks for doses, in hours. */
  horizonHours: [1, 24 * 30],
} as const;

/** Plausible vital signs from a newborn to an older child; a value outside is a typing error. */
export const VITAL_RANGES = {
  heartRate: [20, 300],
  respiratoryRate: [0, 150],
  /** Oxygen saturation, %. */
  spo2: [0, 100],
  temperatureC: [25, 45],
  systolic: [20, 250],
  diastolic: [10, 200],
} as const;
