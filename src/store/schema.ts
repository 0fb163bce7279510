/**
 * The database as Kysely sees it: one interface per table, camelCase in code (CamelCasePlugin maps to the
 * snake_case columns). Each table belongs to one service, the only code that writes it (DESIGN.md).
 * Portable types only: text for identifiers and ISO 8601 dates, double for counts, integer 0/1 for flags,
 * so the same queries run on SQLite and PostgreSQL.
 */
import type { Generated } from "kysely";

/** search: adult donors listed for searches. */
export interface AdultDonorTable {
  id: string;
  registry: string;
  sex: string;
  birthDate: string;
  cmv: string;
  abo: string;
  typing: string;
  createdAt: Generated<string>;
}

/** search: cord blood units listed for searches. */
export interface CordUnitTable {
  id: string;
  bank: string;
  accredited: number;
  collectedAt: string;
  volumeMl: number;
  tnc: number;
  cd34: number | null;
  viabilityPercent: number | null;
  abo: string;
  rbcDepleted: number;
  attachedSegments: number;
  typing: string;
  /** The mother's typing, when known (migration 0023). */
  motherTyping: string | null;
  createdAt: Generated<string>;
}

/** bank: the last DIN sequence issued per facility and year. */
export interface DinCounterTable {
  fin: string;
  year: string;
  lastSequence: number;
}

/** bank: every DIN issued, so that none is ever issued twice. */
export interface AllocatedDinTable {
  din: string;
  allocatedAt: string;
  allocatedBy: string;
}

/** accounts: users, their roles and scrypt password hashes. */
export interface UserAccountTable {
  username: string;
  printedName: string;
  /** Comma-separated roles. */
  roles: string;
  passwordHash: string;
  mustChangePassword: number;
  disabled: number;
  createdAt: string;
  /** The last successful sign-in (web or CLI), for the admin's list; null: never since 0013. */
  lastSignInAt: string | null;
}

/** audit: the append-only, hash-chained trail. */
export interface AuditEventTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  beforeJson: string | null;
  afterJson: string | null;
  reason: string | null;
  prevHash: string;
  hash: string;
}

/** audit: the one row that points at the last event. */
/** The last listing change's number (one row, id 1). */
export interface ListingHeadTable {
  id: number;
  lastSeq: number | string;
}

/** A listing saved, replaced or deleted, by its number. */
export interface ListingChangeTable {
  seq: number | string;
  kind: string;
  listingId: string;
}

/** The site's weight of one WMDA grade or match confidence (a missing row weighs 0). */
export interface RankingWeightTable {
  scale: "grade" | "confidence";
  name: string;
  weight: number;
  updatedAt: string;
  updatedBy: string;
}

export interface AuditHeadTable {
  id: number;
  lastSeq: number;
  lastHash: string;
}

/** audit: electronic signatures, bound to a hash of the signed record. */
export interface SignatureTable {
  id: string;
  username: string;
  printedName: string;
  meaning: string;
  signedAt: string;
  entityType: string;
  entityId: string;
  recordHash: string;
}

/** bank: the ISBT 128 product description table the user imported from their own licensed file. */
export interface ProductDescriptionTable {
  code: string;
  description: string;
  className: string | null;
  modifiers: string | null;
  attributes: string | null;
  importedAt: string;
  importedFrom: string;
}

/** bank: a collection, identified by the DIN assigned at collection. */
export interface CollectionTable {
  din: string;
  source: string;
  donorId: string;
  motherId: string | null;
  consentRef: string;
  collectedAt: string;
  site: string;
  volumeMl: number;
  registeredBy: string;
  registeredAt: string;
}

