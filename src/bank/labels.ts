/**
 * A product's label: its data from the bank, laid out and drawn by isbt128, and every print recorded.
 *
 * - Final or quarantine: a product gets a final label only while it is released (available, reserved,
 *   shipped, received, infused) and on no open hold; otherwise it gets the quarantine label, marked
 *   "QUARANTINE — NOT FOR RELEASE", and no request can turn that into a final one.
 * - A division's label shows the division's own volume and the counts measured on the division itself;
 *   the bank records QC per product, never a parent's count split by volume, so a division without its own
 *   count says so rather than print the parent's whole count or a share guessed from it.
 * - Autologous and directed products carry their recipient's identification as the bank recorded it
 *   (recipientId); the face may pass the name it finds for that id (therapy's patient), else "not recorded".
 * - Every print is a row (label_print) and an audit event in one transaction: the first final print is
 *   `label.print`, any print after it `label.reprint`, which needs a reason. Previews (GET) are stamped
 *   "PREVIEW — NOT A LABEL" and record nothing.
 */
import { appendAudit } from "../audit/trail.js";
import { config } from "../config/index.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import { parseDin } from "../isbt128/din.js";
import { labelMeasure } from "../isbt128/label-metrics.js";
import { labelPdf } from "../isbt128/label-pdf.js";
import { labelSvg } from "../isbt128/label-svg.js";
import { type LabelData, type LabelLayout, layoutLabel } from "../isbt128/label.js";
import type { Store } from "../store/connect.js";
import type { Database } from "../store/schema.js";
import { type Tx, write } from "../store/write.js";
import { type Act, allow } from "./act.js";
import { openHoldsOf } from "./hold-checks.js";
import {
  type LabelKind,
  type LabelPrint,
  type LabelPrintInput,
  LabelPrintInputSchema,
} from "./label-schemas.js";
import { describeProductCode } from "./product-descriptions.js";
import {
  type Product,
  type ProductRef,
  STORAGE_TEMPERATURES,
  findProduct,
  isAutologous,
} from "./products.js";
import { qcOf } from "./qc.js";

export type { LabelKind, LabelPrint, LabelPrintInput } from "./label-schemas.js";

type Db = Store["db"] | Tx;

/** What the face may add: the recipient's name for the recorded recipient id, when it knows one. */
export interface LabelOptions {
  recipientName?: (recipientId: string, db: Db) => Promise<string | null>;
}

const RELEASED = new Set(["available", "reserved", "shipped", "received", "infused"]);

function count(v: number): string {
  const e = Math.floor(Math.log10(v));
  return `${(v / 10 ** e).toFixed(2)} x 10^${e}`;
}

/** Final only for a released product on no open hold. */
async function kindOf(db: Db, product: Product): Promise<LabelKind> {
  if (!RELEASED.has(product.status)) return "quarantine";
  return (await openHoldsOf(db, product.id)).length > 0 ? "quarantine" : "final";
}

async function dataOf(
  db: Db,
  product: Product,
  kind: LabelKind,
  opts: LabelOptions,
): Promise<Omit<LabelData, "preview" | "copy">> {
  const description = await describeProductCode(db, product.productCode);
  // Counts measured on this product itself (a division's own, never its parent's whole count).
  const qc = await qcOf(db, product.id);
  const latest = (test: string) =>
    qc
      .filter((r) => r.test === test && r.value !== null && r.stage !== "maternal")
      .sort((a, b) => a.testedAt.localeCompare(b.testedAt))
      .at(-1);
  const cellCounts: [string, string][] = [];
  const tnc = latest("tnc");
  const cd34 = latest("cd34");
  if (tnc?.value) cellCounts.push(["TNC", count(tnc.value)]);
  if (cd34?.value) cellCounts.push(["CD34+", count(cd34.value)]);
  const division = product.parentId !== null;
  const recipient =
    product.recipientId === null
      ? null
      : { id: product.recipientId, name: (await opts.recipientName?.(product.recipientId, db)) ?? null };
  const din = parseDin(product.din);
  return {
    productName:
      description?.description ?? `Product ${product.productCode} (description table not imported)`,
    din,
    productCode: product.code,
    aboRhD: product.aboRhD,
    expiresAt: product.expiresAt,
    collectedAt: product.collectedAt,
    volumeMl: product.volumeMl,
    cellCounts,
    ...(cellCounts.length === 0
      ? { cellCountsNote: `Cell counts: not measured on this ${division ? "division" : "product"}` }
      : {}),
    autologous: isAutologous(product.collectionType),
    recipient,
    storageText: STORAGE_TEMPERATURES[product.storageTemperature].label,
    facility: { name: config().facilityName ?? null, fin: din.fin },
    collectionSite: product.site,
    kind,
  };
}

