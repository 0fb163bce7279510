/**
 * A cellular therapy label (ICCBBA ST-001 / ST-004 layout): a 100 × 100 mm label with the DIN, ABO/RhD,
 * product code and expiry each in its fixed quadrant with its Code 128 barcode, a Data Matrix carrying
 * the same structures as one compound message (023), the product's name, volume and cell counts, the
 * storage temperature, and "FOR AUTOLOGOUS USE ONLY" where it applies (21 CFR 1271.90).
 *
 * This file lays the label out as drawing operations in millimetres; label-svg.ts and label-pdf.ts draw
 * the same operations, so the screen and the printed label cannot differ. Every text has a box: it is
 * measured with the caller's `Measure` (the fonts' real metrics, label-metrics.ts), shrunk and wrapped to
 * stay inside, or refused with the field's name; nothing is drawn past its box.
 */
import bwipjs from "bwip-js";
import { CradleError } from "../errors.js";
import { ABO_RHD_CODES, type DataStructure, writeDataStructure } from "./data-structures.js";
import { type Din, dinDataStructure, formatDin } from "./din.js";

export interface LabelData {
  /** From the user's product description table, or the code when none was imported. */
  productName: string;
  din: Din;
  /** Eight characters: αoooo, collection type, division. */
  productCode: string;
  aboRhD: string | null;
  /** ISO 8601 (UTC) or null when the product has no expiry (e.g. cryopreserved cord blood). */
  expiresAt: string | null;
  /** When the cells were collected, ISO 8601 (UTC). */
  collectedAt: string;
  /** This product's own volume (a division's, not its parent's). */
  volumeMl: number;
  /** E.g. [["TNC", "1.20 × 10^9"], ["CD34+", "4.1 × 10^6"]]: counts measured on this product. */
  cellCounts: [string, string][];
  /** Printed where counts are missing, e.g. "Cell counts: not measured on this division". */
  cellCountsNote?: string;
  autologous: boolean;
  /** The named recipient of an autologous or directed product, as recorded; null for any recipient. */
  recipient: { id: string; name: string | null } | null;
  storageText: string;
  /** The facility that labels: its name (null when not configured) and its FIN, from the DIN. */
  facility: { name: string | null; fin: string };
  /** Where the cells were collected, as recorded at registration. */
  collectionSite: string;
  /** A final label for a released product, or the quarantine label for one that is not. */
  kind: "final" | "quarantine";
  /** A screen preview is marked as such: only a recorded print is a label. */
  preview?: boolean;
  /** The print's copy number (2 and up are reprints). */
  copy?: number;
}

/** A text's width in mm at a size in mm, in the face it is drawn with (the renderer's real metrics). */
export type Measure = (text: string, sizeMm: number, bold: boolean) => number;

/** The box a text must stay inside, in mm (top-left corner, width, height). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Op =
  | { kind: "rect"; x: number; y: number; w: number; h: number }
  | { kind: "frame"; x: number; y: number; w: number; h: number; stroke: number }
  | {
      kind: "text";
      /** The baseline's start (or middle, or end, by anchor). */
      x: number;
      y: number;
      size: number;
      text: string;
      bold?: boolean;
      anchor?: "start" | "middle" | "end";
      /** The box it was fitted to; the name says which field it shows (for errors and tests). */
      box: Box & { name: string };
    };

