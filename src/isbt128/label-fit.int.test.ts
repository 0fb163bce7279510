/**
 * Labels checked by rendering and measuring (issue 14): the PDF is read back by MuPDF, whose structured
 * text gives every drawn glyph's box from the font it embedded, and each SVG text is rendered alone by
 * resvg with the system's DejaVu Sans Mono, whose ink box is measured. Every text run must lie inside the
 * box the layout gave it, with long product, facility, site and recipient names and every field present.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as mupdf from "mupdf";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { CradleError } from "../errors.js";
import { parseDin } from "./din.js";
import { DEJAVU_MONO_ADVANCE, labelMeasure } from "./label-metrics.js";
import { labelPdf } from "./label-pdf.js";
import { labelSvg } from "./label-svg.js";
import { type Box, type LabelData, type Op, QUARANTINE_TEXT, layoutLabel } from "./label.js";

const MM_PER_PT = 25.4 / 72;
/** Rendering rounds (MuPDF's quads are in points, resvg's boxes from hinted outlines): a hair's margin. */
const EPS = 0.05;

const LONG: LabelData = {
  productName:
    "HPC, CORD BLOOD|Citrate phosphate dextrose/XX/<=-150C|Plasma reduced|Red cells reduced|Cryopreserved|10% DMSO|Dextran 40|Human serum albumin|For further manufacture: directed, not for general inventory",
  din: parseDin("G123426000123"),
  productCode: "S1234VA0",
  aboRhD: "AB-",
  expiresAt: "2046-12-31T23:59",
  collectedAt: "2026-03-01T10:15:00.000Z",
  volumeMl: 12.5,
  cellCounts: [
    ["TNC", "1.27 x 10^9"],
    ["CD34+", "4.10 x 10^6"],
  ],
  autologous: false,
  recipient: {
    id: "MRN-0000123456789012345",
    name: "Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh, Maximiliana Anastasia",
  },
  storageText: "Store at or below -150 °C (liquid nitrogen vapour)",
  facility: {
    name: "Regional Paediatric Cellular Therapy and Cord Blood Bank, University Hospital",
    fin: "G1234",
  },
  collectionSite: "Saint Bartholomew's Maternity Unit, Labour Ward 4B",
  kind: "quarantine",
  preview: true,
  copy: 3,
};
const AUTOLOGOUS_FINAL: LabelData = {
  ...LONG,
  autologous: true,
  recipient: { id: "INF-7", name: "Doe, Baby" },
  kind: "final",
  preview: false,
  copy: 1,
  aboRhD: null,
  expiresAt: null,
  cellCounts: [],
  cellCountsNote: "Cell counts: not measured on this division",
};