/** The label's data as a preview would show it (for tests and faces that lay out themselves). */
export async function labelData(store: Store, ref: ProductRef, opts: LabelOptions = {}): Promise<LabelData> {
  const product = await findProduct(store.db, ref);
  return { ...(await dataOf(store.db, product, await kindOf(store.db, product), opts)), preview: true };
}

export function drawLabel(data: LabelData): { layout: LabelLayout; svg: string; pdf: () => Promise<Buffer> } {
  const layout = layoutLabel(data, labelMeasure);
  return {
    layout,
    svg: labelSvg(layout),
    pdf: () => labelPdf(layout, `Label ${data.din.id} ${data.productCode}`),
  };
}

/** A preview for the screen: the label as it would print now, stamped "PREVIEW — NOT A LABEL". */
export async function productLabel(store: Store, ref: ProductRef, opts: LabelOptions = {}) {
  return drawLabel(await labelData(store, ref, opts));
}

function toPrint(r: Database["labelPrint"]): LabelPrint {
  return {
    id: r.id,
    productId: r.productId,
    kind: r.kind as LabelKind,
    copy: Number(r.copy),
    format: r.format as LabelPrint["format"],
    printedAt: r.printedAt,
    printedBy: r.printedBy,
    reason: r.reason,
  };
}

async function printsOf(db: Db, productId: string): Promise<LabelPrint[]> {
  const rows = await db
    .selectFrom("labelPrint")
    .selectAll()
    .where("productId", "=", productId)
    .orderBy("copy")
    .execute();
  return rows.map(toPrint);
}

/** Every label printed for a product, first copy first. */
export async function labelPrints(store: Store, ref: ProductRef): Promise<LabelPrint[]> {
  const product = await findProduct(store.db, ref);
  return printsOf(store.db, product.id);
}

export interface PrintedLabel {
  print: LabelPrint;
  contentType: "application/pdf" | "image/svg+xml";
  body: Buffer | string;
}

/**
 * Prints a product's label: final if released, else quarantine; the row, its audit event and the drawn
 * label in one transaction, so a label that cannot be drawn (a text that fits nowhere) records nothing.
 */
export async function printLabel(
  store: Store,
  ref: ProductRef,
  input: unknown,
  act: Act,
  opts: LabelOptions = {},
): Promise<PrintedLabel> {
  allow(act, "label");
  const q: LabelPrintInput = check(LabelPrintInputSchema, input ?? {});
  const format = q.format ?? "pdf";
  const reason = q.reason?.trim();
  return write(store, async (tx) => {
    const product = await findProduct(tx, ref);
    const earlier = await printsOf(tx, product.id);
    const reprint = earlier.some((p) => p.kind === "final");
    if (reprint && !reason) {
      throw new CradleError(
        "INVALID_INPUT",
        `reason: a reprint of ${product.id}'s label (copy ${earlier.length + 1}; a final label was printed before) needs a reason`,
        { field: "reason", value: q.reason ?? "", reason: "is required for a reprint" },
      );
    }
    const kind = await kindOf(tx, product);
    const copy = earlier.length + 1;
    const drawn = drawLabel({ ...(await dataOf(tx, product, kind, opts)), copy });
    const body = format === "pdf" ? await drawn.pdf() : drawn.svg;
    const row = {
      id: crypto.randomUUID(),
      productId: product.id,
      kind,
      copy,
      format,
      printedAt: act.at.toISOString(),
      printedBy: act.user.username,
      reason: reason || null,
    };
    await tx.insertInto("labelPrint").values(row).execute();
    await appendAudit(tx, {
      actor: act.user.username,
      action: reprint ? "label.reprint" : "label.print",
      entityType: "product",
      entityId: product.id,
      after: { printId: row.id, kind, copy, format },
      ...(row.reason ? { reason: row.reason } : {}),
      at: act.at,
    });
    return {
      print: toPrint(row),
      contentType: format === "pdf" ? ("application/pdf" as const) : ("image/svg+xml" as const),
      body,
    };
  });
}
