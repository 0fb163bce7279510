/**
 * Collections and products. A collection gets its DIN when it is collected; each product made from it is
 * the DIN plus a product code (αoooo), collection type and division (ISBT 128 data structure 003), unique
 * together. A DIN identifies one collection for ever: registering it twice is refused.
 */
import { sql } from "kysely";
import type { Act } from "../accounts/act.js";
import { appendAudit } from "../audit/trail.js";
import { instant } from "../contract/time.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import { parseDataStructure } from "../isbt128/data-structures.js";
import { type Din, formatDin, parseDin } from "../isbt128/din.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { allow } from "./act.js";
import {
  ABO_RHD,
  type AboRhD,
  type ProductStatus,
  type Source,
  type StorageTemperature,
} from "./constants.js";
import { recordCustody } from "./custody.js";
import { allocateDinsIn } from "./din-allocation.js";
import {
  type Given,
  type NewCollection,
  NewCollectionSchema,
  type Product,
  type ProductFilter,
  ProductFilterSchema,
  type ProductRef,
  ProductRefSchema,
} from "./schemas.js";
import { isProductStatus } from "./status.js";

export { SOURCES, STORAGE_TEMPERATURES } from "./constants.js";
export type { Source, StorageTemperature } from "./constants.js";
export type { NewCollection, Product, ProductFilter, ProductRef } from "./schemas.js";

export interface ProductCode {
  /** αoooo, e.g. "S1234". */
  productCode: string;
  /** The collection type character, e.g. "1" for autologous use only. */
  collectionType: string;
  /** Division, "00" when not divided. */
  division: string;
  /** All eight characters, e.g. "S12341 00" without the space. */
  code: string;
}

/** Reads a product code as keyed ("S1234V00") or scanned ("=<S1234V00"), naming the field on error. */
export function parseProductCode(text: string, field = "productCode"): ProductCode {
  const t = text.trim();
  const body = t.startsWith("=<") ? t.slice(2) : t;
  try {
    const ds = parseDataStructure(`=<${body}`);
    if (ds.structure !== "003") throw new Error("unreachable");
    return {
      productCode: ds.productCode,
      collectionType: ds.collectionType,
      division: ds.division,
      code: `${ds.productCode}${ds.collectionType}${ds.division}`,
    };
  } catch (e) {
    const why = e instanceof CradleError ? e.message.replace(/^ISBT 128 003 "[^"]*": /, "") : String(e);
    throw new CradleError(
      "INVALID_INPUT",
      `${field} "${text}": ${why} (a product code is αoooo, collection type and division, e.g. S1234V00)`,
      { field, value: text },
    );
  }
}

export function productIdOf(din: string, code: string): string {
  return `${din}:${code}`;
}

/** True for collection types whose products go to the donor only ("for autologous use only"). */
export function isAutologous(collectionType: string): boolean {
  return collectionType === "1" || collectionType === "A";
}

function required(field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") {
    throw new CradleError("INVALID_INPUT", `${field} is required`, { field });
  }
  return value.trim();
}

export function checkAboRhD(value: string | undefined, field = "aboRhD"): AboRhD | null {
  if (value === undefined || value === "") return null;
  if (!(ABO_RHD as readonly string[]).includes(value)) {
    throw new CradleError("INVALID_INPUT", `${field} "${value}" is not one of ${ABO_RHD.join(", ")}`, {
      field,
      value,
    });
  }
  return value as AboRhD;
}

/** Checks a product code against the imported description table, when one was imported. */
async function checkKnownCode(tx: Tx, code: ProductCode): Promise<void> {
  const any = await tx.selectFrom("productDescription").select("code").limit(1).executeTakeFirst();
  if (!any) return;
  const known = await tx
    .selectFrom("productDescription")
    .select("code")
    .where("code", "=", code.productCode)
    .executeTakeFirst();
  if (!known) {
    throw new CradleError(
      "PRODUCT_CODE_UNKNOWN",
      `productCode "${code.productCode}" is not in the imported product description table`,
      { field: "productCode", value: code.productCode },
    );
  }
}

/** Validates every field before anything is written; returns the row values. */
function validateCollection(input: Given<NewCollection>) {
  const c = check(NewCollectionSchema, input);
  if (c.din === undefined && c.fin === undefined) {
    throw new CradleError("INVALID_INPUT", "din: give the DIN on the bag, or fin to allocate one", {
      field: "din",
    });
  }
  const code = parseProductCode(c.productCode);
  if (code.division !== "00") {
    throw new CradleError(
      "INVALID_INPUT",
      `productCode "${c.productCode}": a new collection's product is not divided (division 00)`,
      {
        field: "productCode",
        value: c.productCode,
      },
    );
  }
  const donorId = required("donorId", c.donorId);
  const recipientId = c.recipientId?.trim() || (isAutologous(code.collectionType) ? donorId : null);
  if (isAutologous(code.collectionType) && recipientId !== donorId) {
    throw new CradleError(
      "INVALID_INPUT",
      `recipientId "${recipientId}": a product for autologous use goes to its donor "${donorId}" only`,
      { field: "recipientId", value: recipientId },
    );
  }
  return {
    din: c.din === undefined ? undefined : parseDin(c.din),
    code,
    source: c.source,
    donorId,
    motherId: c.motherId?.trim() || null,
    consentRef: required("consentRef", c.consentRef),
    collectedAt: instant("collectedAt", c.collectedAt),
    site: required("site", c.site),
    aboRhd: c.aboRhD ?? null,
    expiresAt: c.expiresAt ? instant("expiresAt", c.expiresAt) : null,
    storageTemperature: c.storageTemperature,
    recipientId,
  };
}

