/**
 * The fixed lists of the bank's materials, equipment, look-back and recall (issue 18 parts 1 and 2). Pure
 * constants: the schemas and the web app read them.
 */

/** What a received lot is. */
export const LOT_KINDS = [
  "bag-set",
  "cryoprotectant",
  "anticoagulant",
  "test-kit",
  "reagent",
  "media",
  "other",
] as const;
export type LotKind = (typeof LOT_KINDS)[number];

/** A lot is received pending, then accepted or rejected by quality; only an accepted lot is used. */
export const LOT_ACCEPTANCE = ["pending", "accepted", "rejected"] as const;
export type LotAcceptance = (typeof LOT_ACCEPTANCE)[number];
export const LOT_DECISIONS = ["accepted", "rejected"] as const;
export type LotDecision = (typeof LOT_DECISIONS)[number];

export const EQUIPMENT_KINDS = [
  "freezer",
  "ln2-tank",
  "centrifuge",
  "cell-counter",
  "flow-cytometer",
  "shipper",
  "biosafety-cabinet",
  "controlled-rate-freezer",
  "sealer",
  "balance",
  "other",
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export const SERVICE_KINDS = ["calibration", "maintenance"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Where a look-back starts: a lot, a piece of equipment over a time window, a donor or mother, a product. */
export const LOOKBACK_ORIGINS = ["lot", "equipment", "donor", "product"] as const;
export type LookbackOrigin = (typeof LOOKBACK_ORIGINS)[number];

export const RECALL_STATES = ["open", "closed"] as const;
export type RecallState = (typeof RECALL_STATES)[number];
/** A recall's actions: tell a party, hold a product (closed by its signed disposition), retrieve a product. */
export const RECALL_ACTION_KINDS = ["notify", "hold", "retrieve"] as const;
export type RecallActionKind = (typeof RECALL_ACTION_KINDS)[number];

/** A look-back lists at most this many products (a recall larger than this is split by its origin). */
export const LOOKBACK_MAX_PRODUCTS = 5000;
