/**
 * The storage model's contract: devices (freezers, LN2 tanks), racks, boxes with their grid, a box's
 * grid with what occupies it, and what migration 0016 would not merge. Imports only typebox, the
 * contract's blocks and the bank's constants (the web app compiles it).
 */
import { Type } from "typebox";
import { Enum, Int, Line, Obj, type Static } from "../contract/schema.js";
import { BOX_LAYOUTS, DEVICE_KINDS, GRID, STORAGE_ISSUE_KINDS, STORAGE_KINDS } from "./constants.js";

export type { BoxLayout, DeviceKind } from "./constants.js";

/** A device's, rack's or box's name as keyed; the service upper-cases it ("ln2-07" is "LN2-07"). */
export const StorageName = (what: string) =>
  Line(32, {
    pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$",
    description: `the ${what}'s name: letters, digits, ".", "_" or "-" (upper-cased when stored)`,
  });

export const NewDeviceSchema = Obj({
  name: StorageName("device"),
  kind: Enum(DEVICE_KINDS),
  /** The storage condition it keeps: only products labelled for it are stored in it. */
  temperature: Enum(STORAGE_KINDS),
});
export type NewDevice = Static<typeof NewDeviceSchema>;

export const NewRackSchema = Obj({ device: StorageName("device"), name: StorageName("rack") });
export type NewRack = Static<typeof NewRackSchema>;

export const NewBoxSchema = Obj({
  device: StorageName("device"),
  rack: StorageName("rack"),
  name: StorageName("box"),
  rows: Int(1, GRID.maxRows, { description: "rows of the grid (at most 26 when rows are letters)" }),
  columns: Int(1, GRID.maxColumns, { description: "columns of the grid" }),
  /** letter-number (A1, the default) or numbered (1 to rows × columns). */
  layout: Type.Optional(Enum(BOX_LAYOUTS)),
});
export type NewBox = Static<typeof NewBoxSchema>;

/** A box as keyed: "DEVICE/RACK/BOX", separators "/", "\", ":" or spaces, any case. */
export const BoxPathText = Line(100, {
  pattern: "^[A-Za-z0-9._\\-/\\\\: ]+$",
  description: 'a box: device/rack/box, e.g. LN2-01/R03/B12 (case, spaces and "\\" or ":" are normalised)',
});
export const BoxQuerySchema = Obj({ box: BoxPathText });
export type BoxQuery = Static<typeof BoxQuerySchema>;
/** ?open=true lists only the issues not yet resolved by moving the product. */
export const IssueQuerySchema = Obj({ open: Type.Optional(Type.Boolean()) });

// ——— Answers ———

const S = Type.String();
const NS = Type.Union([S, Type.Null()]);

export const StorageBoxSchema = Type.Object({
  id: S,
  name: S,
  rows: Type.Integer(),
  columns: Type.Integer(),
  layout: Enum(BOX_LAYOUTS),
  /** Products in it now, and how many slots it has. */
  occupied: Type.Integer(),
  capacity: Type.Integer(),
});
export type StorageBox = Static<typeof StorageBoxSchema>;

export const StorageRackSchema = Type.Object({ id: S, name: S, boxes: Type.Array(StorageBoxSchema) });
export type StorageRack = Static<typeof StorageRackSchema>;

export const StorageDeviceSchema = Type.Object({
  id: S,
  name: S,
  kind: Enum(DEVICE_KINDS),
  temperature: Enum(STORAGE_KINDS),
  racks: Type.Array(StorageRackSchema),
});
export type StorageDevice = Static<typeof StorageDeviceSchema>;

export const GridCellSchema = Type.Object({
  /** The position's canonical name in its box ("C3", "23") and its whole key ("LN2-01/R03/B12/C3"). */
  position: S,
  key: S,
  row: Type.Integer(),
  column: Type.Integer(),
  productId: NS,
  /** The occupant's DIN, and its product code when it is a division (for a link to its page). */
  din: NS,
  productCode: NS,
});
export type GridCell = Static<typeof GridCellSchema>;

export const BoxGridSchema = Type.Object({
  device: S,
  rack: S,
  box: S,
  rows: Type.Integer(),
  columns: Type.Integer(),
  layout: Enum(BOX_LAYOUTS),
  /** Row by row, each row left to right. */
  cells: Type.Array(GridCellSchema),
  free: Type.Integer(),
});
export type BoxGrid = Static<typeof BoxGridSchema>;

export const StorageIssueSchema = Type.Object({
  id: S,
  kind: Enum(STORAGE_ISSUE_KINDS),
  productId: S,
  /** The position as it was typed before migration 0016. */
  location: S,
  /** The canonical key it shares with the holder (a clash); null when no grid could read it. */
  positionKey: NS,
  holderProductId: NS,
  foundAt: S,
  resolvedAt: NS,
  resolvedBy: NS,
  resolution: NS,
});
export type StorageIssue = Static<typeof StorageIssueSchema>;
