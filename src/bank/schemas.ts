/**
 * The bank's contract: the schema of every input its services take and every answer they give, built from
 * the bank's fixed lists (constants.ts) and the contract's blocks. Services check their input against these
 * at entry (CLI and HTTP alike), routes declare them, and the web app imports the types type-only. This
 * file's imports stay free of node:*, the database and the server (the web app compiles it).
 */
import { Type } from "typebox";
import { AuditEventSchema, SignatureSchema } from "../audit/schemas.js";
import { RuleResultSchema } from "../contract/rules.js";
import {
  Enum,
  Id,
  Instant,
  Line,
  List,
  MAX,
  Name,
  Num,
  Obj,
  Paging,
  type Static,
  type TSchema,
  Text,
  Uuid,
} from "../contract/schema.js";
import {
  ABO_RHD,
  DISPOSITION_REASON_MIN,
  DIVISIONS,
  HOLD_DECISIONS,
  HOLD_SOURCES,
  HOLD_STATES,
  MAX_VOLUME_ML,
  NUMERIC_QC_TESTS,
  PROCESSING_STEPS,
  PRODUCT_ACTIONS,
  PRODUCT_STATUSES,
  QC_STAGES,
  QC_TEST_NAMES,
  RESERVATION_STATES,
  RETEST_KINDS,
  SOURCES,
  STORAGE_KINDS,
} from "./constants.js";

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;
/**
 * An input as a caller holds it before the service checks it: fixed-list fields as plain strings. The check
 * at the service's entry is what narrows it; a type cannot stand in for that check at run time.
 */
export type Given<T> = { [K in keyof T]: Widen<T[K]> };

const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

// ——— Identifiers ———

/** A DIN as keyed (13 characters, with or without K), printed (with spaces) or scanned ("=" + 15). */
// The DIN's and product code's own readers (isbt128) refuse what is not of their form, with their codes.
export const DinText = Line(24, {
  description: "a DIN, keyed (with or without its check character), printed or scanned",
});
/** A facility identification number: α (A–N, P–Z, 1–9) and four digits. */
export const FinText = Line(5, {
  pattern: "^[A-NP-Z1-9][0-9]{4}$",
  description: "a facility identification number (one of A–N, P–Z, 1–9, then four digits), e.g. G1234",
});
/** An ISBT 128 product code αoooo, collection type and division, keyed or scanned ("=<" first). */
export const ProductCodeText = Line(16, {
  description: "an ISBT 128 product code (αoooo, collection type, division), e.g. S1234V00",
});
const Reason = Line(MAX.line);
const Volume = (what: string) =>
  Num(0, MAX_VOLUME_ML, { exclusiveMinimum: true, description: `${what} in mL, above 0, at most 5000` });

export const DinParamsSchema = Obj({ din: DinText });
export type DinParams = Static<typeof DinParamsSchema>;
/** Which product of a DIN: the product code, when the DIN has several. */
export const WhichSchema = Obj({ product: Type.Optional(ProductCodeText) });

/** How a user names a product: the DIN, and the product code when the DIN has several. */
export const ProductRefSchema = Obj({ din: DinText, product: Type.Optional(ProductCodeText) });
export type ProductRef = Static<typeof ProductRefSchema>;

// ——— Inputs ———

export const NewCollectionSchema = Obj({
  din: Type.Optional(DinText),
  fin: Type.Optional(FinText),
  source: Enum(SOURCES),
  /** The donor's local identifier (for cord blood, the infant); never a name (21 CFR 1271.290). */
  donorId: Id(),
  motherId: Type.Optional(Id()),
  consentRef: Id(),
  collectedAt: Instant(),
  site: Name(),
  volumeMl: Volume("collected volume"),
  productCode: ProductCodeText,
  aboRhD: Type.Optional(Enum(ABO_RHD)),
  expiresAt: Type.Optional(Instant()),
  storageTemperature: Enum(STORAGE_KINDS),
  /** For directed and autologous products: the patient the product is for (for autologous, the donor). */
  recipientId: Type.Optional(Id()),
});
export type NewCollection = Static<typeof NewCollectionSchema>;

