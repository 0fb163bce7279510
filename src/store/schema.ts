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
}

/** bank: where each stored product is now; one product per position, one position per product. */
export interface StoragePlacementTable {
  productId: string;
  freezer: string;
  rack: string;
  box: string;
  position: string;
  storedAt: string;
  storedBy: string;
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
export interface UserSessionTable {
  idHash: string;
  username: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
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
  storagePlacement: StoragePlacementTable;
  statusChange: StatusChangeTable;
  reservation: ReservationTable;
  shipment: ShipmentTable;
  shipmentTemperature: ShipmentTemperatureTable;
  custodyEvent: CustodyEventTable;
  userSession: UserSessionTable;
}
