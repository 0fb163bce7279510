/**
 * The bank's fixed lists: sources, statuses and their arrows, processing steps, QC tests and stages,
 * storage conditions, ABO/RhD groups, who may do what. Pure data with no imports, so the schemas (and
 * through them the web app's types), the CLI's help and the services all read the same lists.
 */

export const SOURCES = ["cord-blood", "bone-marrow", "peripheral-blood-apheresis", "adipose-tissue"] as const;
export type Source = (typeof SOURCES)[number];

/** Storage conditions, each with the temperature range a label prints and a shipment is held to. */
export const STORAGE_TEMPERATURES = {
  cryopreserved: {
    label: "Store at or below -150 °C (liquid nitrogen vapour)",
    minCelsius: null,
    maxCelsius: -150,
  },
  refrigerated: { label: "Store at 2 °C to 8 °C", minCelsius: 2, maxCelsius: 8 },
  room: { label: "Store at 15 °C to 25 °C", minCelsius: 15, maxCelsius: 25 },
} as const;
export type StorageTemperature = keyof typeof STORAGE_TEMPERATURES;
export const STORAGE_KINDS = Object.keys(STORAGE_TEMPERATURES) as StorageTemperature[];

/** The ABO/RhD groups of ISBT 128 data structure 002's codes (isbt128/data-structures.ts ABO_RHD_CODES). */
export const ABO_RHD = ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"] as const;
export type AboRhD = (typeof ABO_RHD)[number];