export const ProductFilterSchema = Obj({
  ...Paging(50, 1000),
  status: Type.Optional(Enum(PRODUCT_STATUSES)),
  source: Type.Optional(Enum(SOURCES)),
  din: Type.Optional(
    Line(24, { minLength: 0, pattern: "^[=A-Za-z0-9 ]*$", description: "a DIN or its beginning" }),
  ),
});
export type ProductFilter = Static<typeof ProductFilterSchema>;

/**
 * The reagent and supply lots (by id) and the equipment (by asset id) a step or test used: each is checked
 * at the step's time (a lot accepted and not expired, equipment within calibration and maintenance) and
 * recorded for the look-back (bank/quality/materials.ts).
 */
export const MaterialRefs = {
  lotIds: Type.Optional(List(Uuid({ description: "a reagent or supply lot's id" }), 20)),
  assetIds: Type.Optional(List(Id({ description: "a piece of equipment's asset id" }), 20)),
};

export const ProcessingInputSchema = Obj({
  step: Enum(PROCESSING_STEPS),
  performedAt: Instant(),
  method: Type.Optional(Name()),
  reagents: Type.Optional(Line()),
  equipment: Type.Optional(Name()),
  volumeBeforeMl: Type.Optional(Volume("volume before the step")),
  volumeAfterMl: Type.Optional(Volume("volume after the step")),
  notes: Type.Optional(Text()),
  /** Processing is finished: the product goes to quarantine. */
  complete: Type.Optional(Type.Boolean()),
  ...MaterialRefs,
});
export type ProcessingInput = Static<typeof ProcessingInputSchema>;

export const QcInputSchema = Obj({
  test: Enum(QC_TEST_NAMES),
  stage: Enum(QC_STAGES),
  /** For counts (cells) and percentages; each test's own range is checked by the service. */
  value: Type.Optional(Num(0, 1e12)),
  /** For categorical results and text (an HLA GL string, ABO/RhD). */
  result: Type.Optional(Line(MAX.gl)),
  method: Type.Optional(Name()),
  testedAt: Instant(),
  /** A result that contradicts an earlier one of the same test and stage: which kind of retest it is. */
  retest: Type.Optional(Enum(RETEST_KINDS)),
  /** Why the test was repeated; required with retest. */
  reason: Type.Optional(Reason),
  /** A value outside its plausible range for the product's source is recorded only when confirmed… */
  confirmImplausible: Type.Optional(Type.Boolean()),
  /** …with the reason (recorded with the result and audited as an override). */
  confirmReason: Type.Optional(Reason),
  ...MaterialRefs,
});
export type QcInput = Static<typeof QcInputSchema>;

/** A QC test's plausible range for one product source, as a quality manager sets it. */
export const PlausibleRangeInputSchema = Obj({
  test: Enum(NUMERIC_QC_TESTS),
  source: Enum(SOURCES),
  low: Num(0, 1e12),
  high: Num(0, 1e12),
  /** Where the range comes from: a validation, a standard, a paper. */
  basis: Line(MAX.line),
});
export type PlausibleRangeInput = Static<typeof PlausibleRangeInputSchema>;
export const PlausibleRangeSchema = Type.Object({
  test: Enum(NUMERIC_QC_TESTS),
  source: Enum(SOURCES),
  low: Type.Number(),
  high: Type.Number(),
  unit: Type.String(),
  basis: Type.String(),
  setAt: Type.String(),
  setBy: Type.String(),
});
export type PlausibleRange = Static<typeof PlausibleRangeSchema>;

const PART = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";
const Part = (what: string) =>
  Line(32, { pattern: `^${PART}$`, description: `a ${what}: letters, digits, ".", "_" or "-"` });