/** Registers a collection and its first product (status in_processing). */
export async function registerCollection(store: Store, c: Given<NewCollection>, act: Act): Promise<Product> {
  allow(act, "register");
  const v = validateCollection(c);
  const at = act.at.toISOString();
  const id = await write(store, async (tx) => {
    const din: Din =
      v.din ??
      ((
        await allocateDinsIn(tx, { fin: c.fin as string, count: 1, at: act.at, by: act.user.username })
      )[0] as Din);
    const taken = await tx
      .selectFrom("collection")
      .select("din")
      .where("din", "=", din.id)
      .executeTakeFirst();
    if (taken) {
      throw new CradleError(
        "DIN_IN_USE",
        `DIN ${formatDin(din)} already identifies a collection: a DIN is never reused`,
        {
          field: "din",
          value: din.id,
        },
      );
    }
    await checkKnownCode(tx, v.code);
    const collection = {
      din: din.id,
      source: v.source,
      donorId: v.donorId,
      motherId: v.motherId,
      consentRef: v.consentRef,
      collectedAt: v.collectedAt,
      site: v.site,
      volumeMl: c.volumeMl,
      registeredBy: act.user.username,
      registeredAt: at,
    };
    await tx.insertInto("collection").values(collection).execute();
    const product = {
      id: productIdOf(din.id, v.code.code),
      din: din.id,
      productCode: v.code.productCode,
      collectionType: v.code.collectionType,
      division: v.code.division,
      parentId: null,
      status: "in_processing",
      aboRhd: v.aboRhd,
      volumeMl: c.volumeMl,
      expiresAt: v.expiresAt,
      storageTemperature: v.storageTemperature,
      recipientId: v.recipientId,
      createdAt: at,
      updatedAt: at,
    };
    await tx.insertInto("product").values(product).execute();
    await tx
      .insertInto("statusChange")
      .values({
        id: crypto.randomUUID(),
        productId: product.id,
        fromStatus: null,
        toStatus: "in_processing",
        at,
        by: act.user.username,
        reason: "registered",
      })
      .execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: "collection.register",
      entityType: "collection",
      entityId: din.id,
      after: collection,
      at: act.at,
    });
    await appendAudit(tx, {
      actor: act.user.username,
      action: "product.register",
      entityType: "product",
      entityId: product.id,
      after: product,
      at: act.at,
    });
    await recordCustody(tx, {
      din: din.id,
      productId: null,
      event: "collected",
      at: v.collectedAt,
      by: act.user.username,
      location: v.site,
      details: { source: v.source, donorId: v.donorId, volumeMl: c.volumeMl },
    });
    await recordCustody(tx, {
      din: din.id,
      productId: product.id,
      event: "registered",
      at,
      by: act.user.username,
      location: v.site,
    });
    return product.id;
  });
  return getProductById(store, id);
}

const PRODUCT_COLUMNS = [
  "product.id",
  "product.din",
  "product.productCode",
  "product.collectionType",
  "product.division",
  "product.parentId",
  "product.status",
  "product.aboRhd",
  "product.volumeMl",
  "product.expiresAt",
  "product.storageTemperature",
  "product.recipientId",
  "product.createdAt",
  "product.updatedAt",
  "collection.source",
  "collection.donorId",
  "collection.collectedAt",
  "collection.site",
] as const;

type ProductRow = Pick<
  Database["product"],
  | "id"
  | "din"
  | "productCode"
  | "collectionType"
  | "division"
  | "parentId"
  | "status"
  | "aboRhd"
  | "volumeMl"
  | "expiresAt"
  | "storageTemperature"
  | "recipientId"
  | "createdAt"
  | "updatedAt"
> &
  Pick<Database["collection"], "source" | "donorId" | "collectedAt" | "site">;

