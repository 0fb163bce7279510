/**
 * Look-back (issue 18 part 2): from a starting point — a reagent lot, a piece of equipment over a time
 * window, a donor or mother, a product (DIN) — every affected collection and every product of it (all
 * divisions of each DIN: a division shares its collection and everything done before it was divided), and
 * where each is now: its storage position, the shipments that took it (to whom), the patient it is
 * reserved for, the patient it was infused into (as the bank recorded the infusion), whether it is on hold.
 * Then who to tell: every receiving centre, and every physician or coordinator who reserved or gave one.
 *
 * The queries go by index (material_use by lot and by equipment and time, collection by donor and by
 * mother, product by DIN) and fetch each kind of fact for all products at once, in chunks.
 */
import { instant } from "../../contract/time.js";
import { check } from "../../contract/validate.js";
import { CradleError } from "../../errors.js";
import { parseDin } from "../../isbt128/din.js";
import type { Store } from "../../store/connect.js";
import type { Tx } from "../../store/write.js";
import { exposuresIn } from "../storage-history.js";
import { LOOKBACK_MAX_PRODUCTS } from "./material-constants.js";
import { AssetId } from "./materials-schemas.js";
import {
  type AffectedProduct,
  type Lookback,
  type LookbackInput,
  LookbackInputSchema,
  type RecallParty,
} from "./recall-schemas.js";

type Db = Store["db"] | Tx;

const CHUNK = 500;
function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}
async function inChunks<T, R>(xs: readonly T[], f: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunks(xs)) out.push(...(await f(part)));
  return out;
}

interface Origin {
  origin: LookbackInput["origin"];
  ref: string;
  from: string | null;
  to: string | null;
  /** DIN → why it is affected. */
  dins: Map<string, string>;
}

async function originDins(db: Db, input: LookbackInput): Promise<Origin> {
  const i = check(LookbackInputSchema, input);
  const dins = new Map<string, string>();
  const base = { origin: i.origin, from: null, to: null, dins };
  if (i.origin !== "equipment" && (i.from !== undefined || i.to !== undefined)) {
    throw new CradleError("INVALID_INPUT", "from: a time window is given only for equipment", {
      field: "from",
    });
  }
  if (i.origin === "lot") {
    const lot = await db
      .selectFrom("materialLot")
      .select(["id", "lotNumber"])
      .where("id", "=", i.ref)
      .executeTakeFirst();
    if (!lot)
      throw new CradleError("MATERIAL_NOT_FOUND", `ref: no lot has id ${i.ref}`, {
        field: "ref",
        value: i.ref,
      });
    const rows = await db
      .selectFrom("materialUse")
      .select(["din", "productId", "recordKind", "usedAt"])
      .where("lotId", "=", lot.id)
      .orderBy("usedAt")
      .execute();
    for (const r of rows) {
      if (!dins.has(r.din))
        dins.set(r.din, `lot ${lot.lotNumber} used in ${r.recordKind} of ${r.productId} on ${r.usedAt}`);
    }
    return { ...base, ref: lot.id };
  }
  if (i.origin === "equipment") {
    check(AssetId, i.ref, "ref");
    if (i.from === undefined || i.to === undefined) {
      throw new CradleError(
        "INVALID_INPUT",
        "from: a look-back from equipment names its time window (from and to)",
        {
          field: i.from === undefined ? "from" : "to",
        },
      );
    }
    const from = instant("from", i.from);
    const to = instant("to", i.to);
    if (to < from)
      throw new CradleError("INVALID_INPUT", `to ${i.to} is before from ${i.from}`, {
        field: "to",
        value: i.to,
      });
    const assetId = i.ref.toUpperCase();
    const eq = await db
      .selectFrom("equipment")
      .select(["id", "assetId", "storageDeviceId"])
      .where("assetId", "=", assetId)
      .executeTakeFirst();
    if (!eq)
      throw new CradleError("MATERIAL_NOT_FOUND", `ref: no equipment has asset id ${assetId}`, {
        field: "ref",
        value: i.ref,
      });
    const rows = await db
      .selectFrom("materialUse")
      .select(["din", "productId", "recordKind", "usedAt"])
      .where("equipmentId", "=", eq.id)
      .where("usedAt", ">=", from)
      .where("usedAt", "<=", to)
      .orderBy("usedAt")
      .execute();
    for (const r of rows) {
      if (!dins.has(r.din))
        dins.set(r.din, `${assetId} used in ${r.recordKind} of ${r.productId} on ${r.usedAt}`);
    }
    if (eq.storageDeviceId !== null) {
      // A storage device: every product in it at any time in the window, from the storage history (a
      // product shipped or moved out since is found; one stored after the window is not).
      for (const e of await exposuresIn(db, eq.storageDeviceId, from, to)) {
        if (!dins.has(e.din))
          dins.set(
            e.din,
            `${e.productId} stored in ${assetId} from ${e.from}${e.leftAt ? ` to ${e.leftAt}` : ""}`,
          );
      }
    }
    return { ...base, ref: assetId, from, to };
  }
  if (i.origin === "donor") {
    const ref = i.ref.trim();
    const rows = await db
      .selectFrom("collection")
      .select(["din", "donorId", "motherId"])
      .where((eb) => eb.or([eb("donorId", "=", ref), eb("motherId", "=", ref)]))
      .execute();
    for (const r of rows)
      dins.set(r.din, r.donorId === ref ? `collected from donor ${ref}` : `collected from mother ${ref}`);
    return { ...base, ref };
  }
  const din = parseDin(i.ref).id;
  const found = await db.selectFrom("collection").select("din").where("din", "=", din).executeTakeFirst();
  if (!found)
    throw new CradleError("PRODUCT_NOT_FOUND", `ref: no collection has DIN ${i.ref}`, {
      field: "ref",
      value: i.ref,
    });
  dins.set(din, `product DIN ${din}`);
  return { ...base, ref: din };
}