/**
 * A storage position as keyed: "DEVICE/RACK/BOX/POSITION", e.g. "LN2-01/R03/B12/A1", in any case, with
 * "/", "\\", ":" or spaces between the parts; the bank reads it to one canonical key (storage-keys.ts).
 */
export const LocationText = Line(140, {
  pattern: "^[A-Za-z0-9._\\-/\\\\: ]+$",
  description:
    'a position device/rack/box/position of letters, digits, ".", "_" or "-", e.g. LN2-01/R03/B12/A1 (case, spaces, "\\" and ":" are normalised)',
});
export const StorageLocationSchema = Obj({
  freezer: Part("freezer"),
  rack: Part("rack"),
  box: Part("box"),
  position: Part("position"),
});
export type StorageLocation = Static<typeof StorageLocationSchema>;

export const StoreBodySchema = Obj({ location: LocationText });
export const MoveBodySchema = Obj({ to: LocationText, reason: Reason });
export const MoveInputSchema = Obj({ to: StorageLocationSchema, reason: Reason });
export const ReleaseBodySchema = Obj({ password: Line(1000) });
export const ReserveInputSchema = Obj({ patientId: Id(), reason: Reason });
export type ReserveInput = Static<typeof ReserveInputSchema>;
export const ReasonInputSchema = Obj({ reason: Reason });
export type ReasonInput = Static<typeof ReasonInputSchema>;
export const ShipmentInputSchema = Obj({
  destination: Name(),
  courier: Name(),
  /** The dry shipper's or container's serial number. */
  shipperId: Id(),
});
export type ShipmentInput = Static<typeof ShipmentInputSchema>;
/** A logger's CSV: a week of readings a minute apart is about 350 kB. */
export const TemperatureLogInputSchema = Obj({ csv: Text(1_000_000) });
export const ReceiptInputSchema = Obj({
  /** What the receiver saw: container intact, seals, labels. */
  condition: Line(),
  /** Required when the log shows an excursion or there is no log: why the product is still accepted. */
  excursionReason: Type.Optional(Line()),
});
export type ReceiptInput = Static<typeof ReceiptInputSchema>;
export const DivideInputSchema = Obj({
  volumesMl: List(Volume("a division's volume"), DIVISIONS.max, { minItems: DIVISIONS.min }),
});
export type DivideInput = Static<typeof DivideInputSchema>;
/** The licensed ICCBBA description table as CSV, and where it came from. */
export const DescriptionsImportSchema = Obj({ csv: Text(1_500_000), source: Name() });

// ——— Answers (documentation and types: never used to strip a field) ———

const S = Type.String();
const NS = Nullable(Type.String());

export const ProductSchema = Type.Object({
  id: S,
  din: S,
  /** The DIN with its check character, as keyed and printed in a box. */
  dinWithCheck: S,
  productCode: S,
  collectionType: S,
  division: S,
  /** DIN-independent 8 characters: product code, collection type, division. */
  code: S,
  parentId: NS,
  status: Enum(PRODUCT_STATUSES),
  aboRhD: NS,
  volumeMl: Type.Number(),
  expiresAt: NS,
  storageTemperature: Enum(STORAGE_KINDS),
  recipientId: NS,
  source: Enum(SOURCES),
  donorId: S,
  collectedAt: S,
  site: S,
  createdAt: S,
  updatedAt: S,
});
export type Product = Static<typeof ProductSchema>;

export const ProductPageSchema = Type.Object({ items: Type.Array(ProductSchema), total: Type.Integer() });
export type ProductPage = Static<typeof ProductPageSchema>;

export const QcResultSchema = Type.Object({
  id: S,
  productId: S,
  test: Enum(QC_TEST_NAMES),
  stage: Enum(QC_STAGES),
  value: Nullable(Type.Number()),
  result: NS,
  unit: NS,
  method: NS,
  testedAt: S,
  recordedBy: S,
  recordedAt: S,
  retest: NS,
  retestReason: NS,
  /** Set when the value was outside its plausible range and confirmed: why, and that range. */
  confirmReason: NS,
  plausibleMin: Nullable(Type.Number()),
  plausibleMax: Nullable(Type.Number()),
});
export type QcResult = Static<typeof QcResultSchema>;