export interface Barcode {
  name: "din" | "abo" | "product" | "expiry" | "compound";
  symbology: "code128" | "datamatrix";
  data: string;
  /** The symbol's box, quiet zone included, in mm. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelLayout {
  widthMm: number;
  heightMm: number;
  ops: Op[];
  barcodes: Barcode[];
}

export const LABEL_MM = 100;
/** Code 128 module width: ST-001's target X of 0.25 mm, narrowed (never below 0.19 mm) to fit a quadrant. */
const X_TARGET = 0.25;
const X_MIN = 0.19;
const QUIET_MODULES = 10;
const BAR_HEIGHT = 8;
const DM_MODULE = 0.42;

const ABO_CODE_OF: Record<string, string> = Object.fromEntries(
  Object.entries(ABO_RHD_CODES).map(([code, g]) => [g, code]),
);

/** The data structures the label carries, in compound-message order. */
export function labelStructures(d: LabelData): DataStructure[] {
  const out: DataStructure[] = [
    { structure: "001", din: { ...d.din, flags: dinDataStructure(d.din).slice(-2) } },
  ];
  if (d.aboRhD) {
    const code = ABO_CODE_OF[d.aboRhD];
    if (!code)
      throw new CradleError("INVALID_INPUT", `aboRhD "${d.aboRhD}" has no ISBT 128 code`, {
        field: "aboRhD",
        value: d.aboRhD,
      });
    out.push({ structure: "002", code, aboRhD: d.aboRhD, rhKell: "0", reserved: "0" });
  }
  out.push({
    structure: "003",
    productCode: d.productCode.slice(0, 5),
    collectionType: d.productCode.slice(5, 6),
    collectionTypeText: "",
    division: d.productCode.slice(6, 8),
  });
  if (d.expiresAt) out.push({ structure: "005", isoDateTime: d.expiresAt.slice(0, 16) });
  return out;
}

/** Data structure 023 followed by the structures: what the Data Matrix carries. */
export function compoundMessage(structures: DataStructure[]): string {
  const head = writeDataStructure({ structure: "023", count: structures.length, sequence: "000" });
  return head + structures.map(writeDataStructure).join("");
}

/** Lays out a Code 128 symbol centred in a region; returns its ops and box. */
function code128(
  name: Barcode["name"],
  data: string,
  cx: number,
  y: number,
  maxW: number,
): { ops: Op[]; box: Barcode } {
  const [sym] = bwipjs.raw({ bcid: "code128", text: data }) as unknown as [{ sbs: number[] }];
  const modules = sym.sbs.reduce((a, b) => a + b, 0);
  const x = Math.max(X_MIN, Math.min(X_TARGET, maxW / (modules + 2 * QUIET_MODULES)));
  if (x * (modules + 2 * QUIET_MODULES) > maxW + 1e-9) {
    throw new CradleError(
      "INVALID_INPUT",
      `barcode ${name} "${data}" does not fit ${maxW} mm at ${X_MIN} mm per module`,
      { field: name, value: data },
    );
  }
  const w = (modules + 2 * QUIET_MODULES) * x;
  const left = cx - w / 2;
  const ops: Op[] = [];
  let pos = left + QUIET_MODULES * x;
  sym.sbs.forEach((width, i) => {
    if (i % 2 === 0) ops.push({ kind: "rect", x: pos, y, w: width * x, h: BAR_HEIGHT });
    pos += width * x;
  });
  return { ops, box: { name, symbology: "code128", data, x: left, y: y - 1, w, h: BAR_HEIGHT + 2 } };
}

function dataMatrix(data: string, x: number, y: number): { ops: Op[]; box: Barcode } {
  const [sym] = bwipjs.raw({ bcid: "datamatrix", text: data }) as unknown as [
    { pixs: number[]; pixx: number; pixy: number },
  ];
  const ops: Op[] = [];
  for (let r = 0; r < sym.pixy; r++) {
    for (let c = 0; c < sym.pixx; c++) {
      if (sym.pixs[r * sym.pixx + c])
        ops.push({ kind: "rect", x: x + c * DM_MODULE, y: y + r * DM_MODULE, w: DM_MODULE, h: DM_MODULE });
    }
  }
  const quiet = 2 * DM_MODULE;
  return {
    ops,
    box: {
      name: "compound",
      symbology: "datamatrix",
      data,
      x: x - quiet,
      y: y - quiet,
      w: sym.pixx * DM_MODULE + 2 * quiet,
      h: sym.pixy * DM_MODULE + 2 * quiet,
    },
  };
}

function aboText(g: string): string {
  const [abo, rh] = [g.slice(0, -1), g.slice(-1)];
  return `${abo} Rh ${rh === "+" ? "POSITIVE" : "NEGATIVE"}`;
}

/** "2026-12-01T23:59" → "01 DEC 2026 23:59", the unambiguous form labels print. */
function expiryText(iso: string): string {
  const d = new Date(`${iso.slice(0, 16)}Z`);
  const months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/**
 * The vertical extent of a line of type, per mm of size, from the fonts' own boxes as the renderers report
 * them: MuPDF gives Courier's glyphs 0.932 above and 0.317 below the baseline and Courier Bold's 1.007 and
 * 0.393; DejaVu Sans Mono's ascender and descender are 0.928 and 0.236 of its em. A line takes their union.
 */
export const ASCENT = 1.02;
export const DESCENT = 0.4;
const LINE = ASCENT + DESCENT;

/**
 * What both faces can draw: the PDF's standard Courier encodes WinAnsi only, so a name in another script
 * is refused here rather than printed as wrong glyphs.
 */
const PRINTABLE = /^[\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u20AC]*$/u;

interface Fit {
  size: number;
  /** The smallest size it may shrink to before wrapping fails and the label is refused. */
  min: number;
  bold?: boolean;
  anchor?: "start" | "middle" | "end";
  maxLines?: number;
}

/** Greedy word wrap by measured width; a word wider than the box is broken between characters. */
function wrapMeasured(text: string, w: number, size: number, bold: boolean, measure: Measure): string[] {
  const fits = (t: string) => measure(t, size, bold) <= w + 1e-9;
  const lines: string[] = [];
  let line = "";
  for (const word of text.trim().split(/\s+/)) {
    let rest = word;
    while (rest !== "") {
      const candidate = line === "" ? rest : `${line} ${rest}`;
      if (fits(candidate)) {
        line = candidate;
        rest = "";
      } else if (line !== "") {
        lines.push(line);
        line = "";
      } else {
        // One word alone is too wide: as many characters as fit (at least one, so the loop ends).
        let n = rest.length - 1;
        while (n > 1 && !fits(rest.slice(0, n))) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * Sets a text inside its box: at its size if it fits, else smaller down to `min`, wrapped onto as many
 * lines as the box holds; a text that fits at no size is refused, naming the field, never drawn outside.
 */
export function fitText(name: string, text: string, box: Box, f: Fit, measure: Measure): Op[] {
  if (!PRINTABLE.test(text)) {
    throw new CradleError(
      "INVALID_INPUT",
      `${name} "${text.slice(0, 60)}" has characters the label's font cannot print (Latin-1 only)`,
      { field: name, value: text.slice(0, 60), reason: "not printable in the label's font" },
    );
  }
  if (text.trim() === "") return [];
  const bold = f.bold ?? false;
  const anchor = f.anchor ?? "start";
  for (let tenth = Math.round(f.size * 10); tenth >= Math.round(f.min * 10); tenth--) {
    const size = tenth / 10;
    const room = Math.floor((box.h + 1e-9) / (LINE * size));
    const lines = wrapMeasured(text, box.w, size, bold, measure);
    if (lines.length === 0 || lines.length > Math.min(room, f.maxLines ?? room)) continue;
    const x = anchor === "middle" ? box.x + box.w / 2 : anchor === "end" ? box.x + box.w : box.x;
    return lines.map((t, i) => ({
      kind: "text" as const,
      x,
      y: box.y + ASCENT * size + i * LINE * size,
      size,
      text: t,
      bold,
      anchor,
      box: { ...box, name },
    }));
  }
  throw new CradleError(
    "INVALID_INPUT",
    `${name} "${text.slice(0, 60)}${text.length > 60 ? "…" : ""}" does not fit its ${box.w} × ${box.h} mm box on the label even at ${f.min} mm type`,
    { field: name, value: text.slice(0, 60), reason: "too long for the label" },
  );
}

/** "2026-12-01T…" → "01 DEC 2026", the date alone (a collection's day is what the label states). */
function dateText(iso: string): string {
  return expiryText(iso).slice(0, 11);
}

export const QUARANTINE_TEXT = "QUARANTINE — NOT FOR RELEASE";
export const PREVIEW_TEXT = "PREVIEW — NOT A LABEL: PRINT TO LABEL";

export function layoutLabel(d: LabelData, measure: Measure): LabelLayout {
  const structures = labelStructures(d);
  const text = (s: DataStructure["structure"]) => {
    const ds = structures.find((x) => x.structure === s);
    return ds ? writeDataStructure(ds) : undefined;
  };
  const ops: Op[] = [{ kind: "frame", x: 0.5, y: 0.5, w: 99, h: 99, stroke: 0.3 }];
  const barcodes: Barcode[] = [];
  const add = (r: { ops: Op[]; box: Barcode }) => {
    ops.push(...r.ops);
    barcodes.push(r.box);
  };
  const put = (name: string, s: string, box: Box, f: Fit) => ops.push(...fitText(name, s, box, f, measure));
  // Quadrant lines.
  ops.push(
    { kind: "rect", x: 50, y: 1, w: 0.2, h: 66 },
    { kind: "rect", x: 1, y: 33, w: 98, h: 0.2 },
    { kind: "rect", x: 1, y: 66.8, w: 98, h: 0.2 },
  );

  // Upper left: DIN.
  add(code128("din", text("001") as string, 25, 3, 48));
  const flags = dinDataStructure(d.din).slice(-2);
  // The eye-readable DIN, then its check character K in a box (K is printed, never encoded).
  put(
    "din",
    formatDin(d.din, "printed").slice(0, -2),
    { x: 3, y: 13.3, w: 38, h: 6.2 },
    {
      size: 4.2,
      min: 3.4,
      bold: true,
      maxLines: 1,
    },
  );
  ops.push({ kind: "frame", x: 41.5, y: 13.1, w: 5, h: 6.6, stroke: 0.3 });
  put(
    "check",
    d.din.check,
    { x: 41.8, y: 13.3, w: 4.4, h: 6.2 },
    {
      size: 4.2,
      min: 4.2,
      bold: true,
      anchor: "middle",
    },
  );
  put("flags", `flags ${flags}   FIN ${d.din.fin}`, { x: 3, y: 20.2, w: 45, h: 3.6 }, { size: 2.4, min: 2 });
  if (d.copy !== undefined && d.copy > 1)
    put(
      "copy",
      `REPRINT, copy ${d.copy}`,
      { x: 3, y: 24.2, w: 45, h: 3.8 },
      { size: 2.6, min: 2, bold: true },
    );

  // Upper right: ABO/RhD.
  if (d.aboRhD) {
    add(code128("abo", text("002") as string, 75, 3, 48));
    put(
      "aboRhD",
      aboText(d.aboRhD),
      { x: 52, y: 16.5, w: 46, h: 6.8 },
      {
        size: 4.6,
        min: 3.6,
        bold: true,
        anchor: "middle",
        maxLines: 1,
      },
    );
  } else {
    put(
      "aboRhD",
      "ABO/Rh not applicable",
      { x: 52, y: 14, w: 46, h: 4.4 },
      { size: 3, min: 2.4, anchor: "middle" },
    );
  }

  // Lower left: product code and description.
  add(code128("product", text("003") as string, 25, 35, 48));
  put("productCode", d.productCode, { x: 3, y: 44.6, w: 45, h: 4.4 }, { size: 3, min: 3, bold: true });
  put("productName", d.productName, { x: 3, y: 49.4, w: 45, h: 17 }, { size: 2.8, min: 1.8 });

  // Lower right: expiry, collection date, volume and counts.
  if (d.expiresAt) {
    add(code128("expiry", text("005") as string, 75, 35, 48));
    put(
      "expiresAt",
      `EXP ${expiryText(d.expiresAt)}`,
      { x: 52, y: 44.6, w: 46, h: 4 },
      {
        size: 2.8,
        min: 2.2,
        bold: true,
        maxLines: 1,
      },
    );
  } else {
    put("expiresAt", "No expiry date", { x: 52, y: 37, w: 46, h: 4 }, { size: 2.8, min: 2.2, bold: true });
  }
  put(
    "collectedAt",
    `Collected ${dateText(d.collectedAt)}`,
    { x: 52, y: 48.8, w: 46, h: 4 },
    {
      size: 2.8,
      min: 2.2,
      maxLines: 1,
    },
  );
  put("volumeMl", `Volume ${d.volumeMl} mL`, { x: 52, y: 53, w: 46, h: 4 }, { size: 2.8, min: 2.2 });
  if (d.cellCounts.length === 0 && d.cellCountsNote)
    put("cellCounts", d.cellCountsNote, { x: 52, y: 57.2, w: 46, h: 8 }, { size: 2.8, min: 2 });
  d.cellCounts
    .map(([k, v]) => `${k} ${v}`)
    .forEach((c, i) =>
      put(`cellCounts.${i}`, c, { x: 52, y: 57.2 + i * 4, w: 46, h: 4 }, { size: 2.8, min: 2, maxLines: 1 }),
    );

  // Bottom band: compound Data Matrix, storage, recipient, facility, and the quarantine or preview mark.
  add(dataMatrix(compoundMessage(structures), 4, 70));
  put("storageText", d.storageText, { x: 20, y: 68, w: 78, h: 4 }, { size: 2.6, min: 2 });
  if (d.recipient || d.autologous) {
    ops.push({ kind: "frame", x: 19.5, y: 72.3, w: 79, h: 11.6, stroke: 0.5 });
    put(
      "recipientUse",
      d.autologous ? "FOR AUTOLOGOUS USE ONLY" : "DIRECTED DONATION: FOR THIS RECIPIENT ONLY",
      { x: 20.5, y: 72.8, w: 77, h: 4.4 },
      { size: 3.4, min: 2.6, bold: true, anchor: "middle", maxLines: 1 },
    );
    const who = d.recipient
      ? `Recipient ${d.recipient.name ?? "(name not recorded)"}, ID ${d.recipient.id}`
      : "Recipient: the donor";
    put("recipient", who, { x: 20.5, y: 77.4, w: 77, h: 6.2 }, { size: 2.6, min: 1.8, anchor: "middle" });
  }
  const facility = d.facility.name ? `${d.facility.name} (FIN ${d.din.fin})` : `FIN ${d.din.fin}`;
  put(
    "facility",
    `Facility ${facility}. Collected at ${d.collectionSite}`,
    { x: 3, y: 84.3, w: 95, h: 5.2 },
    {
      size: 2.3,
      min: 1.8,
    },
  );
  put(
    "rx",
    "Rx only. Do not irradiate. Do not use a leukocyte reduction filter.",
    { x: 3, y: 89.8, w: 95, h: 3 },
    { size: 2.2, min: 2 },
  );
  const marks = [...(d.kind === "quarantine" ? [QUARANTINE_TEXT] : []), ...(d.preview ? [PREVIEW_TEXT] : [])];
  if (marks.length > 0) {
    ops.push({ kind: "frame", x: 2.5, y: 93.1, w: 95, h: 6.1, stroke: 0.6 });
    put(
      "mark",
      marks.join(" / "),
      { x: 3.2, y: 93.5, w: 93.6, h: 5.4 },
      {
        size: 4.2,
        min: 1.8,
        bold: true,
        anchor: "middle",
      },
    );
  }
  return { widthMm: LABEL_MM, heightMm: LABEL_MM, ops, barcodes };
}