export const PRODUCT_STATUSES = [
  "in_processing",
  "quarantine",
  "available",
  "reserved",
  "shipped",
  "received",
  "infused",
  "discarded",
  "divided",
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * The product status lifecycle. `divided` is terminal: the parent's cells now live in its divisions
 * (ISBT 128 division codes A0, B0, …).
 */
export const TRANSITIONS: Readonly<Record<ProductStatus, readonly ProductStatus[]>> = {
  // Processing ends in quarantine, awaiting QC results and release.
  in_processing: ["quarantine", "discarded", "divided"],
  // Only a signed release makes a product available; a failed QC may send it back to processing.
  quarantine: ["available", "in_processing", "discarded", "divided"],
  // A hold or recall puts an available product back in quarantine.
  available: ["reserved", "quarantine", "discarded"],
  // Reserved for one patient: shipped, infused on site (e.g. fresh autologous cells), or let go; a hold's
  // disposition may return it to quarantine.
  reserved: ["available", "shipped", "infused", "discarded", "quarantine"],
  shipped: ["received", "discarded"],
  received: ["infused", "discarded"],
  infused: [],
  discarded: [],
  divided: [],
};

export const PROCESSING_STEPS = [
  "volume-reduction",
  "red-cell-depletion",
  "plasma-depletion",
  "cryopreservation",
  "thaw",
  "wash",
  "other",
] as const;
export type ProcessingStepName = (typeof PROCESSING_STEPS)[number];

/** Where each step may happen: thaw and wash also after release and receipt, at the infusing site. */
export const STEP_STATUSES: Readonly<Record<ProcessingStepName, readonly ProductStatus[]>> = {
  "volume-reduction": ["in_processing"],
  "red-cell-depletion": ["in_processing"],
  "plasma-depletion": ["in_processing"],
  cryopreservation: ["in_processing"],
  thaw: ["reserved", "received"],
  wash: ["in_processing", "reserved", "received"],
  other: ["in_processing"],
};

/** Divisions of a product: 2 to 26 (ISBT 128 first division characters A–Z). */
export const DIVISIONS = { min: 2, max: 26 } as const;
/** Statuses in which a product may be divided. */
export const DIVIDABLE: readonly ProductStatus[] = ["in_processing", "quarantine"];
/** Statuses in which a product sits in a freezer. */
export const STORABLE: readonly ProductStatus[] = ["in_processing", "quarantine", "available", "reserved"];
/** Statuses in which QC results are recorded. */
export const QC_RECORDABLE: readonly ProductStatus[] = [
  "in_processing",
  "quarantine",
  "available",
  "reserved",
  "shipped",
  "received",
];

/** Holds: what a quality manager may decide, and the statuses a product can be on hold in. */
export const HOLD_DECISIONS = ["discard", "release", "quarantine"] as const;
export type HoldDecision = (typeof HOLD_DECISIONS)[number];
export const HOLD_STATES = ["open", "closed"] as const;
/** What holds a product: a failed or reactive QC result, or a recall (bank/quality/recalls.ts). */
export const HOLD_SOURCES = ["qc", "recall"] as const;
export type HoldSource = (typeof HOLD_SOURCES)[number];
export type HoldState = (typeof HOLD_STATES)[number];
/** The shortest justification a disposition takes, in characters. */
export const DISPOSITION_REASON_MIN = 20;
/** A result that contradicts an earlier one is a repeat or a confirmatory test. */
export const RETEST_KINDS = ["repeat", "confirmatory"] as const;
export type RetestKind = (typeof RETEST_KINDS)[number];

/** The largest volume of one collection or product, in mL (a marrow harvest is well under 2 L). */
export const MAX_VOLUME_ML = 5000;

/** Infectious disease markers tested for donor eligibility (21 CFR 1271.85). */
export const IDM_MARKERS = ["hiv", "hbv", "hcv", "syphilis", "htlv", "cmv"] as const;

type Numeric = { kind: "number"; unit: string; min: number; max: number; what: string };
type Categorical = { kind: "category"; values: readonly string[]; what: string };
type Text = { kind: "text"; what: string };
export type QcSpec = Numeric | Categorical | Text;

export const QC_TESTS = {
  tnc: { kind: "number", unit: "cells", min: 1, max: 1e12, what: "total nucleated cells in the product" },
  cd34: { kind: "number", unit: "cells", min: 0, max: 1e11, what: "CD34+ cells in the product" },
  viability: { kind: "number", unit: "%", min: 0, max: 100, what: "viability of nucleated cells" },
  "cd34-viability": { kind: "number", unit: "%", min: 0, max: 100, what: "viability of CD34+ cells" },
  "cd45-viability": { kind: "number", unit: "%", min: 0, max: 100, what: "viability of CD45+ cells" },
  cfu: { kind: "number", unit: "CFU", min: 0, max: 1e9, what: "colony-forming units in the product" },
  sterility: {
    kind: "category",
    values: ["negative", "positive", "pending"],
    what: "bacterial and fungal culture",
  },
  hiv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "HIV-1/2" },
  hbv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "hepatitis B" },
  hcv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "hepatitis C" },
  syphilis: {
    kind: "category",
    values: ["negative", "positive", "indeterminate"],
    what: "Treponema pallidum",
  },
  htlv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "HTLV-I/II" },
  cmv: { kind: "category", values: ["negative", "positive", "indeterminate"], what: "cytomegalovirus" },
  hla: { kind: "text", what: "HLA typing as a GL string" },
  abo: { kind: "text", what: "ABO/RhD" },
} as const satisfies Record<string, QcSpec>;
export type QcTest = keyof typeof QC_TESTS;
export const QC_TEST_NAMES = Object.keys(QC_TESTS) as QcTest[];

export const QC_STAGES = ["pre-processing", "post-processing", "post-thaw", "maternal"] as const;
export type QcStage = (typeof QC_STAGES)[number];

export const RESERVATION_STATES = ["active", "cancelled", "fulfilled"] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];

/**
 * Who may do what in the bank (roles of accounts/users.ts; bank/act.ts holds this to that list). Roles are
 * checked in the service, so the CLI and the HTTP API enforce the same rules.
 */