const LIVE_SHIPPED = new Set(["shipped", "received"]);

/** What the look-back finds, inside the caller's transaction when given one. */
export async function lookback(db: Db, input: LookbackInput): Promise<Lookback> {
  const o = await originDins(db, input);
  const dinList = [...o.dins.keys()];
  const products = await inChunks(dinList, (part) =>
    db
      .selectFrom("product")
      .innerJoin("collection", "collection.din", "product.din")
      .select([
        "product.id",
        "product.din",
        "product.productCode",
        "product.collectionType",
        "product.division",
        "product.status",
        "product.recipientId",
        "collection.donorId",
        "collection.motherId",
        "collection.collectedAt",
      ])
      .where("product.din", "in", part)
      .execute(),
  );
  if (products.length > LOOKBACK_MAX_PRODUCTS) {
    throw new CradleError(
      "INVALID_INPUT",
      `ref: the look-back finds ${products.length} products, more than ${LOOKBACK_MAX_PRODUCTS}: narrow it (a time window, one lot)`,
      { field: "ref", value: o.ref, count: products.length },
    );
  }
  products.sort((a, b) => (a.din === b.din ? a.id.localeCompare(b.id) : a.din.localeCompare(b.din)));
  const ids = products.map((p) => p.id);
  const [placements, shipments, reservations, holds, infusions] = await Promise.all([
    inChunks(ids, (part) =>
      db
        .selectFrom("storagePlacement")
        .select(["productId", "freezer", "rack", "box", "position"])
        .where("productId", "in", part)
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom("shipment")
        .select(["productId", "destination", "shippedAt", "receivedAt"])
        .where("productId", "in", part)
        .orderBy("shippedAt")
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom("reservation")
        .select(["productId", "patientId", "reservedBy"])
        .where("productId", "in", part)
        .where("state", "=", "active")
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom("productHold")
        .select("productId")
        .where("productId", "in", part)
        .where("state", "=", "open")
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom("custodyEvent")
        .select(["productId", "by", "location"])
        .where("productId", "in", part)
        .where("event", "=", "infused")
        .execute(),
    ),
  ]);
  const placed = new Map(
    placements.map((p) => [p.productId, `${p.freezer}/${p.rack}/${p.box}/${p.position}`]),
  );
  const shippedOf = new Map<
    string,
    { destination: string; shippedAt: string; receivedAt: string | null }[]
  >();
  for (const s of shipments) {
    const list = shippedOf.get(s.productId) ?? [];
    list.push({ destination: s.destination, shippedAt: s.shippedAt, receivedAt: s.receivedAt });
    shippedOf.set(s.productId, list);
  }
  const reservedOf = new Map(reservations.map((r) => [r.productId, r]));
  const held = new Set(holds.map((h) => h.productId));
  const infusedBy = new Map(
    infusions.flatMap((e) => (e.productId === null ? [] : [[e.productId, e.by] as const])),
  );
  const out: AffectedProduct[] = products.map((p) => {
    const reservation = reservedOf.get(p.id);
    return {
      productId: p.id,
      din: p.din,
      code: `${p.productCode}${p.collectionType}${p.division}`,
      status: p.status,
      donorId: p.donorId,
      motherId: p.motherId,
      collectedAt: p.collectedAt,
      why: o.dins.get(p.din) ?? "",
      storage: placed.get(p.id) ?? null,
      shipments: shippedOf.get(p.id) ?? [],
      reservedFor: reservation?.patientId ?? null,
      reservedBy: reservation?.reservedBy ?? infusedBy.get(p.id) ?? null,
      infusedInto: p.status === "infused" ? p.recipientId : null,
      onHold: held.has(p.id),
    };
  });
  return {
    origin: o.origin,
    ref: o.ref,
    from: o.from,
    to: o.to,
    collections: o.dins.size,
    products: out,
    parties: partiesOf(out),
  };
}

