import type { CloseDeviation, NewCapa, NewDeviation } from "../bank/quality/deviation-schemas.js";
import type { EquipmentKind, LotDecision, LotKind, ServiceKind } from "../bank/quality/materials-schemas.js";
import type { LookbackOrigin } from "../bank/quality/recall-schemas.js";
import type { NewVigilance } from "../bank/quality/vigilance-schemas.js";
/**
 * The bank's fixed lists the bank pages offer in their selects. The server's constants are the authority;
 * each list here is an object keyed by the server's own type, so a value the server does not know, or one
 * it knows that a page forgot, fails to compile (the app reaches the server over HTTP only: no server code
 * is imported at run time).
 */
import type {
  HoldDecision,
  ProcessingStepName,
  ProductAction,
  ProductStatus,
  QcStage,
  QcTest,
  RetestKind,
  Source,
  StorageTemperature,
} from "../bank/schemas.js";
import type { BoxLayout, DeviceKind } from "../bank/storage-schemas.js";

const keys = <K extends string>(o: Record<K, true>) => Object.keys(o) as K[];

/** The product statuses, in lifecycle order. */
export const PRODUCT_STATUSES = keys<ProductStatus>({
  in_processing: true,
  quarantine: true,
  available: true,
  reserved: true,
  shipped: true,
  received: true,
  infused: true,
  discarded: true,
  divided: true,
});

export const SOURCES = keys<Source>({
  "cord-blood": true,
  "bone-marrow": true,
  "peripheral-blood-apheresis": true,
  "adipose-tissue": true,
});

export const STORAGE_KINDS = keys<StorageTemperature>({
  cryopreserved: true,
  refrigerated: true,
  room: true,
});

export const QC_TESTS = keys<QcTest>({
  tnc: true,
  cd34: true,
  viability: true,
  "cd34-viability": true,
  "cd45-viability": true,
  cfu: true,
  sterility: true,
  hiv: true,
  hbv: true,
  hcv: true,
  syphilis: true,
  htlv: true,
  cmv: true,
  hla: true,
  abo: true,
});

export const QC_STAGES = keys<QcStage>({
  "pre-processing": true,
  "post-processing": true,
  "post-thaw": true,
  maternal: true,
});

export const PROCESSING_STEPS = keys<ProcessingStepName>({
  "volume-reduction": true,
  "red-cell-depletion": true,
  "plasma-depletion": true,
  cryopreservation: true,
  thaw: true,
  wash: true,
  other: true,
});

export type { ProductAction };

/** A quality manager's decisions on a held product. */
export const HOLD_DECISIONS = keys<HoldDecision>({ discard: true, release: true, quarantine: true });

/** Storage devices: a mechanical freezer or a liquid nitrogen tank. */
export const DEVICE_KINDS = keys<DeviceKind>({ freezer: true, "ln2-tank": true });

/** How a box names its positions: A1 … (letters for rows) or 1 … rows × columns. */
export const BOX_LAYOUTS = keys<BoxLayout>({ "letter-number": true, numbered: true });

/** A result that contradicts an earlier one of its test and stage is one of these, with its reason. */
export const RETEST_KINDS = keys<RetestKind>({ repeat: true, confirmatory: true });

/** Reagent and supply lots, equipment, look-back origins (issue 18): the server's lists, held by type. */
export const LOT_KINDS = keys<LotKind>({
  "bag-set": true,
  cryoprotectant: true,
  anticoagulant: true,
  "test-kit": true,
  reagent: true,
  media: true,
  other: true,
});
export const LOT_DECISIONS = keys<LotDecision>({ accepted: true, rejected: true });
export const EQUIPMENT_KINDS = keys<EquipmentKind>({
  freezer: true,
  "ln2-tank": true,
  centrifuge: true,
  "cell-counter": true,
  "flow-cytometer": true,
  shipper: true,
  "biosafety-cabinet": true,
  "controlled-rate-freezer": true,
  sealer: true,
  balance: true,
  other: true,
});
export const SERVICE_KINDS = keys<ServiceKind>({ calibration: true, maintenance: true });
export const LOOKBACK_ORIGINS = keys<LookbackOrigin>({
  lot: true,
  equipment: true,
  donor: true,
  product: true,
});

/** Deviations (issue 18): planned or unplanned; the signed closing decision accepts or rejects the products. */
export const DEVIATION_KINDS = keys<NewDeviation["kind"]>({ planned: true, unplanned: true });
export const DEVIATION_DECISIONS = keys<CloseDeviation["decision"]>({ accept: true, reject: true });
export const CAPA_KINDS = keys<NewCapa["kind"]>({ corrective: true, preventive: true });

/** What a treating centre reports about a product (vigilance). */
export const VIGILANCE_KINDS = keys<NewVigilance["kind"]>({ "adverse-reaction": true, complaint: true });
