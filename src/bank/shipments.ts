import type { Act } from "../accounts/act.js";
/**
 * Shipments: a reserved product leaves storage in a dry shipper (or a validated container for fresh
 * cells) to the infusing site; the logger's readings are imported and checked against the product's
 * storage range; receipt is refused while an excursion, or a missing log, has no reason recorded.
 *
 * A product put on hold while in transit is refused at receipt (PRODUCT_ON_HOLD, audited as
 * shipment.receive.refused) rather than received into a quarantine of its own: "received" is the status
 * from which a bag is infused, and the hold belongs to the issuing bank, whose quality manager alone can
 * close it. So the product stays shipped (in no one's stock), the receiver is told to keep the bag apart
 * and call the bank, and it is received after a signed release disposition, or discarded.
 */
import { appendAudit } from "../audit/trail.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import { recordCustody } from "./custody.js";
import { auditRefusals, requireNotOnHold } from "./hold-checks.js";
import {
  type Product,
  type ProductRef,
  STORAGE_TEMPERATURES,
  findProduct,
  getProductById,
} from "./products.js";
import { activeReservation } from "./reservations.js";
import {
  type ReceiptInput,
  ReceiptInputSchema,
  type Shipment,
  type ShipmentInput,
  ShipmentInputSchema,
  type ShipmentTemperatures,
  TemperatureLogInputSchema,
} from "./schemas.js";
import { moveStatus } from "./status.js";
import { removeFromStorage } from "./storage.js";
import {
  type Excursion,
  type TemperatureReading,
  findExcursions,
  parseTemperatureLog,
} from "./temperature-log.js";

export type { ReceiptInput, Shipment, ShipmentInput } from "./schemas.js";

function text(field: string, v: string): string {
  if (v.trim() === "") throw new CradleError("INVALID_INPUT", `${field} is required`, { field });
  return v.trim();
}

export async function shipProduct(
  store: Store,
  ref: ProductRef,
  shipment: ShipmentInput,
  act: Act,
): Promise<Shipment> {
  allow(act, "ship");
  const s = check(ShipmentInputSchema, shipment);
  const input = {
    destination: text("destination", s.destination),
    courier: text("courier", s.courier),
    shipperId: text("shipperId", s.shipperId),
  };
  return auditRefusals(store, act, "shipment.ship", ref, ["PRODUCT_ON_HOLD"], () =>
    write(store, async (tx) => {
      const product = await findProduct(tx, ref);
      await requireNotOnHold(tx, product.id, "ship");
      const reservation = await activeReservation(tx, product.id);
      if (product.status === "reserved" && !reservation) {
        throw new CradleError(
          "STATUS_TRANSITION_ILLEGAL",
          `product ${product.id} has no active reservation to ship against`,
          { productId: product.id },
        );
      }
      const limits = STORAGE_TEMPERATURES[product.storageTemperature];
      await moveStatus(
        tx,
        product,
        "shipped",
        act,
        `shipped to ${input.destination} for ${reservation?.patientId ?? "?"}`,
      );
      await removeFromStorage(tx, product, act, `shipped to ${input.destination}`);
      const shipment: Shipment = {
        id: crypto.randomUUID(),
        productId: product.id,
        ...input,
        shippedAt: act.at.toISOString(),
        shippedBy: act.user.username,
        maxCelsius: limits.maxCelsius,
        minCelsius: limits.minCelsius,
        receivedAt: null,
        receivedBy: null,
        condition: null,
        excursionReason: null,
      };
      await tx.insertInto("shipment").values(shipment).execute();
      await appendAudit(tx, {
        actor: act.user.username,
        action: "shipment.ship",
        entityType: "product",
        entityId: product.id,
        after: shipment,
        at: act.at,
      });
      await recordCustody(tx, {
        din: product.din,
        productId: product.id,
        event: "shipped",
        at: shipment.shippedAt,
        by: act.user.username,
        location: `${input.courier} to ${input.destination}`,
        details: { shipmentId: shipment.id, shipperId: input.shipperId, patientId: reservation?.patientId },
      });
      return shipment;
    }),
  );
}

async function openShipment(tx: Tx, product: Product): Promise<Shipment> {
  const row = await tx
    .selectFrom("shipment")
    .selectAll()
    .where("productId", "=", product.id)
    .where("receivedAt", "is", null)
    .executeTakeFirst();
  if (!row)
    throw new CradleError("STATUS_TRANSITION_ILLEGAL", `product ${product.id} has no shipment in transit`, {
      productId: product.id,
    });
  return {
    ...row,
    maxCelsius: Number(row.maxCelsius),
    minCelsius: row.minCelsius === null ? null : Number(row.minCelsius),
  };
}

async function readingsOf(tx: Store["db"], shipmentId: string): Promise<TemperatureReading[]> {
  const rows = await tx
    .selectFrom("shipmentTemperature")
    .select(["recordedAt", "celsius"])
    .where("shipmentId", "=", shipmentId)
    .orderBy("recordedAt")
    .execute();
  return rows.map((r) => ({ recordedAt: r.recordedAt, celsius: Number(r.celsius) }));
}