export const BANK_ROLES = {
  register: ["lab-technologist"],
  process: ["lab-technologist"],
  qc: ["lab-technologist"],
  store: ["lab-technologist"],
  release: ["quality-manager", "physician"],
  reserve: ["coordinator", "physician"],
  ship: ["lab-technologist", "coordinator"],
  receive: ["lab-technologist", "coordinator"],
  discard: ["lab-technologist", "quality-manager"],
  disposition: ["quality-manager"],
  importDescriptions: ["quality-manager", "admin"],
  /** Defining freezers, tanks, racks and boxes: the lab and quality, never a coordinator by the way. */
  defineStorage: ["lab-technologist", "quality-manager"],
  /** Changing a QC test's plausible range for a source: quality alone. */
  setPlausibleRange: ["quality-manager"],
  /** Printing a product's label (final or quarantine) and reprinting it with a reason. */
  label: ["lab-technologist", "quality-manager"],
  /** The quality system (bank/quality/): reading its records and dashboard. */
  readQuality: ["quality-manager", "lab-technologist", "auditor"],
  /** Recording a deviation: whoever finds it, the lab or quality. */
  recordDeviation: ["lab-technologist", "quality-manager"],
  /** Assessing and closing deviations, CAPAs, monitoring settings and tokens, vigilance reports: quality. */
  manageQuality: ["quality-manager"],
  /** Acknowledging a freezer or tank alarm: the lab on duty or quality. */
  acknowledgeAlarm: ["lab-technologist", "quality-manager"],
  /** Importing a CSV of freezer or tank readings, and running the alarm sweep by hand. */
  importReadings: ["lab-technologist", "quality-manager"],
  /** Recording an adverse reaction or complaint a treating centre reported. */
  recordVigilance: ["quality-manager", "coordinator", "physician"],
  /** Receiving reagent and supply lots, defining equipment and recording its calibration and maintenance. */
  manageMaterials: ["lab-technologist", "quality-manager"],
  /** Accepting or rejecting a received lot: quality alone. */
  acceptLot: ["quality-manager"],
  /** Running a look-back and opening, reading the work of, and closing a recall (signed). */
  recall: ["quality-manager"],
  /** Closing one action of a recall (a centre notified, a product retrieved): quality and the coordinators. */
  recallAction: ["quality-manager", "coordinator"],
} as const;
export type BankAction = keyof typeof BANK_ROLES;

/** What a user may do to one product, by name: each is one step route and one CLI command. */
export const PRODUCT_ACTIONS = [
  "process",
  "qc",
  "divide",
  "store",
  "move",
  "release",
  "reserve",
  "unreserve",
  "ship",
  "temperature-log",
  "receive",
  "discard",
  "disposition",
  "label",
] as const;
export type ProductAction = (typeof PRODUCT_ACTIONS)[number];

/** Storage devices: a mechanical freezer or a liquid nitrogen tank. */
export const DEVICE_KINDS = ["freezer", "ln2-tank"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * How a box's positions are named: "letter-number" (rows A, B, …, columns 1, 2, …: "C3"), or "numbered"
 * (1 to rows × columns, row by row, as on 9 × 9 cryoboxes: "23"). Leading zeros of numbers are dropped
 * ("C03" is "C3", "007" is "7"), so one slot has one key.
 */
export const BOX_LAYOUTS = ["letter-number", "numbered"] as const;
export type BoxLayout = (typeof BOX_LAYOUTS)[number];
/** Grid bounds: letter rows stop at Z; numbered boxes hold at most 100 × 100. */
export const GRID = { maxLetterRows: 26, maxRows: 100, maxColumns: 100 } as const;

/** What a storage migration found that it would not merge. */
export const STORAGE_ISSUE_KINDS = ["clash", "unreadable"] as const;
export type StorageIssueKind = (typeof STORAGE_ISSUE_KINDS)[number];

/** The QC tests that carry a number, and so have a plausible range per source (bank/plausible-ranges.ts). */
export const NUMERIC_QC_TESTS = [
  "tnc",
  "cd34",
  "viability",
  "cd34-viability",
  "cd45-viability",
  "cfu",
] as const;
export type NumericQcTest = (typeof NUMERIC_QC_TESTS)[number];