export const ProcessingStepSchema = Type.Object({
  id: S,
  productId: S,
  step: S,
  performedAt: S,
  performedBy: S,
  method: NS,
  reagents: NS,
  equipment: NS,
  volumeBeforeMl: Nullable(Type.Number()),
  volumeAfterMl: Nullable(Type.Number()),
  notes: NS,
});
export type ProcessingStep = Static<typeof ProcessingStepSchema>;

// Signatures and audit events are the audit trail's own (src/audit/schemas.ts).
export { AuditEventSchema, type Signature, SignatureSchema } from "../audit/schemas.js";

export const ReservationSchema = Type.Object({
  id: S,
  productId: S,
  patientId: S,
  state: Enum(RESERVATION_STATES),
  reservedAt: S,
  reservedBy: S,
  reason: S,
});
export type Reservation = Static<typeof ReservationSchema>;

export const ShipmentSchema = Type.Object({
  id: S,
  productId: S,
  destination: S,
  courier: S,
  shipperId: S,
  shippedAt: S,
  shippedBy: S,
  maxCelsius: Type.Number(),
  minCelsius: Nullable(Type.Number()),
  receivedAt: NS,
  receivedBy: NS,
  condition: NS,
  excursionReason: NS,
});
export type Shipment = Static<typeof ShipmentSchema>;

export const ExcursionSchema = Type.Object({
  from: S,
  to: S,
  /** The reading furthest outside the limits. */
  worstCelsius: Type.Number(),
  readings: Type.Integer(),
});
export type Excursion = Static<typeof ExcursionSchema>;

/** A shipment's logged readings for the page's plot: the limits, every reading, and the excursions in it. */
export const ShipmentTemperaturesSchema = Type.Object({
  shipmentId: S,
  shippedAt: S,
  maxCelsius: Type.Number(),
  minCelsius: Nullable(Type.Number()),
  readings: Type.Array(Type.Object({ recordedAt: S, celsius: Type.Number() })),
  excursions: Type.Array(ExcursionSchema),
});
export type ShipmentTemperatures = Static<typeof ShipmentTemperaturesSchema>;

export const StatusChangeSchema = Type.Object({
  id: S,
  productId: S,
  fromStatus: NS,
  toStatus: S,
  at: S,
  by: S,
  reason: S,
});

export const CollectionSchema = Type.Object({
  din: S,
  source: S,
  donorId: S,
  motherId: NS,
  consentRef: S,
  collectedAt: S,
  site: S,
  volumeMl: Type.Number(),
  registeredBy: S,
  registeredAt: S,
});

export const StorageLocationViewSchema = Type.Object({ freezer: S, rack: S, box: S, position: S });

export const ProductTraceSchema = Type.Object({
  product: ProductSchema,
  storage: Type.Optional(StorageLocationViewSchema),
  statusHistory: Type.Array(StatusChangeSchema),
  signatures: Type.Array(SignatureSchema),
  reservations: Type.Array(ReservationSchema),
  shipments: Type.Array(ShipmentSchema),
});
export type ProductTrace = Static<typeof ProductTraceSchema>;

export const TraceSchema = Type.Object({
  din: S,
  dinWithCheck: S,
  collection: CollectionSchema,
  products: Type.Array(ProductTraceSchema),
  custody: Type.Array(
    Type.Object({ at: S, event: S, productId: NS, by: S, location: S, details: Type.Unknown() }),
  ),
  /** The patients the DIN's products were reserved for or reached. */
  recipients: Type.Array(S),
});
export type Trace = Static<typeof TraceSchema>;

export const ProductActionSchema = Enum(PRODUCT_ACTIONS);

