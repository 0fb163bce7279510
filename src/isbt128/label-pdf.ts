/** Draws a label layout as a one-page PDF of the label's size (pdfkit), vector bars and text. */
import PDFDocument from "pdfkit";
import type { LabelLayout } from "./label.js";

const PT_PER_MM = 72 / 25.4;

export function labelPdf(layout: LabelLayout, title: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [layout.widthMm * PT_PER_MM, layout.heightMm * PT_PER_MM],
    margin: 0,
    info: { Title: title, Creator: "Cradle" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.scale(PT_PER_MM);
  for (const op of layout.ops) {
    if (op.kind === "rect") doc.rect(op.x, op.y, op.w, op.h).fill("#000");
  }
  for (const op of layout.ops) {
    if (op.kind === "frame") doc.lineWidth(op.stroke).rect(op.x, op.y, op.w, op.h).stroke("#000");
    else if (op.kind === "text") {
      // Courier: the standard PDF face that needs no embedding; its 0 and O, 1 and I differ in width and form.
      doc.font(op.bold ? "Courier-Bold" : "Courier").fontSize(op.size);
      const w = doc.widthOfString(op.text);
      const x = op.anchor === "middle" ? op.x - w / 2 : op.anchor === "end" ? op.x - w : op.x;
      // The layout gives the baseline.
      doc.fillColor("#000").text(op.text, x, op.y, { lineBreak: false, baseline: "alphabetic" });
    }
  }
  doc.end();
  return done;
}