/** bank: a product (or a division of one): DIN + product code + division. */
export interface ProductTable {
  id: string;
  din: string;
  productCode: string;
  collectionType: string;
  division: string;
  parentId: string | null;
  status: string;
  aboRhd: string | null;
  volumeMl: number;
  expiresAt: string | null;
  storageTemperature: string;
  recipientId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProcessingStepTable {
  id: string;
  productId: string;
  step: string;
  performedAt: string;
  performedBy: string;
  method: string | null;
  reagents: string | null;
  equipment: string | null;
  volumeBeforeMl: number | null;
  volumeAfterMl: number | null;
  notes: string | null;
}

export interface QcResultTable {
  id: string;
  productId: string;
  test: string;
  stage: string;
  value: number | null;
  result: string | null;
  unit: string | null;
  method: string | null;
  testedAt: string;
  recordedBy: string;
  recordedAt: string;
  /** A result contradicting an earlier one of the same test and stage says it is a repeat or confirmatory test, and why. */
  retest: string | null;
  retestReason: string | null;
  /** A value outside its plausible range, confirmed: why, and the range it was outside. */
  confirmReason: string | null;
  plausibleMin: number | null;
  plausibleMax: number | null;
}

/** bank: the range a real result of a numeric QC test falls in, per product source (migration 0017). */
export interface QcPlausibleRangeTable {
  test: string;
  source: string;
  low: number;
  high: number;
  basis: string;
  setAt: string;
  setBy: string;
}

/** bank: a product on hold after a failed or reactive result; closed only by a signed disposition. */
export interface ProductHoldTable {
  id: string;
  productId: string;
  din: string;
  reason: string;
  /** "qc" (a failed or reactive result, qcResultId) or "recall" (recallId), migration 0021. */
  source: string;
  qcResultId: string | null;
  recallId: string | null;
  statusAtHold: string;
  heldAt: string;
  heldBy: string;
  state: string;
  disposition: string | null;
  dispositionReason: string | null;
  dispositionSignatureId: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

/** bank: a reagent or supply by lot; used only once accepted and through its expiry date (migration 0021). */
export interface MaterialLotTable {
  id: string;
  kind: string;
  material: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  receivedAt: string;
  receivedBy: string;
  acceptance: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

/** bank: a piece of equipment by asset id, with its calibration and maintenance due dates. */
export interface EquipmentTable {
  id: string;
  assetId: string;
  kind: string;
  model: string;
  serial: string;
  storageDeviceId: string | null;
  calibrationDue: string;
  maintenanceDue: string;
  createdAt: string;
  createdBy: string;
}

/** bank: a calibration or maintenance done on a piece of equipment, and the next due date it set. */
export interface EquipmentServiceTable {
  id: string;
  equipmentId: string;
  kind: string;
  performedOn: string;
  performedBy: string;
  nextDue: string;
  notes: string | null;
  recordedAt: string;
}

/** bank: a lot or a piece of equipment a processing step or QC test used on a product. */
export interface MaterialUseTable {
  id: string;
  productId: string;
  din: string;
  recordKind: string;
  recordId: string;
  lotId: string | null;
  equipmentId: string | null;
  usedAt: string;
}

/** bank: a recall opened from a look-back; closed by a quality manager's signature once every action is. */
export interface RecallTable {
  id: string;
  origin: string;
  originRef: string;
  windowFrom: string | null;
  windowTo: string | null;
  reason: string;
  state: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  closeSignatureId: string | null;
  closeNote: string | null;
}

/** bank: a product a recall found, where it was (JSON) and whether the recall held it. */
export interface RecallProductTable {
  recallId: string;
  productId: string;
  din: string;
  statusAtRecall: string;
  whereabouts: string;
  held: number;
}

/** bank: one action of a recall (notify a party, hold or retrieve a product), closed with who and when. */
export interface RecallActionTable {
  id: string;
  recallId: string;
  seq: number;
  kind: string;
  productId: string | null;
  party: string | null;
  description: string;
  message: string | null;
  state: string;
  closedAt: string | null;
  closedBy: string | null;
  outcome: string | null;
}

/** bank: a label printed for a product (final or quarantine); a reprint carries its reason. */
export interface LabelPrintTable {
  id: string;
  productId: string;
  kind: string;
  copy: number;
  format: string;
  printedAt: string;
  printedBy: string;
  reason: string | null;
}

/** bank: where each stored product is now; one product per position, one position per product. */
export interface StoragePlacementTable {
  productId: string;
  boxId: string;
  freezer: string;
  rack: string;
  box: string;
  position: string;
  /** The slot's canonical key, unique; null only for a clash or unreadable position found by migration 0016. */
  positionKey: string | null;
  storedAt: string;
  storedBy: string;
}

/** bank: one stay of a product in one position, to when it left (null while it is there). */
export interface StorageStayTable {
  id: string;
  productId: string;
  deviceId: string;
  freezer: string;
  rack: string;
  box: string;
  position: string;
  fromAt: string;
  toAt: string | null;
  storedBy: string;
}

/** bank: a freezer or LN2 tank, its name upper-cased and unique. */
export interface StorageDeviceTable {
  id: string;
  name: string;
  kind: string;
  temperature: string;
  createdAt: string;
  createdBy: string;
}

export interface StorageRackTable {
  id: string;
  deviceId: string;
  name: string;
  createdAt: string;
  createdBy: string;
}

export interface StorageBoxTable {
  id: string;
  rackId: string;
  name: string;
  gridRows: number;
  gridColumns: number;
  layout: string;
  createdAt: string;
  createdBy: string;
}

/** bank: what migration 0016 would not merge (a clash or an unreadable position), open until moved. */
export interface StorageIssueTable {
  id: string;
  kind: string;
  productId: string;
  location: string;
  positionKey: string | null;
  holderProductId: string | null;
  foundAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** bank (quality): a deviation, its assessment, its 21 CFR 1271.350(b) report and its signed closure. */
export interface QualityDeviationTable {
  id: string;
  kind: string;
  discoveredAt: string;
  description: string;
  distributed: number;
  state: string;
  recordedAt: string;
  recordedBy: string;
  impact: string | null;
  reportable: number | null;
  assessedAt: string | null;
  assessedBy: string | null;
  reportDueDate: string | null;
  reportSubmittedAt: string | null;
  reportReference: string | null;
  reportSubmittedBy: string | null;
  decision: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closureSignatureId: string | null;
}

/** bank (quality): a product, processing step or piece of equipment a deviation touched. */
export interface QualityDeviationLinkTable {
  deviationId: string;
  kind: string;
  ref: string;
  din: string | null;
}

export interface QualityCapaTable {
  id: string;
  deviationId: string | null;
  kind: string;
  description: string;
  owner: string;
  dueDate: string;
  state: string;
  createdAt: string;
  createdBy: string;
  outcome: string | null;
  completedAt: string | null;
  completedBy: string | null;
}

/** bank (quality): how one storage device is monitored; its token only as a SHA-256 hash. */
export interface MonitoringDeviceTable {
  deviceId: string;
  maxCelsius: number;
  minLn2Level: number | null;
  ackMinutes: number;
  silentMinutes: number;
  escalateTo: string;
  tokenHash: string | null;
  tokenSetAt: string | null;
  tokenSetBy: string | null;
  setAt: string;
  setBy: string;
}

export interface MonitoringReadingTable {
  deviceId: string;
  readAt: string;
  celsius: number;
  ln2Level: number | null;
  source: string;
  receivedAt: string;
}

export interface MonitoringAlarmTable {
  id: string;
  deviceId: string;
  kind: string;
  state: string;
  startedAt: string;
  raisedAt: string;
  value: number | null;
  threshold: number | null;
  recoveredAt: string | null;
  escalatedAt: string | null;
  escalatedTo: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  ackSignatureId: string | null;
  actions: string | null;
  impact: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeSignatureId: string | null;
}

/** bank (quality): an adverse reaction or product complaint, its clocks and its reports. */
export interface VigilanceCaseTable {
  id: string;
  kind: string;
  productId: string;
  din: string;
  donorId: string;
  centre: string;
  /** The name the shipment gave the centre, when renamed since (migration 0029). */
  shippedAs: string | null;
  learnedAt: string;
  description: string;
  serious: number;
  communicableDisease: number;
  fdaDueDate: string | null;
  euDueDate: string | null;
  state: string;
  recordedAt: string;
  recordedBy: string;
  investigation: string | null;
  investigatedAt: string | null;
  investigatedBy: string | null;
  fdaSubmittedAt: string | null;
  fdaReference: string | null;
  fdaSubmittedBy: string | null;
  euSubmittedAt: string | null;
  euReference: string | null;
  euSubmittedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeSignatureId: string | null;
}

export interface StatusChangeTable {
  id: string;
  productId: string;
  fromStatus: string | null;
  toStatus: string;
  at: string;
  by: string;
  reason: string;
}

export interface ReservationTable {
  id: string;
  productId: string;
  patientId: string;
  state: string;
  reservedAt: string;
  reservedBy: string;
  reason: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

export interface ShipmentTable {
  id: string;
  productId: string;
  destination: string;
  courier: string;
  shipperId: string;
  shippedAt: string;
  shippedBy: string;
  maxCelsius: number;
  minCelsius: number | null;
  receivedAt: string | null;
  receivedBy: string | null;
  condition: string | null;
  excursionReason: string | null;
}

export interface ShipmentTemperatureTable {
  shipmentId: string;
  recordedAt: string;
  celsius: number;
}

/** bank: every handoff of a product, from collection to infusion. */
export interface CustodyEventTable {
  id: string;
  din: string;
  productId: string | null;
  event: string;
  at: string;
  by: string;
  location: string;
  details: string | null;
}

/** accounts: signed-in web sessions. */
/** accounts: failed authentications per account name and per client address (throttling, lockout). */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  windowStart: string;
  lastFailureAt: string;
  lockedUntil: string | null;
}

export interface UserTotpTable {
  username: string;
  secret: string;
  status: "pending" | "active";
  createdAt: string;
  activatedAt: string | null;
  lastStep: number | null;
}

export interface UserRecoveryCodeTable {
  username: string;
  position: number;
  codeHash: string;
  usedAt: string | null;
}

export interface UserSessionTable {
  idHash: string;
  username: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  /** When a request last used it (written at most once a minute): the idle timeout counts from here. */
  lastSeenAt: string | null;
}

/** therapy: infant patients. Times are UTC ISO 8601; birthOffset keeps the zone the birth was keyed in. */
export interface PatientTable {
  mrn: string;
  givenName: string;
  familyName: string;
  birthAt: string;
  birthOffset: string;
  sex: string;
  gestationalWeeks: number;
  gestationalDays: number;
  birthWeightGrams: number;
  motherMrn: string | null;
  icd10: string;
  indication: string;
  diagnosis: string;
  hla: string | null;
  /** JSON: HLA antibodies (e.g. donor-specific antibody specificities with MFI). */
  antibodies: string | null;
  cordBloodCollectedMl: number | null;
  respiratorySupport: string | null;
  createdAt: string;
  createdBy: string;
}

/** therapy: a patient's weights over time; doses use the latest. */
export interface PatientWeightTable {
  mrn: string;
  measuredAt: string;
  grams: number;
  recordedBy: string;
}

/** therapy: a protocol version, activated by a signature; one active version per protocol. */
export interface ProtocolVersionTable {
  protocolId: string;
  version: number;
  definition: string;
  active: number;
  activatedAt: string;
  activatedBy: string;
  signatureId: string;
}

/** therapy: a patient enrolled on a protocol. */
export interface PlanTable {
  id: string;
  mrn: string;
  protocolId: string;
  protocolVersion: number;
  state: string;
  consentRef: string;
  consentBy: string;
  consentAt: string;
  day0: string | null;
  conditioningFrom: string | null;
  /** JSON: every eligibility rule's result at enrolment. */
  eligibility: string;
  enrolledAt: string;
  enrolledBy: string;
  endedAt: string | null;
  endReason: string | null;
  /** Randomised protocols: the arm assigned, the randomisation's own reference, and when. */
  arm: string | null;
  allocationRef: string | null;
  randomisedAt: string | null;
}

/** therapy: a plan's doses with their windows as absolute times. */
export interface PlanDoseTable {
  planId: string;
  number: number;
  earliest: string;
  latest: string;
  state: string;
  missedReason: string | null;
}

/** therapy: a physician's order for one dose from one product, with the arithmetic. */
export interface DoseOrderTable {
  id: string;
  planId: string;
  doseNumber: number;
  productId: string;
  weightGrams: number;
  weighedAt: string;
  concentrationPerMl: number;
  concentrationSource: string;
  targetPerKg: number;
  drawMl: number;
  deliveredPerKg: number;
  arithmetic: string;
  exceptionReason: string | null;
  exceptionSignatureId: string | null;
  state: string;
  orderedAt: string;
  orderedBy: string;
  /** The open order of the same dose this one replaced (0010). */
  replacesId: string | null;
  /** When replaced: the order that replaced it, why, who and when. */
  replacedById: string | null;
  replaceReason: string | null;
  replacedBy: string | null;
  replacedAt: string | null;
}

/** therapy: each bedside check, passed or blocked, with what was scanned and every rule's result. */
export interface BedsideCheckTable {
  id: string;
  orderId: string;
  outcome: string;
  scannedWristband: string;
  scannedDin: string;
  scannedProductCode: string;
  results: string;
  administeredBy: string;
  verifiedBy: string;
  checkedAt: string;
}

/** therapy: the infusion record. */
export interface InfusionTable {
  id: string;
  orderId: string;
  checkId: string;
  productId: string;
  mrn: string;
  startedAt: string;
  endedAt: string;
  volumeMl: number;
  route: string;
  vitals: string;
  reactions: string;
  location: string;
  recordedAt: string;
  recordedBy: string;
  /** Above the order beyond the tolerance: the physician's reason and signature (0010). */
  overrideReason: string | null;
  overrideSignatureId: string | null;
}

/** outcomes: a consent per scope, signed by a parent or guardian and witnessed; withdrawal is at once. */
export interface ConsentTable {
  id: string;
  mrn: string;
  scope: string;
  document: string;
  documentVersion: string;
  signedBy: string;
  relationship: string;
  signedAt: string;
  witness: string;
  witnessSignatureId: string;
  recordedAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
}

/** outcomes: a follow-up form recorded for a visit of a plan; data is the form's typed fields as JSON. */
export interface FollowUpFormTable {
  id: string;
  planId: string;
  mrn: string;
  visit: string;
  form: string;
  observedAt: string;
  data: string;
  recordedAt: string;
  recordedBy: string;
}

/** outcomes: an adverse event (CTCAE v5 term and grade). */
export interface AdverseEventTable {
  id: string;
  mrn: string;
  planId: string | null;
  term: string;
  grade: number;
  serious: number;
  attribution: string;
  expected: number;
  onsetAt: string;
  awareAt: string;
  description: string;
  expedited: number;
  reportDueAt: string | null;
  reportedAt: string | null;
  recordedAt: string;
  recordedBy: string;
  /** 'ctcae-5.0', or 'not-coded' for free text recorded before the dictionary (migration 0015). */
  coding: Generated<string>;
  meddraCode: number | null;
  soc: string | null;
  /** The text of an "Other, specify" term. */
  otherSpecify: string | null;
  reportReference: string | null;
  reportedBy: string | null;
}

/** outcomes: a patient's one death, which every report, curve and export reads. */
export interface DeathTable {
  mrn: string;
  /** Calendar date YYYY-MM-DD. */
  diedOn: string;
  cause: string;
  /** 'adverse-event' (grade 5) or 'follow-up' (a vital-status form). */
  source: string;
  sourceId: string;
  recordedAt: string;
  recordedBy: string;
  correctedAt: string | null;
  correctedBy: string | null;
  correctionReason: string | null;
}

export interface Database {
  adultDonor: AdultDonorTable;
  cordUnit: CordUnitTable;
  dinCounter: DinCounterTable;
  allocatedDin: AllocatedDinTable;
  userAccount: UserAccountTable;
  auditEvent: AuditEventTable;
  auditHead: AuditHeadTable;
  signature: SignatureTable;
  productDescription: ProductDescriptionTable;
  collection: CollectionTable;
  product: ProductTable;
  processingStep: ProcessingStepTable;
  qcResult: QcResultTable;
  productHold: ProductHoldTable;
  storagePlacement: StoragePlacementTable;
  storageStay: StorageStayTable;
  storageDevice: StorageDeviceTable;
  storageRack: StorageRackTable;
  storageBox: StorageBoxTable;
  storageIssue: StorageIssueTable;
  qcPlausibleRange: QcPlausibleRangeTable;
  qualityDeviation: QualityDeviationTable;
  qualityDeviationLink: QualityDeviationLinkTable;
  qualityCapa: QualityCapaTable;
  monitoringDevice: MonitoringDeviceTable;
  monitoringReading: MonitoringReadingTable;
  monitoringAlarm: MonitoringAlarmTable;
  vigilanceCase: VigilanceCaseTable;
  statusChange: StatusChangeTable;
  reservation: ReservationTable;
  shipment: ShipmentTable;
  shipmentTemperature: ShipmentTemperatureTable;
  custodyEvent: CustodyEventTable;
  labelPrint: LabelPrintTable;
  materialLot: MaterialLotTable;
  equipment: EquipmentTable;
  equipmentService: EquipmentServiceTable;
  materialUse: MaterialUseTable;
  recall: RecallTable;
  recallProduct: RecallProductTable;
  recallAction: RecallActionTable;
  searchReport: SearchReportTable;
  frequencySet: FrequencySetTable;
  frequencyHaplotype: FrequencyHaplotypeTable;
  populationChoice: PopulationChoiceTable;
  listingImputation: ListingImputationTable;
  listingHead: ListingHeadTable;
  listingChange: ListingChangeTable;
  rankingWeight: RankingWeightTable;
  userSession: UserSessionTable;
  authThrottle: AuthThrottleTable;
  userTotp: UserTotpTable;
  userRecoveryCode: UserRecoveryCodeTable;
  patient: PatientTable;
  patientWeight: PatientWeightTable;
  protocolVersion: ProtocolVersionTable;
  plan: PlanTable;
  planDose: PlanDoseTable;
  doseOrder: DoseOrderTable;
  bedsideCheck: BedsideCheckTable;
  infusion: InfusionTable;
  consent: ConsentTable;
  followUpForm: FollowUpFormTable;
  adverseEvent: AdverseEventTable;
  death: DeathTable;
  seedLoad: SeedLoadTable;
}

/** search: a search kept with a patient's record; JSON columns hold the report as it was shown. */
export interface SearchReportTable {
  id: string;
  patientMrn: string;
  kind: string;
  createdAt: string;
  createdBy: string;
  criteria: string;
  versions: string;
  counts: string;
  rows: string;
  note: string | null;
}

/** search: an imported haplotype frequency set (migration 0023). */
export interface FrequencySetTable {
  id: string;
  population: string;
  version: string;
  source: string;
  hlaRelease: string;
  resolution: string;
  /** JSON list of the set's loci in the file's order. */
  loci: string;
  haplotypes: number;
  rows: number;
  sha256: string;
  importedAt: string;
  importedBy: string;
}

/** search: one row of a frequency set, as the file wrote it. */
export interface FrequencyHaplotypeTable {
  setId: string;
  line: number;
  haplotype: string;
  count: string;
  freq: string;
}

/** search: the population a scope uses (default, global, a registry, a bank, a patient). */
export interface PopulationChoiceTable {
  scope: string;
  subject: string;
  population: string;
  chosenAt: string;
  chosenBy: string;
}

/** search: a listing's imputation, with the set and release it was computed with. */
export interface ListingImputationTable {
  kind: string;
  listingId: string;
  setId: string;
  hlaRelease: string;
  typing: string;
  unrepresented: number;
  reason: string | null;
  fallback: string | null;
  coverage: number;
  computed: number;
  /** JSON: [[H1, H2, p], …], most likely first. */
  genotypes: string;
  /** For a cord with its mother's typing: how her haplotypes constrained it (null otherwise). */
  maternal: string | null;
  computedAt: string;
}

/** A seed program's load: started, and finished once its last record is in (null while loading). */
export interface SeedLoadTable {
  name: string;
  startedAt: string;
  finishedAt: string | null;
  parameters: string;
}

/**
 * Which area owns each table: the only code that reads or writes it (test/seams.test.ts holds this).
 * Other areas ask the owner through its exported functions.
 */
export const TABLE_OWNERS = {
  adultDonor: "search",
  cordUnit: "search",
  searchReport: "search",
  frequencySet: "search",
  frequencyHaplotype: "search",
  populationChoice: "search",
  listingImputation: "search",
  listingHead: "search",
  listingChange: "search",
  rankingWeight: "search",
  dinCounter: "bank",
  allocatedDin: "bank",
  userAccount: "accounts",
  userSession: "accounts",
  authThrottle: "accounts",
  userTotp: "accounts",
  userRecoveryCode: "accounts",
  auditEvent: "audit",
  auditHead: "audit",
  signature: "audit",
  productDescription: "bank",
  collection: "bank",
  product: "bank",
  processingStep: "bank",
  qcResult: "bank",
  productHold: "bank",
  storagePlacement: "bank",
  storageStay: "bank",
  storageDevice: "bank",
  storageRack: "bank",
  storageBox: "bank",
  storageIssue: "bank",
  qcPlausibleRange: "bank",
  qualityDeviation: "bank",
  qualityDeviationLink: "bank",
  qualityCapa: "bank",
  monitoringDevice: "bank",
  monitoringReading: "bank",
  monitoringAlarm: "bank",
  vigilanceCase: "bank",
  statusChange: "bank",
  reservation: "bank",
  shipment: "bank",
  shipmentTemperature: "bank",
  custodyEvent: "bank",
  labelPrint: "bank",
  materialLot: "bank",
  equipment: "bank",
  equipmentService: "bank",
  materialUse: "bank",
  recall: "bank",
  recallProduct: "bank",
  recallAction: "bank",
  patient: "therapy",
  patientWeight: "therapy",
  protocolVersion: "therapy",
  plan: "therapy",
  planDose: "therapy",
  doseOrder: "therapy",
  bedsideCheck: "therapy",
  infusion: "therapy",
  consent: "consent",
  followUpForm: "outcomes",
  adverseEvent: "outcomes",
  death: "outcomes",
  seedLoad: "seeds",
} as const satisfies Record<keyof Database, string>;
