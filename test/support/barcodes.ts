/**
 * Reads barcodes back from a rendered label, the way a scanner would see them: the label is rasterized
 * (SVG by resvg, PDF by MuPDF, both without system packages), each symbol's box is cropped with its quiet
 * zone, and ZXing decodes it.
 */
import { Resvg } from "@resvg/resvg-js";
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from "@zxing/library";
import * as mupdf from "mupdf";
import { PNG } from "pngjs";
import type { Barcode } from "../../src/isbt128/label.js";

export interface Raster {
  width: number;
  height: number;
  /** RGBA. */
  data: Uint8Array;
  pxPerMm: number;
}

export function rasterizeSvg(svg: string, pxPerMm = 12): Raster {
  const png = new Resvg(svg, { fitTo: { mode: "zoom", value: pxPerMm / (96 / 25.4) } }).render().asPng();
  const img = PNG.sync.read(png);
  return { width: img.width, height: img.height, data: img.data, pxPerMm: img.width / 100 };
}

export function rasterizePdf(pdf: Buffer, dpi = 300): Raster {
  const doc = mupdf.Document.openDocument(pdf, "application/pdf");
  const pix = doc
    .loadPage(0)
    .toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
  const [width, height] = [pix.getWidth(), pix.getHeight()];
  const rgb = pix.getPixels();
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    data[j] = rgb[i] as number;
    data[j + 1] = rgb[i + 1] as number;
    data[j + 2] = rgb[i + 2] as number;
    data[j + 3] = 255;
  }
  return { width, height, data, pxPerMm: width / 100 };
}

/** Decodes the one symbol inside a barcode's box (with a margin of white around it). */
export function decode(r: Raster, b: Barcode): string {
  const margin = 1.5;
  const x0 = Math.max(0, Math.floor((b.x - margin) * r.pxPerMm));
  const y0 = Math.max(0, Math.floor((b.y - margin) * r.pxPerMm));
  const x1 = Math.min(r.width, Math.ceil((b.x + b.w + margin) * r.pxPerMm));
  const y1 = Math.min(r.height, Math.ceil((b.y + b.h + margin) * r.pxPerMm));
  const w = x1 - x0;
  const h = y1 - y0;
  const lum = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * r.width + (x0 + x)) * 4;
      const a = (r.data[i + 3] as number) / 255;
      // Transparent pixels are white paper.
      const grey = ((r.data[i] as number) + (r.data[i + 1] as number) + (r.data[i + 2] as number)) / 3;
      lum[y * w + x] = Math.round(grey * a + 255 * (1 - a));
    }
  }
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [
      DecodeHintType.POSSIBLE_FORMATS,
      [b.symbology === "code128" ? BarcodeFormat.CODE_128 : BarcodeFormat.DATA_MATRIX],
    ],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  reader.setHints(hints);
  const source = new RGBLuminanceSource(lum, w, h);
  return reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}