/** Imports the shipper's temperature log for the product in transit; returns the excursions found. */
export async function importTemperatureLog(
  store: Store,
  ref: ProductRef,
  csvInput: string,
  act: Act,
): Promise<{ readings: number; excursions: Excursion[] }> {
  allow(act, "receive");
  const { csv } = check(TemperatureLogInputSchema, { csv: csvInput });
  const readings = parseTemperatureLog(csv);
  return write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    const shipment = await openShipment(tx, product);
    const existing = await readingsOf(tx, shipment.id);
    if (existing.length > 0) {
      throw new CradleError(
        "INVALID_INPUT",
        `shipment ${shipment.id} already has ${existing.length} readings: a log is imported once`,
        { field: "csv" },
      );
    }
    for (let i = 0; i < readings.length; i += 500) {
      await tx
        .insertInto("shipmentTemperature")
        .values(readings.slice(i, i + 500).map((r) => ({ shipmentId: shipment.id, ...r })))
        .execute();
    }
    const excursions = findExcursions(readings, shipment.maxCelsius, shipment.minCelsius);
    await appendAudit(tx, {
      actor: act.user.username,
      action: "shipment.temperature-log",
      entityType: "product",
      entityId: product.id,
      after: {
        shipmentId: shipment.id,
        readings: readings.length,
        first: readings[0]?.recordedAt,
        last: readings.at(-1)?.recordedAt,
        excursions,
      },
      at: act.at,
    });
    return { readings: readings.length, excursions };
  });
}

export async function receiveProduct(
  store: Store,
  ref: ProductRef,
  receipt: ReceiptInput,
  act: Act,
): Promise<{ product: Product; excursions: Excursion[] }> {
  allow(act, "receive");
  const r = check(ReceiptInputSchema, receipt);
  const condition = text("condition", r.condition);
  const result = await auditRefusals(store, act, "shipment.receive", ref, ["PRODUCT_ON_HOLD"], () =>
    write(store, async (tx) => {
      const product = await findProduct(tx, ref);
      const shipment = await openShipment(tx, product);
      // Held while in transit (a culture read after it left): it does not enter the receiving centre's stock.
      // The bag stays in the bank's custody on paper (shipped) until the bank's quality manager signs a
      // disposition: released with a justification, it is received then; discarded, it is destroyed here.
      await requireNotOnHold(
        tx,
        product.id,
        `receiving it into stock at ${shipment.destination} (keep the bag apart in quarantine storage and call the issuing bank)`,
      );
      const readings = await readingsOf(tx, shipment.id);
      const excursions = findExcursions(readings, shipment.maxCelsius, shipment.minCelsius);
      const reason = r.excursionReason?.trim() || null;
      if (readings.length === 0 && reason === null) {
        throw new CradleError(
          "TEMPERATURE_EXCURSION",
          `product ${product.id}: no temperature log was imported; import it, or give the reason for receiving without one`,
          {
            field: "excursionReason",
          },
        );
      }
      if (excursions.length > 0 && reason === null) {
        const first = excursions[0] as Excursion;
        throw new CradleError(
          "TEMPERATURE_EXCURSION",
          `product ${product.id}: ${excursions.length} temperature excursions above ${shipment.maxCelsius} °C${shipment.minCelsius === null ? "" : ` or below ${shipment.minCelsius} °C`}, the first ${first.from} to ${first.to} (worst ${first.worstCelsius} °C); give the reason to accept it`,
          { field: "excursionReason", excursions },
        );
      }
      await moveStatus(tx, product, "received", act, `received at ${shipment.destination}: ${condition}`);
      const receivedAt = act.at.toISOString();
      await tx
        .updateTable("shipment")
        .set({ receivedAt, receivedBy: act.user.username, condition, excursionReason: reason })
        .where("id", "=", shipment.id)
        .execute();
      await appendAudit(tx, {
        actor: act.user.username,
        action: "shipment.receive",
        entityType: "product",
        entityId: product.id,
        before: shipment,
        after: { ...shipment, receivedAt, receivedBy: act.user.username, condition, excursionReason: reason },
        reason: reason ?? undefined,
        at: act.at,
      });
      await recordCustody(tx, {
        din: product.din,
        productId: product.id,
        event: "received",
        at: receivedAt,
        by: act.user.username,
        location: shipment.destination,
        details: {
          shipmentId: shipment.id,
          condition,
          excursions: excursions.length,
          excursionReason: reason,
        },
      });
      return { id: product.id, excursions };
    }),
  );
  return { product: await getProductById(store, result.id), excursions: result.excursions };
}

export async function shipmentsOf(db: Store["db"], productId: string): Promise<Shipment[]> {
  const rows = await db
    .selectFrom("shipment")
    .selectAll()
    .where("productId", "=", productId)
    .orderBy("shippedAt")
    .execute();
  return rows.map((row) => ({
    ...row,
    maxCelsius: Number(row.maxCelsius),
    minCelsius: row.minCelsius === null ? null : Number(row.minCelsius),
  }));
}

/** Each shipment of the product with its logged readings and their excursions, oldest shipment first. */
export async function shipmentTemperatures(store: Store, ref: ProductRef): Promise<ShipmentTemperatures[]> {
  const product = await findProduct(store.db, ref);
  const out: ShipmentTemperatures[] = [];
  for (const s of await shipmentsOf(store.db, product.id)) {
    const readings = await readingsOf(store.db, s.id);
    out.push({
      shipmentId: s.id,
      shippedAt: s.shippedAt,
      maxCelsius: s.maxCelsius,
      minCelsius: s.minCelsius,
      readings,
      excursions: findExcursions(readings, s.maxCelsius, s.minCelsius),
    });
  }
  return out;
}
