import type { Act } from "../../accounts/act.js";
/**
 * Reagent and supply lots and equipment (issue 18 part 1). A lot is received pending and used only once
 * quality has accepted it, and only through its expiry date; equipment is used only through its calibration
 * and maintenance due dates. A processing step or QC test names the lots (by id) and equipment (by asset id)
 * it used: `checkMaterials` refuses, naming it, a lot expired, pending or rejected, or equipment overdue at
 * the step's time, and `recordMaterialUse` writes what was used for the look-back.
 *
 * "Expired" follows the bank's date conventions: an expiry or due date is a calendar date, the last day of
 * use; the step's time is read in the zone it was given in (the bench's clock), and the lot is expired when
 * that local date is after the expiry date. A lot expiring on 1 March is usable at 23:59 on 1 March and
 * refused at 00:00 on 2 March.
 */
import { appendAudit } from "../../audit/trail.js";
import { calendarDate, pastInstant } from "../../contract/time.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import type { Store } from "../../store/connect.js";
import type { Database } from "../../store/schema.js";
import { type Tx, write } from "../../store/write.js";
import { allow } from "../act.js";
import type { EquipmentKind, LotAcceptance, LotKind, ServiceKind } from "./material-constants.js";
import {
  AssetId,
  type Equipment,
  type Lot,
  type LotDecisionInput,
  LotDecisionSchema,
  type NewEquipment,
  NewEquipmentSchema,
  type NewLot,
  NewLotSchema,
  type NewService,
  NewServiceSchema,
} from "./materials-schemas.js";

type Db = Store["db"] | Tx;

const toLot = (r: Database["materialLot"]): Lot => ({
  ...r,
  kind: r.kind as LotKind,
  acceptance: r.acceptance as LotAcceptance,
});

export async function listLots(db: Db): Promise<Lot[]> {
  const rows = await db
    .selectFrom("materialLot")
    .selectAll()
    .orderBy("receivedAt", "desc")
    .orderBy("id")
    .limit(1000)
    .execute();
  return rows.map(toLot);
}

async function lotById(db: Db, id: string, field = "id"): Promise<Lot> {
  const row = await db.selectFrom("materialLot").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row)
    throw new CradleError("MATERIAL_NOT_FOUND", `${field}: no lot has id ${id}`, { field, value: id });
  return toLot(row);
}

export async function getLot(db: Db, id: string): Promise<Lot> {
  return lotById(db, id);
}

/** Receives a lot (pending until quality decides), audited. */
export async function addLot(store: Store, input: NewLot, act: Act): Promise<Lot> {
  allow(act, "manageMaterials");
  const n = check(NewLotSchema, input);
  const receivedAt = pastInstant("receivedAt", n.receivedAt, act.at);
  const row: Database["materialLot"] = {
    id: crypto.randomUUID(),
    kind: n.kind,
    material: n.material.trim(),
    supplier: n.supplier.trim(),
    lotNumber: n.lotNumber.trim(),
    expiresOn: calendarDate("expiresOn", n.expiresOn),
    receivedAt,
    receivedBy: act.user.username,
    acceptance: "pending",
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
  };
  for (const f of ["material", "supplier", "lotNumber"] as const) {
    if (row[f] === "") throw new CradleError("INVALID_INPUT", `${f} is required`, { field: f });
  }
  await write(store, async (tx) => {
    const same = await tx
      .selectFrom("materialLot")
      .select("id")
      .where("supplier", "=", row.supplier)
      .where("material", "=", row.material)
      .where("lotNumber", "=", row.lotNumber)
      .executeTakeFirst();
    if (same) {
      throw new CradleError(
        "MATERIAL_EXISTS",
        `lotNumber: lot ${row.lotNumber} of ${row.material} from ${row.supplier} is already received`,
        { field: "lotNumber", value: row.lotNumber, id: same.id },
      );
    }
    await tx.insertInto("materialLot").values(row).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "material.lot.receive",
      entityType: "material-lot",
      entityId: row.id,
      after: row,
      at: act.at,
    });
  });
  return toLot(row);
}

/**
 * Quality accepts or rejects a lot, with the reason. A pending lot may be either; an accepted lot may still
 * be rejected (a defect found later); a rejected lot stays rejected.
 */
