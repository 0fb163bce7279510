/**
 * How wide a label's text is, in the faces that draw it: the PDF's standard Courier (pdfkit's AFM
 * metrics, `widthOfString`) and the SVG's DejaVu Sans Mono (every glyph 1233 of 2048 units of its em, from
 * its font file's hmtx; label-metrics.test.ts reads it). A text is as wide as the wider of the two, so it
 * fits its box in both.
 */
import PDFDocument from "pdfkit";
import type { Measure } from "./label.js";

/** DejaVu Sans Mono's advance width per em (hmtx 1233, unitsPerEm 2048), for regular and bold alike. */
export const DEJAVU_MONO_ADVANCE = 1233 / 2048;

let doc: PDFKit.PDFDocument | undefined;

/** Courier's width from pdfkit, which the PDF is drawn with. */
export function courierWidth(text: string, sizeMm: number, bold: boolean): number {
  doc ??= new PDFDocument({ autoFirstPage: false });
  return doc
    .font(bold ? "Courier-Bold" : "Courier")
    .fontSize(sizeMm)
    .widthOfString(text);
}

export const labelMeasure: Measure = (text, sizeMm, bold) =>
  Math.max(courierWidth(text, sizeMm, bold), [...text].length * DEJAVU_MONO_ADVANCE * sizeMm);