function toProduct(r: ProductRow): Product {
  if (!isProductStatus(r.status)) throw new Error(`product ${r.id} has unknown status ${r.status}`);
  return {
    id: r.id,
    din: r.din,
    dinWithCheck: formatDin(parseDin(r.din)),
    productCode: r.productCode,
    collectionType: r.collectionType,
    division: r.division,
    code: `${r.productCode}${r.collectionType}${r.division}`,
    parentId: r.parentId,
    status: r.status,
    aboRhD: r.aboRhd,
    volumeMl: Number(r.volumeMl),
    expiresAt: r.expiresAt,
    storageTemperature: r.storageTemperature as StorageTemperature,
    recipientId: r.recipientId,
    source: r.source as Source,
    donorId: r.donorId,
    collectedAt: r.collectedAt,
    site: r.site,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function productQuery(db: Store["db"] | Tx) {
  return db
    .selectFrom("product")
    .innerJoin("collection", "collection.din", "product.din")
    .select(PRODUCT_COLUMNS);
}

export async function getProductById(store: { db: Store["db"] | Tx }, id: string): Promise<Product> {
  const row = await productQuery(store.db).where("product.id", "=", id).executeTakeFirst();
  if (!row) throw new CradleError("PRODUCT_NOT_FOUND", `no product ${id}`, { field: "product", value: id });
  return toProduct(row);
}

/** Finds one product by DIN (and code), inside a transaction when given one. */
export async function findProduct(db: Store["db"] | Tx, input: ProductRef): Promise<Product> {
  const ref = check(ProductRefSchema, input);
  const din = parseDin(ref.din);
  let q = productQuery(db).where("product.din", "=", din.id);
  if (ref.product !== undefined) {
    const code = parseProductCode(ref.product, "product");
    q = q
      .where("product.productCode", "=", code.productCode)
      .where("product.collectionType", "=", code.collectionType)
      .where("product.division", "=", code.division);
  }
  const rows = await q.orderBy("product.division").execute();
  if (rows.length === 0) {
    throw new CradleError(
      "PRODUCT_NOT_FOUND",
      `no product with DIN ${formatDin(din)}${ref.product ? ` and product code ${ref.product}` : ""}`,
      {
        field: "din",
        value: ref.din,
      },
    );
  }
  // A divided parent is history; its divisions are the products.
  const live = rows.length > 1 ? rows.filter((r) => r.status !== "divided") : rows;
  if (live.length > 1) {
    throw new CradleError(
      "PRODUCT_AMBIGUOUS",
      `DIN ${formatDin(din)} has ${live.length} products (${live.map((r) => `${r.productCode}${r.collectionType}${r.division}`).join(", ")}): name the product code`,
      { field: "product", din: din.id },
    );
  }
  return toProduct(live[0] as ProductRow);
}

/** A filter checked and normalized: what listProducts and the inventory view both page by. */
export interface CheckedFilter {
  limit: number;
  offset: number;
  status?: ProductStatus;
  source?: Source;
  /** Upper-case DIN prefix, at most 13 characters. */
  dinPrefix?: string;
}

/** Checks a filter, naming the field and value of anything wrong. */
export function checkFilter(filter: Given<ProductFilter>): CheckedFilter {
  const f = check(ProductFilterSchema, filter);
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  const c: CheckedFilter = { limit, offset };
  if (f.status !== undefined) c.status = f.status;
  if (f.source !== undefined) c.source = f.source;
  if (f.din !== undefined && f.din !== "") c.dinPrefix = f.din.replace(/\s+/g, "").toUpperCase().slice(0, 13);
  return c;
}

/** A page of products, newest first, and how many match in all. */
export async function listProducts(
  store: Store,
  filter: Given<ProductFilter> = {},
): Promise<{ items: Product[]; total: number }> {
  const f = checkFilter(filter);
  let q = productQuery(store.db);
  // The count reads the product table alone (its indexes answer it); a source filter is a sub-select.
  let c = store.db.selectFrom("product");
  if (f.status !== undefined) {
    q = q.where("product.status", "=", f.status);
    c = c.where("product.status", "=", f.status);
  }
  if (f.source !== undefined) {
    q = q.where("collection.source", "=", f.source);
    c = c.where(
      "product.din",
      "in",
      store.db.selectFrom("collection").select("din").where("source", "=", f.source),
    );
  }
  if (f.dinPrefix !== undefined) {
    q = q.where("product.din", "like", `${f.dinPrefix}%`);
    c = c.where("product.din", "like", `${f.dinPrefix}%`);
  }
  const [rows, count] = await Promise.all([
    q
      .orderBy("product.createdAt", "desc")
      .orderBy("product.id", "desc")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    c.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toProduct), total: Number(count.n) };
}

/** Every product, or those with these ids, unordered: what the inventory view loads. */
export async function productsById(store: Store, ids?: readonly string[]): Promise<Product[]> {
  if (ids === undefined) return (await productQuery(store.db).execute()).map(toProduct);
  const out: Product[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(...(await productQuery(store.db).where("product.id", "in", chunk).execute()).map(toProduct));
  }
  return out;
}

/** Counts by status and source, for the dashboard. */
export async function inventorySummary(
  store: Store,
): Promise<{ status: string; source: string; count: number }[]> {
  const rows = await store.db
    .selectFrom("product")
    .innerJoin("collection", "collection.din", "product.din")
    .select(["product.status", "collection.source", sql<number>`count(*)`.as("n")])
    .groupBy(["product.status", "collection.source"])
    .execute();
  return rows.map((r) => ({ status: r.status, source: r.source, count: Number(r.n) }));
}
