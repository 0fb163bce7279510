/** Draws a label layout as SVG, in millimetres, for the screen and for printers that take SVG. */
import type { LabelLayout } from "./label.js";

/** Monospaced faces no wider than DejaVu Sans Mono, which label-metrics.ts measures with. */
const FONT = "DejaVu Sans Mono, Menlo, Consolas, Courier New, monospace";

/** Escapes text for SVG/XML content and attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const n = (v: number) => Number(v.toFixed(3));

export function labelSvg(layout: LabelLayout): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.widthMm}mm" height="${layout.heightMm}mm" viewBox="0 0 ${layout.widthMm} ${layout.heightMm}">`,
    `<rect x="0" y="0" width="${layout.widthMm}" height="${layout.heightMm}" fill="#fff"/>`,
  ];
  const bars: string[] = [];
  for (const op of layout.ops) {
    if (op.kind === "rect") bars.push(`M${n(op.x)} ${n(op.y)}h${n(op.w)}v${n(op.h)}h${n(-op.w)}z`);
    else if (op.kind === "frame") {
      parts.push(
        `<rect x="${n(op.x)}" y="${n(op.y)}" width="${n(op.w)}" height="${n(op.h)}" fill="none" stroke="#000" stroke-width="${op.stroke}"/>`,
      );
    } else {
      const anchor = op.anchor ?? "start";
      parts.push(
        `<text x="${n(op.x)}" y="${n(op.y)}" font-family="${FONT}" font-size="${op.size}"${op.bold ? ' font-weight="bold"' : ""} text-anchor="${anchor}">${esc(op.text)}</text>`,
      );
    }
  }
  // All bars and modules as one path: smaller files, and no hairline gaps between adjacent modules.
  parts.splice(2, 0, `<path fill="#000" shape-rendering="crispEdges" d="${bars.join("")}"/>`);
  parts.push("</svg>");
  return parts.join("\n");
}