/** A hold on a product, placed by a failed or reactive result and closed by a signed disposition. */
export const HoldSchema = Type.Object({
  id: S,
  productId: S,
  din: S,
  reason: S,
  /** What holds it: a failed or reactive QC result (qcResultId) or a recall (recallId). */
  source: Enum(HOLD_SOURCES),
  qcResultId: NS,
  recallId: NS,
  statusAtHold: S,
  heldAt: S,
  heldBy: S,
  state: Enum(HOLD_STATES),
  disposition: Nullable(Enum(HOLD_DECISIONS)),
  dispositionReason: NS,
  dispositionSignatureId: NS,
  closedAt: NS,
  closedBy: NS,
});
export type Hold = Static<typeof HoldSchema>;

/** A product's whole record for its page, with what the asking user may do to it now. */
export const ProductRecordSchema = Type.Object({
  product: ProductSchema,
  trace: TraceSchema,
  qc: Type.Array(QcResultSchema),
  processing: Type.Array(ProcessingStepSchema),
  audit: Type.Array(AuditEventSchema),
  releaseCheck: Type.Array(RuleResultSchema),
  /** The product's open holds: until a signed disposition closes them it is not reserved, shipped or given. */
  holds: Type.Array(HoldSchema),
  actions: Type.Array(ProductActionSchema),
});
export type ProductRecord = Static<typeof ProductRecordSchema>;

export const ReleaseOutcomeSchema = Type.Object({
  product: ProductSchema,
  signature: SignatureSchema,
  criteria: Type.Array(RuleResultSchema),
});

export const ReceiptOutcomeSchema = Type.Object({
  product: ProductSchema,
  excursions: Type.Array(ExcursionSchema),
});
export const TemperatureLogOutcomeSchema = Type.Object({
  readings: Type.Integer(),
  excursions: Type.Array(ExcursionSchema),
});

export const DispositionInputSchema = Obj({
  decision: Enum(HOLD_DECISIONS),
  /** The documented justification: the schema counts its characters (so the CLI names --reason), the
   * service counts them again without the surrounding spaces. */
  reason: Line(MAX.line, {
    minLength: DISPOSITION_REASON_MIN,
    description: `the documented justification, at least ${DISPOSITION_REASON_MIN} characters`,
  }),
});
export type DispositionInput = Static<typeof DispositionInputSchema>;
/** The disposition over HTTP: the decision and the signer's password given again. */
export const DispositionBodySchema = Obj({
  decision: Enum(HOLD_DECISIONS),
  reason: Reason,
  password: Line(1000),
});
export type DispositionBody = Static<typeof DispositionBodySchema>;

/** An open hold with what it affects: the product's status, its reservation and its shipment in transit. */
export const HeldProductSchema = Type.Object({
  hold: HoldSchema,
  status: S,
  reservationPatientId: NS,
  /** Who holds the reservation (the coordinator who made it): the hold is flagged on their dashboard. */
  reservedBy: NS,
  shipmentDestination: NS,
});
export type HeldProduct = Static<typeof HeldProductSchema>;

export const DispositionOutcomeSchema = Type.Object({
  product: ProductSchema,
  signature: SignatureSchema,
  holds: Type.Array(HoldSchema),
});

export const BankDashboardSchema = Type.Object({
  counts: Type.Array(Type.Object({ status: S, source: S, count: Type.Integer() })),
  // Only products with an expiry are listed.
  expiring: Type.Array(Type.Object({ id: S, din: S, expiresAt: S, status: S })),
  reservations: Type.Array(Type.Object({ productId: S, patientId: S, reservedAt: S, reason: S })),
  holds: Type.Array(HeldProductSchema),
});
export type BankDashboard = Static<typeof BankDashboardSchema>;

export type { RuleResult } from "../contract/rules.js";
export type {
  AboRhD,
  HoldDecision,
  ProcessingStepName,
  ProductAction,
  ProductStatus,
  QcStage,
  QcTest,
  RetestKind,
  Source,
  StorageTemperature,
} from "./constants.js";