export async function decideLot(store: Store, id: string, input: LotDecisionInput, act: Act): Promise<Lot> {
  allow(act, "acceptLot");
  const d = check(LotDecisionSchema, input);
  const reason = d.reason.trim();
  if (reason === "") throw new CradleError("INVALID_INPUT", "reason: say why", { field: "reason" });
  return write(store, async (tx) => {
    const lot = await lotById(tx, id);
    if (lot.acceptance === "rejected" || lot.acceptance === d.decision) {
      throw new CradleError(
        "STATUS_TRANSITION_ILLEGAL",
        `lot ${lot.lotNumber} is ${lot.acceptance}: it cannot become ${d.decision}`,
        { field: "decision", value: d.decision, acceptance: lot.acceptance },
      );
    }
    const after: Lot = {
      ...lot,
      acceptance: d.decision,
      decidedAt: act.at.toISOString(),
      decidedBy: act.user.username,
      decisionReason: reason,
    };
    await tx
      .updateTable("materialLot")
      .set({
        acceptance: after.acceptance,
        decidedAt: after.decidedAt,
        decidedBy: after.decidedBy,
        decisionReason: reason,
      })
      .where("id", "=", lot.id)
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: d.decision === "accepted" ? "material.lot.accept" : "material.lot.reject",
      entityType: "material-lot",
      entityId: lot.id,
      before: lot,
      after,
      reason,
      at: act.at,
    });
    return after;
  });
}

async function equipmentRows(db: Db, assetId?: string): Promise<Equipment[]> {
  let q = db
    .selectFrom("equipment")
    .leftJoin("storageDevice", "storageDevice.id", "equipment.storageDeviceId")
    .selectAll("equipment")
    .select("storageDevice.name as storageDevice");
  if (assetId !== undefined) q = q.where("equipment.assetId", "=", assetId);
  const rows = await q.orderBy("equipment.assetId").limit(1000).execute();
  const services =
    rows.length === 0
      ? []
      : await db
          .selectFrom("equipmentService")
          .selectAll()
          .where(
            "equipmentId",
            "in",
            rows.map((r) => r.id),
          )
          .orderBy("performedOn", "desc")
          .orderBy("recordedAt", "desc")
          .execute();
  return rows.map(({ storageDeviceId: _, ...r }) => ({
    ...r,
    kind: r.kind as EquipmentKind,
    storageDevice: r.storageDevice ?? null,
    services: services
      .filter((s) => s.equipmentId === r.id)
      .map(({ equipmentId: __, ...s }) => ({ ...s, kind: s.kind as ServiceKind })),
  }));
}

export async function listEquipment(db: Db): Promise<Equipment[]> {
  return equipmentRows(db);
}

async function equipmentByAsset(db: Db, assetId: string, field = "assetId"): Promise<Equipment> {
  const key = assetId.trim().toUpperCase();
  const [row] = await equipmentRows(db, key);
  if (!row) {
    throw new CradleError("MATERIAL_NOT_FOUND", `${field}: no equipment has asset id ${key}`, {
      field,
      value: assetId,
    });
  }
  return row;
}

export async function getEquipment(db: Db, assetId: string): Promise<Equipment> {
  check(AssetId, assetId, "assetId");
  return equipmentByAsset(db, assetId);
}

