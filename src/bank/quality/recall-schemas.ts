/**
 * The contract of look-back and recall (issue 18 part 2). Imports only typebox, the contract's blocks and
 * pure constants (the web app compiles it).
 */
import { Type } from "typebox";
import { SignatureSchema } from "../../audit/schemas.js";
import { Enum, Id, Instant, Line, MAX, Obj, Secret, type Static, Uuid } from "../../contract/schema.js";
import { LOOKBACK_ORIGINS, RECALL_ACTION_KINDS, RECALL_STATES } from "./material-constants.js";

export type { LookbackOrigin, RecallActionKind, RecallState } from "./material-constants.js";

const S = Type.String();
const NS = Type.Union([S, Type.Null()]);

/**
 * Where a look-back starts. `ref` is, by origin: a lot's id (lot); an asset id (equipment, with the window
 * from–to); a donor's or mother's id (donor: every collection where either is that id); a DIN (product).
 */
export const LookbackInputSchema = Obj({
  origin: Enum(LOOKBACK_ORIGINS),
  ref: Id(),
  from: Type.Optional(Instant()),
  to: Type.Optional(Instant()),
});
export type LookbackInput = Static<typeof LookbackInputSchema>;

export const OpenRecallSchema = Obj({
  origin: Enum(LOOKBACK_ORIGINS),
  ref: Id(),
  from: Type.Optional(Instant()),
  to: Type.Optional(Instant()),
  /** Why: the contamination found, the positive result, the excursion. */
  reason: Line(MAX.line),
});
export type OpenRecall = Static<typeof OpenRecallSchema>;

export const ShipmentPlaceSchema = Type.Object({
  destination: S,
  shippedAt: S,
  receivedAt: NS,
});

/** One product the look-back found, and where it is now. */
export const AffectedProductSchema = Type.Object({
  productId: S,
  din: S,
  code: S,
  status: S,
  donorId: S,
  motherId: NS,
  collectedAt: S,
  /** Why it is affected: what used the lot or device, or "same DIN as …". */
  why: S,
  /** Its storage position (DEVICE/RACK/BOX/POSITION), when stored. */
  storage: NS,
  shipments: Type.Array(ShipmentPlaceSchema),
  reservedFor: NS,
  reservedBy: NS,
  /** The patient it was infused into, as the bank recorded it. */
  infusedInto: NS,
  onHold: Type.Boolean(),
});
export type AffectedProduct = Static<typeof AffectedProductSchema>;

/** Someone to tell: a receiving centre, or the physician or coordinator who reserved or gave the product. */
export const RecallPartySchema = Type.Object({
  kind: Enum(["centre", "physician"] as const),
  name: S,
  productIds: Type.Array(S),
  message: S,
});
export type RecallParty = Static<typeof RecallPartySchema>;

export const LookbackSchema = Type.Object({
  origin: Enum(LOOKBACK_ORIGINS),
  ref: S,
  from: NS,
  to: NS,
  collections: Type.Integer(),
  products: Type.Array(AffectedProductSchema),
  parties: Type.Array(RecallPartySchema),
});
export type Lookback = Static<typeof LookbackSchema>;

export const RecallActionSchema = Type.Object({
  id: S,
  seq: Type.Integer(),
  kind: Enum(RECALL_ACTION_KINDS),
  productId: NS,
  party: NS,
  description: S,
  message: NS,
  state: Enum(RECALL_STATES),
  closedAt: NS,
  closedBy: NS,
  outcome: NS,
});
export type RecallAction = Static<typeof RecallActionSchema>;

export const RecallSummarySchema = Type.Object({
  id: S,
  origin: Enum(LOOKBACK_ORIGINS),
  originRef: S,
  windowFrom: NS,
  windowTo: NS,
  reason: S,
  state: Enum(RECALL_STATES),
  openedAt: S,
  openedBy: S,
  closedAt: NS,
  closedBy: NS,
  closeNote: NS,
  products: Type.Integer(),
  openActions: Type.Integer(),
});
export type RecallSummary = Static<typeof RecallSummarySchema>;

export const RecallProductSchema = Type.Object({
  productId: S,
  din: S,
  statusAtRecall: S,
  held: Type.Boolean(),
  /** Where it was when the recall opened (the look-back's answer for it). */
  whereabouts: AffectedProductSchema,
  /** Its status now. */
  status: S,
  onHold: Type.Boolean(),
});
export type RecallProduct = Static<typeof RecallProductSchema>;

export const RecallRecordSchema = Type.Object({
  recall: RecallSummarySchema,
  products: Type.Array(RecallProductSchema),
  actions: Type.Array(RecallActionSchema),
  signature: Type.Union([SignatureSchema, Type.Null()]),
  /** What the asking user may do now: close an action, close the recall. */
  mayCloseActions: Type.Boolean(),
  mayClose: Type.Boolean(),
});
export type RecallRecord = Static<typeof RecallRecordSchema>;

export const CloseActionSchema = Obj({ outcome: Line(MAX.line) });
export type CloseAction = Static<typeof CloseActionSchema>;

export const CloseRecallSchema = Obj({ note: Line(MAX.line), password: Secret(1000) });
export type CloseRecall = Static<typeof CloseRecallSchema>;

export const RecallParamsSchema = Obj({ id: Uuid() });
export const RecallActionParamsSchema = Obj({ id: Uuid(), actionId: Uuid() });
