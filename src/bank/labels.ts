import { parseDin } from "../isbt128/din.js";
import { labelPdf } from "../isbt128/label-pdf.js";
import { labelSvg } from "../isbt128/label-svg.js";
/** A product's label: its data from the bank, laid out and drawn by isbt128. */
import { type LabelData, type LabelLayout, layoutLabel } from "../isbt128/label.js";
import type { Store } from "../store/connect.js";
import { describeProductCode } from "./product-descriptions.js";
import { type ProductRef, STORAGE_TEMPERATURES, findProduct, isAutologous } from "./products.js";
import { effectiveQc } from "./qc.js";

function count(v: number): string {
  const e = Math.floor(Math.log10(v));
  return `${(v / 10 ** e).toFixed(2)} x 10^${e}`;
}

export async function labelData(store: Store, ref: ProductRef): Promise<LabelData> {
  const product = await findProduct(store.db, ref);
  const description = await describeProductCode(store.db, product.productCode);
  const qc = await effectiveQc(store.db, product);
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
  return {
    productName:
      description?.description ?? `Product ${product.productCode} (description table not imported)`,
    din: parseDin(product.din),
    productCode: product.code,
    aboRhD: product.aboRhD,
    expiresAt: product.expiresAt,
    volumeMl: product.volumeMl,
    cellCounts,
    autologous: isAutologous(product.collectionType),
    storageText: STORAGE_TEMPERATURES[product.storageTemperature].label,
    facility: product.site,
  };
}

export async function productLabel(
  store: Store,
  ref: ProductRef,
): Promise<{ layout: LabelLayout; svg: string; pdf: () => Promise<Buffer> }> {
  const data = await labelData(store, ref);
  const layout = layoutLabel(data);
  return {
    layout,
    svg: labelSvg(layout),
    pdf: () => labelPdf(layout, `Label ${data.din.id} ${data.productCode}`),
  };
}