export async function addEquipment(store: Store, input: NewEquipment, act: Act): Promise<Equipment> {
  allow(act, "manageMaterials");
  const n = check(NewEquipmentSchema, input);
  const assetId = n.assetId.toUpperCase();
  const model = n.model.trim();
  const serial = n.serial.trim();
  if (model === "") throw new CradleError("INVALID_INPUT", "model is required", { field: "model" });
  if (serial === "") throw new CradleError("INVALID_INPUT", "serial is required", { field: "serial" });
  await write(store, async (tx) => {
    if (await tx.selectFrom("equipment").select("id").where("assetId", "=", assetId).executeTakeFirst()) {
      throw new CradleError("MATERIAL_EXISTS", `assetId: equipment ${assetId} is already defined`, {
        field: "assetId",
        value: assetId,
      });
    }
    let storageDeviceId: string | null = null;
    if (n.storageDevice !== undefined) {
      const name = n.storageDevice.trim().toUpperCase();
      const device = await tx
        .selectFrom("storageDevice")
        .select("id")
        .where("name", "=", name)
        .executeTakeFirst();
      if (!device) {
        throw new CradleError("STORAGE_NOT_DEFINED", `storageDevice: device "${name}" is not defined`, {
          field: "storageDevice",
          value: n.storageDevice,
        });
      }
      const taken = await tx
        .selectFrom("equipment")
        .select("assetId")
        .where("storageDeviceId", "=", device.id)
        .executeTakeFirst();
      if (taken) {
        throw new CradleError(
          "MATERIAL_EXISTS",
          `storageDevice: ${name} is already equipment ${taken.assetId}`,
          {
            field: "storageDevice",
            value: n.storageDevice,
          },
        );
      }
      storageDeviceId = device.id;
    }
    const row: Database["equipment"] = {
      id: crypto.randomUUID(),
      assetId,
      kind: n.kind,
      model,
      serial,
      storageDeviceId,
      calibrationDue: calendarDate("calibrationDue", n.calibrationDue),
      maintenanceDue: calendarDate("maintenanceDue", n.maintenanceDue),
      createdAt: act.at.toISOString(),
      createdBy: act.user.username,
    };
    await tx.insertInto("equipment").values(row).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "equipment.create",
      entityType: "equipment",
      entityId: row.id,
      after: row,
      at: act.at,
    });
  });
  return equipmentByAsset(store.db, assetId);
}

/** The UTC date of an instant, and one day of grace each side for the zones of the world. */
const utcDate = (at: Date) => at.toISOString().slice(0, 10);

/** Records a calibration or maintenance done; its next due date becomes the equipment's. */
export async function recordService(
  store: Store,
  assetIdInput: string,
  input: NewService,
  act: Act,
): Promise<Equipment> {
  allow(act, "manageMaterials");
  check(AssetId, assetIdInput, "assetId");
  const n = check(NewServiceSchema, input);
  const performedOn = calendarDate("performedOn", n.performedOn);
  const nextDue = calendarDate("nextDue", n.nextDue);
  const tomorrow = utcDate(new Date(act.at.getTime() + 86_400_000));
  if (performedOn > tomorrow) {
    throw new CradleError("INVALID_INPUT", `performedOn ${performedOn} is in the future`, {
      field: "performedOn",
      value: performedOn,
    });
  }
  if (nextDue <= performedOn) {
    throw new CradleError("INVALID_INPUT", `nextDue ${nextDue} is not after performedOn ${performedOn}`, {
      field: "nextDue",
      value: nextDue,
    });
  }
  const id = await write(store, async (tx) => {
    const eq = await equipmentByAsset(tx, assetIdInput);
    const row: Database["equipmentService"] = {
      id: crypto.randomUUID(),
      equipmentId: eq.id,
      kind: n.kind,
      performedOn,
      performedBy: act.user.username,
      nextDue,
      notes: n.notes?.trim() || null,
      recordedAt: act.at.toISOString(),
    };
    await tx.insertInto("equipmentService").values(row).execute();
    const due = n.kind === "calibration" ? { calibrationDue: nextDue } : { maintenanceDue: nextDue };
    await tx.updateTable("equipment").set(due).where("id", "=", eq.id).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: n.kind === "calibration" ? "equipment.calibration" : "equipment.maintenance",
      entityType: "equipment",
      entityId: eq.id,
      before: { calibrationDue: eq.calibrationDue, maintenanceDue: eq.maintenanceDue },
      after: row,
      at: act.at,
    });
    return eq.assetId;
  });
  return equipmentByAsset(store.db, id);
}

/** The refusals of a step's materials, each audited as the step's refused attempt. */
export const MATERIAL_REFUSALS = [
  "LOT_EXPIRED",
  "LOT_NOT_ACCEPTED",
  "EQUIPMENT_OUT_OF_SERVICE",
  "MATERIAL_NOT_FOUND",
] as const;

/** What a step used, found and checked. */
export interface UsedMaterials {
  lots: Lot[];
  equipment: Equipment[];
}