const label = (p: AffectedProduct) => `DIN ${p.din} product ${p.code} (${p.productId})`;

/** What to tell a party about the products it holds, received or gave. */
export function notificationText(
  party: { kind: RecallParty["kind"]; name: string },
  products: readonly AffectedProduct[],
  reason: string,
): string {
  const lines = products.map((p) => {
    if (p.infusedInto !== null) {
      return `- ${label(p)} was infused into patient ${p.infusedInto}: watch the recipient for signs of infection or reaction and report any adverse event to the bank at once.`;
    }
    const sent = p.shipments.at(-1);
    if (party.kind === "centre" && sent) {
      return `- ${label(p)}, shipped to you on ${sent.shippedAt}: quarantine it at once, do not thaw or infuse it, and arrange its return with the bank.`;
    }
    if (p.reservedFor !== null) {
      return `- ${label(p)}, reserved for patient ${p.reservedFor}: it is on hold and may not be ordered or given; choose another graft with the search team.`;
    }
    return `- ${label(p)}: do not use it.`;
  });
  const to = party.kind === "centre" ? `To ${party.name}` : `To ${party.name} (treating team)`;
  return [
    `${to}: the cord blood bank is recalling the products below.`,
    `Reason: ${reason}`,
    ...lines,
    "Reply to the bank's quality manager to confirm you received this notice and what you did.",
  ].join("\n");
}

/** Every receiving centre and every physician or coordinator who reserved or gave an affected product. */
export function partiesOf(products: readonly AffectedProduct[], reason = "see the recall"): RecallParty[] {
  const groups = new Map<string, { kind: RecallParty["kind"]; name: string; products: AffectedProduct[] }>();
  const add = (kind: RecallParty["kind"], name: string, p: AffectedProduct) => {
    const key = `${kind}\u0000${name}`;
    const g = groups.get(key) ?? { kind, name, products: [] };
    if (!g.products.includes(p)) g.products.push(p);
    groups.set(key, g);
  };
  for (const p of products) {
    if (p.status === "discarded") continue;
    for (const s of p.shipments)
      if (LIVE_SHIPPED.has(p.status) || p.status === "infused") add("centre", s.destination, p);
    if (p.reservedBy !== null && (p.reservedFor !== null || p.infusedInto !== null))
      add("physician", p.reservedBy, p);
  }
  return [...groups.values()]
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind.localeCompare(b.kind)))
    .map((g) => ({
      kind: g.kind,
      name: g.name,
      productIds: g.products.map((p) => p.productId),
      message: notificationText(g, g.products, reason),
    }));
}
