/**
 * The contract of reagent and supply lots and of equipment (issue 18 part 1). Imports only typebox, the
 * contract's blocks and pure constants (the web app compiles it).
 */
import { Type } from "typebox";
import {
  CalendarDate,
  Enum,
  Id,
  Instant,
  Line,
  MAX,
  Name,
  Obj,
  type Static,
  Text,
  Uuid,
} from "../../contract/schema.js";
import {
  EQUIPMENT_KINDS,
  LOT_ACCEPTANCE,
  LOT_DECISIONS,
  LOT_KINDS,
  SERVICE_KINDS,
} from "./material-constants.js";

export type {
  EquipmentKind,
  LotAcceptance,
  LotDecision,
  LotKind,
  ServiceKind,
} from "./material-constants.js";

const S = Type.String();
const NS = Type.Union([S, Type.Null()]);

/** A lot as received: what it is, from whom, its number and expiry date, when it arrived. */
export const NewLotSchema = Obj({
  kind: Enum(LOT_KINDS),
  /** The material as the supplier names it, e.g. "DMSO 55% / Dextran 5%", "CPD cord blood bag set". */
  material: Name(),
  supplier: Name(),
  lotNumber: Id(),
  /** The last day the lot may be used: it is usable through the whole of this date (in the step's zone). */
  expiresOn: CalendarDate(),
  receivedAt: Instant(),
});
export type NewLot = Static<typeof NewLotSchema>;

/** Quality's decision on a received lot, with its reason (a certificate of analysis checked, a defect). */
export const LotDecisionSchema = Obj({ decision: Enum(LOT_DECISIONS), reason: Line(MAX.line) });
export type LotDecisionInput = Static<typeof LotDecisionSchema>;

export const LotSchema = Type.Object({
  id: S,
  kind: Enum(LOT_KINDS),
  material: S,
  supplier: S,
  lotNumber: S,
  expiresOn: S,
  receivedAt: S,
  receivedBy: S,
  acceptance: Enum(LOT_ACCEPTANCE),
  decidedAt: NS,
  decidedBy: NS,
  decisionReason: NS,
});
export type Lot = Static<typeof LotSchema>;

/** An asset id as the bank labels its equipment, e.g. "CENT-02", upper-cased when stored. */
export const AssetId = Line(32, {
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$",
  description: 'an asset id: letters, digits, ".", "_" or "-" (upper-cased when stored)',
});

export const NewEquipmentSchema = Obj({
  assetId: AssetId,
  kind: Enum(EQUIPMENT_KINDS),
  model: Name(),
  serial: Id(),
  /** The storage device (freezer or LN2 tank, by its name) this equipment is, if it is one. */
  storageDevice: Type.Optional(Id()),
  /** The last day it is within calibration, and within its maintenance interval. */
  calibrationDue: CalendarDate(),
  maintenanceDue: CalendarDate(),
});
export type NewEquipment = Static<typeof NewEquipmentSchema>;

/** A calibration or maintenance done, and the next due date it sets. */
export const NewServiceSchema = Obj({
  kind: Enum(SERVICE_KINDS),
  performedOn: CalendarDate(),
  nextDue: CalendarDate(),
  notes: Type.Optional(Text()),
});
export type NewService = Static<typeof NewServiceSchema>;

export const EquipmentServiceSchema = Type.Object({
  id: S,
  kind: Enum(SERVICE_KINDS),
  performedOn: S,
  performedBy: S,
  nextDue: S,
  notes: NS,
  recordedAt: S,
});
export type EquipmentService = Static<typeof EquipmentServiceSchema>;

export const EquipmentSchema = Type.Object({
  id: S,
  assetId: S,
  kind: Enum(EQUIPMENT_KINDS),
  model: S,
  serial: S,
  storageDevice: NS,
  calibrationDue: S,
  maintenanceDue: S,
  createdAt: S,
  createdBy: S,
  services: Type.Array(EquipmentServiceSchema),
});
export type Equipment = Static<typeof EquipmentSchema>;

export const LotParamsSchema = Obj({ id: Uuid() });
export const AssetParamsSchema = Obj({ assetId: AssetId });