/** The date of an instant as it was given, in its own zone: "2026-03-01T23:59:00-05:00" is 2026-03-01. */
const localDate = (given: string) => given.slice(0, 10);

/**
 * Finds the lots and equipment a step names and refuses the first that may not be used at the step's time
 * (given as typed, with its zone): LOT_NOT_ACCEPTED, LOT_EXPIRED, EQUIPMENT_OUT_OF_SERVICE, naming it.
 */
export async function checkMaterials(
  tx: Tx,
  refs: { lotIds?: readonly string[] | undefined; assetIds?: readonly string[] | undefined },
  givenAt: string,
  productId: string,
): Promise<UsedMaterials> {
  const day = localDate(givenAt);
  const lots: Lot[] = [];
  for (const [i, id] of [...new Set(refs.lotIds ?? [])].entries()) {
    const field = `lotIds.${i}`;
    const lot = await lotById(tx, id, field);
    const named = `lot ${lot.lotNumber} of ${lot.material} (${lot.supplier})`;
    if (lot.acceptance !== "accepted") {
      throw new CradleError(
        "LOT_NOT_ACCEPTED",
        `${field}: ${named} is ${lot.acceptance}${lot.acceptance === "rejected" ? ` (${lot.decisionReason})` : " acceptance by quality"}: it may not be used`,
        { field, value: id, lotNumber: lot.lotNumber, acceptance: lot.acceptance, productId },
      );
    }
    if (day > lot.expiresOn) {
      throw new CradleError(
        "LOT_EXPIRED",
        `${field}: ${named} expired on ${lot.expiresOn}, before the step's date ${day}`,
        { field, value: id, lotNumber: lot.lotNumber, expiresOn: lot.expiresOn, stepDate: day, productId },
      );
    }
    lots.push(lot);
  }
  const equipment: Equipment[] = [];
  for (const [i, assetId] of [
    ...new Set((refs.assetIds ?? []).map((a) => a.trim().toUpperCase())),
  ].entries()) {
    const field = `assetIds.${i}`;
    const eq = await equipmentByAsset(tx, assetId, field);
    for (const [what, due] of [
      ["calibration", eq.calibrationDue],
      ["maintenance", eq.maintenanceDue],
    ] as const) {
      if (day > due) {
        throw new CradleError(
          "EQUIPMENT_OUT_OF_SERVICE",
          `${field}: ${eq.kind} ${eq.assetId} was due for ${what} on ${due}, before the step's date ${day}`,
          { field, value: assetId, assetId: eq.assetId, due: what, dueOn: due, stepDate: day, productId },
        );
      }
    }
    equipment.push(eq);
  }
  return { lots, equipment };
}

/** Writes what a step or test used, for the look-back, in the step's transaction. */
export async function recordMaterialUse(
  tx: Tx,
  use: { productId: string; din: string; kind: "processing" | "qc"; recordId: string; usedAt: string },
  used: UsedMaterials,
): Promise<void> {
  const base = {
    productId: use.productId,
    din: use.din,
    recordKind: use.kind,
    recordId: use.recordId,
    usedAt: use.usedAt,
  };
  const rows = [
    ...used.lots.map((l) => ({ ...base, id: crypto.randomUUID(), lotId: l.id, equipmentId: null })),
    ...used.equipment.map((e) => ({ ...base, id: crypto.randomUUID(), lotId: null, equipmentId: e.id })),
  ];
  if (rows.length > 0) await tx.insertInto("materialUse").values(rows).execute();
}

/** The lots and equipment recorded for a product's steps and tests. */
export async function materialsUsedBy(db: Db, productId: string) {
  return db
    .selectFrom("materialUse")
    .leftJoin("materialLot", "materialLot.id", "materialUse.lotId")
    .leftJoin("equipment", "equipment.id", "materialUse.equipmentId")
    .select([
      "materialUse.recordKind",
      "materialUse.recordId",
      "materialUse.usedAt",
      "materialLot.id as lotId",
      "materialLot.lotNumber",
      "materialLot.material",
      "equipment.assetId",
    ])
    .where("materialUse.productId", "=", productId)
    .orderBy("materialUse.usedAt")
    .execute();
}
