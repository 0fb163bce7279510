/**
 * A patient's wristband: the name, MRN, birth date and time as the birth was recorded (local time and
 * offset), sex, and a Code 128 barcode of the MRN that the bedside check scans. Drawn as SVG for a
 * wristband printer's driver or the browser's print dialog.
 */
import bwipjs from "bwip-js";
import { esc } from "../isbt128/label-svg.js";
import type { Patient } from "./patients.js";

/** The birth time on the clock of the place it was recorded, e.g. "2026-03-08 01:30 -05:00". */
export function localBirth(p: Pick<Patient, "birthAt" | "birthOffset">): string {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(p.birthOffset);
  const minutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(Date.parse(p.birthAt) + minutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} ${p.birthOffset}`;
}

export function wristbandSvg(p: Patient): string {
  const barcode = bwipjs.toSVG({ bcid: "code128", text: p.mrn, height: 9, includetext: false });
  const [, w = "200", h = "60"] = /viewBox="0 0 (\d+) (\d+)"/.exec(barcode) ?? [];
  const inner = barcode.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
  const lines = [
    `${p.familyName.toUpperCase()}, ${p.givenName}`,
    `MRN ${p.mrn}   ${p.sex}`,
    `Born ${localBirth(p)}   GA ${p.gestationalWeeks}+${p.gestationalDays}`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="250mm" height="25mm" viewBox="0 0 1000 100">`,
    `<rect x="0" y="0" width="1000" height="100" rx="12" fill="#fff" stroke="#999"/>`,
    ...lines.map(
      (l, i) =>
        `<text x="20" y="${30 + i * 28}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${i === 0 ? 24 : 20}" font-weight="${i === 0 ? 700 : 400}">${esc(l)}</text>`,
    ),
    `<svg x="560" y="12" width="420" height="76" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">${inner}</svg>`,
    "</svg>",
  ].join("\n");
}
