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

export interface Database {
  adultDonor: AdultDonorTable;
  cordUnit: CordUnitTable;
  dinCounter: DinCounterTable;
  allocatedDin: AllocatedDinTable;
}