interface Run {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The PDF's text runs as MuPDF reads them, each with the union of its glyphs' quads, in mm. MuPDF joins
 * texts on one baseline into one line (the DIN and its check character); a gap between glyphs starts a run.
 */
function pdfRuns(pdf: Buffer): Run[] {
  const page = mupdf.Document.openDocument(pdf, "application/pdf").loadPage(0);
  const runs: Run[] = [];
  let cur: Run | undefined;
  let lastX1 = Number.NEGATIVE_INFINITY;
  let glyphW = Number.NaN;
  const fresh = (): Run => ({
    text: "",
    x0: Number.POSITIVE_INFINITY,
    y0: Number.POSITIVE_INFINITY,
    x1: -1,
    y1: -1,
  });
  const flush = () => {
    if (cur && cur.text.trim() !== "") runs.push(cur);
  };
  page.toStructuredText("preserve-whitespace").walk({
    beginLine() {
      cur = fresh();
      lastX1 = Number.NEGATIVE_INFINITY;
    },
    onChar(c: string, _origin: unknown, _font: unknown, _size: number, q: number[]) {
      if (!cur) return;
      const xs = [q[0], q[2], q[4], q[6]] as number[];
      const ys = [q[1], q[3], q[5], q[7]] as number[];
      const left = Math.min(...xs) * MM_PER_PT;
      const right = Math.max(...xs) * MM_PER_PT;
      // MuPDF fills a gap between texts on one baseline with a synthetic space; in a monospaced face a
      // space of another width than the glyphs' is such a gap.
      const gap = left - lastX1 > 0.3 || (c === " " && Math.abs(right - left - glyphW) > 0.05 * glyphW);
      if (cur.text !== "" && gap) {
        flush();
        cur = fresh();
        if (c === " ") return;
      }
      lastX1 = right;
      cur.text += c;
      if (c === " ") return;
      glyphW = right - left;
      cur.x0 = Math.min(cur.x0, ...xs.map((v) => v * MM_PER_PT));
      cur.x1 = Math.max(cur.x1, ...xs.map((v) => v * MM_PER_PT));
      cur.y0 = Math.min(cur.y0, ...ys.map((v) => v * MM_PER_PT));
      cur.y1 = Math.max(cur.y1, ...ys.map((v) => v * MM_PER_PT));
    },
    endLine() {
      flush();
      cur = undefined;
    },
  });
  return runs;
}

type TextOp = Extract<Op, { kind: "text" }>;

function inside(r: Omit<Run, "text">, b: Box): boolean {
  return r.x0 >= b.x - EPS && r.y0 >= b.y - EPS && r.x1 <= b.x + b.w + EPS && r.y1 <= b.y + b.h + EPS;
}

describe.each([
  ["long names, every field, quarantine preview reprint", LONG],
  ["autologous final, no ABO, no expiry, no counts", AUTOLOGOUS_FINAL],
])("label text fits its boxes (%s)", (_name, data) => {
  const layout = layoutLabel(data, labelMeasure);
  const texts = layout.ops.filter((o): o is TextOp => o.kind === "text");

  it("PDF: every line MuPDF reads lies inside the box of the text it shows", async () => {
    const runs = pdfRuns(await labelPdf(layout, "fit"));
    // Each rendered line is one text op: same count, and each sits in its op's box.
    expect(runs.map((r) => r.text.trim()).sort()).toEqual(texts.map((t) => t.text.trim()).sort());
    const unplaced = [...texts];
    for (const run of runs) {
      const i = unplaced.findIndex((t) => t.text.trim() === run.text.trim() && inside(run, t.box));
      expect(
        i,
        `"${run.text}" at ${run.x0.toFixed(2)}–${run.x1.toFixed(2)} × ${run.y0.toFixed(2)}–${run.y1.toFixed(2)} mm`,
      ).toBeGreaterThanOrEqual(0);
      unplaced.splice(i, 1);
    }
  });

  it.skipIf(!existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"))(
    "SVG: each text rendered alone by resvg has its ink inside its box",
    () => {
      const svg = labelSvg(layout);
      const elements = svg.split("\n").filter((l) => l.startsWith("<text"));
      expect(elements).toHaveLength(texts.length);
      elements.forEach((el, i) => {
        const op = texts[i] as TextOp;
        const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm" viewBox="0 0 100 100">${el}</svg>`;
        const b = new Resvg(alone, { font: { loadSystemFonts: true } }).getBBox();
        expect(b, op.text).toBeDefined();
        const run = {
          x0: b?.x ?? 0,
          y0: b?.y ?? 0,
          x1: (b?.x ?? 0) + (b?.width ?? 0),
          y1: (b?.y ?? 0) + (b?.height ?? 0),
        };
        expect(inside(run, op.box), `"${op.text}" ${JSON.stringify(run)} in ${JSON.stringify(op.box)}`).toBe(
          true,
        );
      });
    },
  );

  it("prints what the label must state, read back from the PDF", async () => {
    const all = pdfRuns(await labelPdf(layout, "fit"))
      .map((r) => r.text.trim())
      .join(" ");
    const flat = all.replace(/\s+/g, " ");
    expect(flat).toContain("Collected 01 MAR 2026");
    expect(flat).toContain(`${data.facility.name} (FIN G1234)`.replace(/\s+/g, " "));
    expect(flat).toContain(`Recipient ${data.recipient?.name}, ID ${data.recipient?.id}`);
    expect(flat).toContain(`Volume ${data.volumeMl} mL`);
    expect(flat.includes(QUARANTINE_TEXT)).toBe(data.kind === "quarantine");
    expect(flat.includes("PREVIEW")).toBe(data.preview === true);
    expect(flat.includes(`REPRINT, copy ${data.copy}`)).toBe((data.copy ?? 1) > 1);
    for (const [k, v] of data.cellCounts) expect(flat).toContain(`${k} ${v}`);
    if (data.cellCountsNote) expect(flat).toContain(data.cellCountsNote);
  });

  it("keeps boxes apart from each other and from the barcodes, inside the label", () => {
    const boxes = [...new Map(texts.map((t) => [`${t.box.name}`, t.box])).values()];
    const overlap = (a: Box, b: Box) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (const a of boxes) {
      expect(a.x >= 1 && a.y >= 1 && a.x + a.w <= 99 && a.y + a.h <= 99, a.name).toBe(true);
      for (const b of boxes) if (a !== b) expect(overlap(a, b), `${a.name} / ${b.name}`).toBe(false);
      for (const bar of layout.barcodes) expect(overlap(a, bar), `${a.name} / ${bar.name}`).toBe(false);
    }
  });
});

describe("text that cannot fit or print is refused, naming the field", () => {
  const refusal = (d: LabelData) => {
    try {
      layoutLabel(d, labelMeasure);
    } catch (e) {
      return e instanceof CradleError ? { code: e.code, field: e.details?.field } : e;
    }
    return undefined;
  };
  it("a product name longer than its box holds at the smallest type", () => {
    expect(refusal({ ...LONG, productName: "CORD BLOOD ".repeat(60) })).toEqual({
      code: "INVALID_INPUT",
      field: "productName",
    });
  });
  it("a facility name and collection site that together overflow their box", () => {
    expect(
      refusal({
        ...LONG,
        facility: { name: "F".repeat(120), fin: "G1234" },
        collectionSite: "S ".repeat(100),
      }),
    ).toEqual({ code: "INVALID_INPUT", field: "facility" });
  });
  it("a recipient name in a script the label's font cannot print", () => {
    expect(refusal({ ...LONG, recipient: { id: "M1", name: "王小明" } })).toEqual({
      code: "INVALID_INPUT",
      field: "recipient",
    });
  });
});

describe("the measure is the fonts' own metrics", () => {
  it("Courier from pdfkit's AFM: 600 units per character", () => {
    expect(labelMeasure("ABCDEFGHIJ", 3, false)).toBeGreaterThanOrEqual(10 * 0.6 * 3);
  });
  it.skipIf(!existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"))(
    "DejaVu Sans Mono's advance, read from its font file by pdfkit, is what the measure takes",
    () => {
      const doc = new PDFDocument({ autoFirstPage: false });
      for (const file of ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"]) {
        doc.font(`/usr/share/fonts/truetype/dejavu/${file}`).fontSize(10);
        expect(doc.widthOfString("Wolfeschlegelsteinhausen 123")).toBeCloseTo(
          28 * DEJAVU_MONO_ADVANCE * 10,
          6,
        );
      }
    },
  );
});
