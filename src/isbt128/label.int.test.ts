/**
 * Label round trip: render the label to SVG and to PDF, rasterize each as a printer or screen would, and
 * decode every barcode back with ZXing: the same DIN (with its Type 3 flags), ABO/RhD, product code and
 * expiry, and a Data Matrix compound message that holds them all.
 */
import { describe, expect, it } from "vitest";
import { decode, rasterizePdf, rasterizeSvg } from "../../test/support/barcodes.js";
import { parseDataStructure, splitDataStructures } from "./data-structures.js";
import { parseDin } from "./din.js";
import { labelMeasure } from "./label-metrics.js";
import { labelPdf } from "./label-pdf.js";
import { labelSvg } from "./label-svg.js";
import { type LabelData, layoutLabel } from "./label.js";

const AUTOLOGOUS: LabelData = {
  productName: "HPC, Cord Blood, fresh, volume reduced",
  // ST-001's worked example: check character A, Type 3 flags 70.
  din: parseDin("G123417654321"),
  productCode: "S1234100",
  aboRhD: "A-",
  expiresAt: "2026-12-01T23:59",
  volumeMl: 25,
  cellCounts: [["TNC", "4.70 x 10^8"]],
  autologous: true,
  recipient: { id: "INF-1", name: null },
  storageText: "Store at 15 °C to 25 °C",
  facility: { name: "Cradle Cord Blood Bank", fin: "G1234" },
  collectedAt: "2026-03-01T10:15:00.000Z",
  collectionSite: "St Mary's",
  kind: "final",
};

const ALLOGENEIC: LabelData = {
  ...AUTOLOGOUS,
  din: parseDin("W000026000123"),
  productCode: "S5678VA0",
  aboRhD: null,
  expiresAt: null,
  autologous: false,
  recipient: null,
};

describe.each([
  ["autologous, with ABO and expiry", AUTOLOGOUS],
  ["allogeneic division, no ABO, no expiry", ALLOGENEIC],
])("label (%s)", (_name, data) => {
  const layout = layoutLabel(data, labelMeasure);

  function check(decoded: Map<string, string>) {
    const din = parseDataStructure(decoded.get("din") as string);
    expect(din.structure === "001" && din.din.id).toBe(data.din.id);
    expect(din.structure === "001" && din.din.flags).toBe(
      String(60 + (Number.parseInt(data.din.check, 36) % 37)),
    );
    const product = parseDataStructure(decoded.get("product") as string);
    expect(product).toMatchObject({
      structure: "003",
      productCode: data.productCode.slice(0, 5),
      collectionType: data.productCode[5],
      division: data.productCode.slice(6),
    });
    if (data.aboRhD)
      expect(parseDataStructure(decoded.get("abo") as string)).toMatchObject({
        structure: "002",
        aboRhD: data.aboRhD,
      });
    else expect(decoded.has("abo")).toBe(false);
    if (data.expiresAt)
      expect(parseDataStructure(decoded.get("expiry") as string)).toMatchObject({
        structure: "005",
        isoDateTime: data.expiresAt,
      });
    else expect(decoded.has("expiry")).toBe(false);
    const compound = splitDataStructures(decoded.get("compound") as string);
    expect(compound[0]).toMatchObject({ structure: "023", count: compound.length - 1 });
    expect(compound.slice(1).map((d) => d.structure)).toEqual([
      "001",
      ...(data.aboRhD ? ["002"] : []),
      "003",
      ...(data.expiresAt ? ["005"] : []),
    ]);
  }

  it("SVG: every barcode decodes to the label's data", () => {
    const raster = rasterizeSvg(labelSvg(layout));
    check(new Map(layout.barcodes.map((b) => [b.name, decode(raster, b)])));
  });

  it("PDF: every barcode decodes to the label's data", async () => {
    const raster = rasterizePdf(await labelPdf(layout, "test"));
    check(new Map(layout.barcodes.map((b) => [b.name, decode(raster, b)])));
  });

  it("says FOR AUTOLOGOUS USE ONLY exactly when the product is autologous", () => {
    const svg = labelSvg(layout);
    expect(svg.includes("FOR AUTOLOGOUS USE ONLY")).toBe(data.autologous);
    expect(svg).toContain(data.storageText);
  });

  it("keeps every barcode, quiet zone included, inside the label", () => {
    for (const b of layout.barcodes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(100);
      expect(b.y + b.h).toBeLessThanOrEqual(100);
    }
  });
});
