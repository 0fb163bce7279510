/**
 * A cellular therapy label (ICCBBA ST-001 / ST-004 layout): a 100 × 100 mm label with the DIN, ABO/RhD,
 * product code and expiry each in its fixed quadrant with its Code 128 barcode, a Data Matrix carrying
 * the same structures as one compound message (023), the product's name, volume and cell counts, the
 * storage temperature, and "FOR AUTOLOGOUS USE ONLY" where it applies (21 CFR 1271.90).
 *
 * This file lays the label out as drawing operations in millimetres; label-svg.ts and label-pdf.ts draw
 * the same operations, so the screen and the printed label cannot differ.
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
  volumeMl: number;
  /** E.g. [["TNC", "1.20 × 10^9"], ["CD34+", "4.1 × 10^6"]]. */
  cellCounts: [string, string][];
  autologous: boolean;
  storageText: string;
  /** The collecting or processing facility's name. */
  facility: string;
}

export type Op =
  | { kind: "rect"; x: number; y: number; w: number; h: number }
  | { kind: "frame"; x: number; y: number; w: number; h: number; stroke: number }
  | {
      kind: "text";
      x: number;
      y: number;
      size: number;
      text: string;
      bold?: boolean;
      anchor?: "start" | "middle" | "end";
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

export function layoutLabel(d: LabelData): LabelLayout {
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
  ops.push({
    kind: "text",
    x: 4,
    y: 18,
    size: 4.2,
    text: formatDin(d.din, "printed").slice(0, -2),
    bold: true,
  });
  ops.push({ kind: "frame", x: 41.5, y: 14.4, w: 5, h: 4.8, stroke: 0.3 });
  ops.push({ kind: "text", x: 44, y: 18, size: 4.2, text: d.din.check, bold: true, anchor: "middle" });
  ops.push({ kind: "text", x: 4, y: 23, size: 2.4, text: `flags ${flags}   ${d.facility}` });

  // Upper right: ABO/RhD.
  if (d.aboRhD) {
    add(code128("abo", text("002") as string, 75, 3, 48));
    ops.push({
      kind: "text",
      x: 75,
      y: 22,
      size: 4.6,
      text: aboText(d.aboRhD),
      bold: true,
      anchor: "middle",
    });
  } else {
    ops.push({ kind: "text", x: 75, y: 18, size: 3, text: "ABO/Rh not applicable", anchor: "middle" });
  }

  // Lower left: product code and description.
  add(code128("product", text("003") as string, 25, 35, 48));
  ops.push({ kind: "text", x: 4, y: 48, size: 3, text: d.productCode, bold: true });
  wrap(d.productName, 28).forEach((line, i) =>
    ops.push({ kind: "text", x: 4, y: 53 + i * 3.4, size: 2.8, text: line }),
  );

  // Lower right: expiry, volume and counts.
  if (d.expiresAt) {
    add(code128("expiry", text("005") as string, 75, 35, 48));
    ops.push({ kind: "text", x: 53, y: 48, size: 2.8, text: `EXP ${expiryText(d.expiresAt)}`, bold: true });
  } else {
    ops.push({
      kind: "text",
      x: 53,
      y: 40,
      size: 2.8,
      text: "No expiry date",
      bold: true,
    });
  }
  ops.push({ kind: "text", x: 53, y: 53, size: 2.8, text: `Volume ${d.volumeMl} mL` });
  d.cellCounts.forEach(([k, v], i) =>
    ops.push({ kind: "text", x: 53, y: 57 + i * 3.4, size: 2.8, text: `${k} ${v}` }),
  );

  // Bottom band: compound Data Matrix, storage, autologous warning.
  add(dataMatrix(compoundMessage(structures), 4, 70));
  wrap(d.storageText, 36).forEach((line, i) =>
    ops.push({ kind: "text", x: 32, y: 73 + i * 3.2, size: 2.6, text: line }),
  );
  if (d.autologous) {
    ops.push({ kind: "frame", x: 31, y: 80, w: 66, h: 8, stroke: 0.5 });
    ops.push({
      kind: "text",
      x: 64,
      y: 85.8,
      size: 4,
      text: "FOR AUTOLOGOUS USE ONLY",
      bold: true,
      anchor: "middle",
    });
  }
  ops.push({
    kind: "text",
    x: 32,
    y: 95,
    size: 2.2,
    text: "Rx only. Do not irradiate. Do not use a leukocyte reduction filter.",
  });
  return { widthMm: LABEL_MM, heightMm: LABEL_MM, ops, barcodes };
}

function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of s.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.slice(0, 4);
}
