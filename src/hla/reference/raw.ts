/**
 * The IPD-IMGT/HLA release files, parsed into plain rows: what a release says, before any index is built.
 * Pure: takes file texts, returns data. `load.ts` does the reading, downloading and caching.
 */
import { CradleError } from "../../errors.js";

export interface GroupRow {
  /** Group name with locus, as the WMDA file gives it: "A*01:01:01G", "A*01:01P". */
  name: string;
  /** Full allele names with locus, in file order. */
  members: string[];
}

export interface SerologyRow {
  /** Full allele name with locus. */
  allele: string;
  /** Unambiguous antigen ("1", "2403"), "0" for a null allele, "?" unknown, "" none. */
  unambiguous: string;
  possible: string[];
  assumed: string[];
  expert: string[];
}

export interface SerSerRow {
  /** Serological locus as the file writes it: "A", "B", "Cw", "DR", "DQ", "Dw". */
  locus: string;
  antigen: string;
  splits: string[];
  associated: string[];
}

export interface NomenclatureRow {
  /** Locus as written: "A*" for alleles, "A", "Cw", "DR" … for serological antigens. */
  locus: string;
  name: string;
  /** yyyymmdd of deletion, "" when current. */
  deleted: string;
  /** What a deleted name became (the new allele name without locus), "" if nothing. */
  becomes: string;
  reason: string;
}

/**
 * One IMGT/HLA release in the compact form Cradle caches: only what reduction needs, so a later start
 * reads a few megabytes of JSON instead of parsing the official files.
 */
export interface RawRelease {
  format: 3;
  version: string;
  date: string;
  alleles: string[];
  gGroups: GroupRow[];
  pGroups: GroupRow[];
  /** Serological antigen ("A1", "Cw3", "DR52") → alleles whose unambiguous, possible or assumed antigen it is. */
  serology: Record<string, string[]>;
  serSer: SerSerRow[];
  /** Deleted allele names (version-2 names among them) with what they became. */
  deleted: NomenclatureRow[];
  /** WHO-recognised serological antigens, current ones only ("A1", "Bw4", "DPw6", "Dw8"). */
  serologyNames: string[];
  /**
   * DPB1 T-cell-epitope groups (tce/dpb_tce.csv, version-2 assignment): allele → 1 (most immunogenic) … 3;
   * unassigned alleles are left out. Empty when the release directory has no such file.
   */
  dpb1Tce: Record<string, number>;
}

export const RELEASE_FILES = [
  "Allelelist.txt",
  "wmda/hla_nom_g.txt",
  "wmda/hla_nom_p.txt",
  "wmda/rel_dna_ser.txt",
  "wmda/rel_ser_ser.txt",
  "wmda/hla_nom.txt",
] as const;
export type ReleaseFile = (typeof RELEASE_FILES)[number];

/** Files a release directory may have; Cradle works without them and says what it cannot grade. */
export const OPTIONAL_RELEASE_FILES = ["tce/dpb_tce.csv"] as const;
export type OptionalReleaseFile = (typeof OPTIONAL_RELEASE_FILES)[number];

/** The lines that carry data (not blank, not "#" comments), each with its 1-based line number in the file. */
function dataLines(text: string): { line: string; no: number }[] {
  const out: { line: string; no: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line !== "" && !line.startsWith("#")) out.push({ line, no: i + 1 });
  });
  return out;
}

/** Reads "# version: IPD-IMGT/HLA 3.44.0" and "# date: 2021-04-20" from a file header. */
export function readHeader(text: string): { version: string; date: string } {
  const version = /^#\s*version:.*?(\d+\.\d+\.\d+)/m.exec(text)?.[1] ?? "";
  const date = /^#\s*date:\s*(\S+)/m.exec(text)?.[1] ?? "";
  return { version, date };
}

function corrupt(file: string, lineNo: number, why: string): CradleError {
  return new CradleError("REFERENCE_CORRUPT", `${file}: line ${lineNo}: ${why}`, { file, line: lineNo });
}

export function parseAlleleList(text: string): string[] {
  const out: string[] = [];
  for (const { line, no } of dataLines(text)) {
    if (/^AlleleID,/i.test(line)) continue;
    const name = line.split(",")[1];
    if (!name || !name.includes("*"))
      throw corrupt("Allelelist.txt", no, `expected "ID,Allele", got "${line}"`);
    out.push(name.trim());
  }
  return out;
}

export function parseGroups(text: string, file: string): GroupRow[] {
  const out: GroupRow[] = [];
  for (const { line, no } of dataLines(text)) {
    const [locus, list, group] = line.split(";");
    if (!locus?.endsWith("*") || !list)
      throw corrupt(file, no, `expected "Locus*;alleles;group", got "${line}"`);
    if (!group) continue; // an allele alone in its group: no group name
    out.push({ name: locus + group, members: list.split("/").map((a) => locus + a) });
  }
  return out;
}

const splitList = (s: string | undefined): string[] => (s ? s.split("/").filter((x) => x !== "") : []);

export function parseRelDnaSer(text: string): SerologyRow[] {
  const out: SerologyRow[] = [];
  for (const { line, no } of dataLines(text)) {
    const f = line.split(";");
    if (!f[0]?.endsWith("*") || !f[1]) throw corrupt("rel_dna_ser.txt", no, `unexpected row "${line}"`);
    out.push({
      allele: f[0] + f[1],
      unambiguous: f[2] ?? "",
      possible: splitList(f[3]),
      assumed: splitList(f[4]),
      expert: splitList(f[5]),
    });
  }
  return out;
}

export function parseRelSerSer(text: string): SerSerRow[] {
  return dataLines(text).map(({ line }) => {
    const f = line.split(";");
    return { locus: f[0] ?? "", antigen: f[1] ?? "", splits: splitList(f[2]), associated: splitList(f[3]) };
  });
}

export function parseHlaNom(text: string): NomenclatureRow[] {
  return dataLines(text).map(({ line }) => {
    const f = line.split(";");
    return {
      locus: f[0] ?? "",
      name: f[1] ?? "",
      deleted: f[3] ?? "",
      becomes: f[4] ?? "",
      reason: f[5] ?? "",
    };
  });
}

/** "DRB4*" + "53" → "DR53"; "C*" + "1" → "Cw1": the serological name of a DNA locus's antigen. */
export function serologicalName(dnaLocusStar: string, antigen: string): string {
  const locus = dnaLocusStar.replace(/\*$/, "").slice(0, 2);
  return (locus === "C" ? "Cw" : locus) + antigen;
}

/** Groups rel_dna_ser rows by antigen; "0" (null), "?" (unknown) and expert assignments are left out. */
export function serologyByAntigen(rows: readonly SerologyRow[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const row of rows) {
    const locus = row.allele.slice(0, row.allele.indexOf("*") + 1);
    const antigens = new Set([row.unambiguous, ...row.possible, ...row.assumed]);
    for (const antigen of antigens) {
      if (antigen === "" || antigen === "0" || antigen === "?") continue;
      const name = serologicalName(locus, antigen);
      const list = out[name] ?? [];
      list.push(row.allele);
      out[name] = list;
    }
  }
  return out;
}

/** Builds the compact release from the texts of the six official files. */
export function parseRelease(
  texts: Record<ReleaseFile, string> & Partial<Record<OptionalReleaseFile, string>>,
): RawRelease {
  const header = readHeader(texts["Allelelist.txt"]);
  const nomHeader = readHeader(texts["wmda/hla_nom.txt"]);
  const version = header.version || nomHeader.version;
  if (!version) {
    throw new CradleError(
      "REFERENCE_CORRUPT",
      "Allelelist.txt: no '# version:' line; is this an IMGT/HLA release?",
    );
  }
  const nomenclature = parseHlaNom(texts["wmda/hla_nom.txt"]);
  return {
    format: 3,
    version,
    date: header.date || nomHeader.date,
    alleles: parseAlleleList(texts["Allelelist.txt"]),
    gGroups: parseGroups(texts["wmda/hla_nom_g.txt"], "hla_nom_g.txt"),
    pGroups: parseGroups(texts["wmda/hla_nom_p.txt"], "hla_nom_p.txt"),
    serology: serologyByAntigen(parseRelDnaSer(texts["wmda/rel_dna_ser.txt"])),
    serSer: parseRelSerSer(texts["wmda/rel_ser_ser.txt"]),
    deleted: nomenclature.filter((r) => r.locus.endsWith("*") && r.deleted !== ""),
    serologyNames: nomenclature
      .filter((r) => !r.locus.endsWith("*") && r.deleted === "")
      .map((r) => r.locus + r.name),
    dpb1Tce: texts["tce/dpb_tce.csv"] === undefined ? {} : parseDpbTce(texts["tce/dpb_tce.csv"]),
  };
}

/**
 * tce/dpb_tce.csv: `Allele,Protein,V1_Assignment,V2_Assignment,Comments`, columns found by the header.
 * The version-2 assignment (Crivello et al. 2015) is kept; 0, NA or blank means no group was assigned.
 * Marks after the digit ("3$", "2a") qualify the assignment, not the group: they are dropped, as NMDP's
 * and Anthony Nolan's readers of this file drop them.
 */
export function parseDpbTce(text: string): Record<string, number> {
  const lines = dataLines(text);
  // Releases before 3.5x have no header line: the columns are then in their documented order.
  const headed = !(lines[0]?.line.startsWith("DPB1*") ?? false);
  const header = headed ? (lines[0]?.line.split(",").map((h) => h.trim()) ?? []) : [];
  const allele = headed ? header.indexOf("Allele") : 0;
  const v2 = headed ? header.indexOf("V2_Assignment") : 3;
  if (allele < 0 || v2 < 0) {
    throw new CradleError(
      "REFERENCE_CORRUPT",
      "tce/dpb_tce.csv: no Allele and V2_Assignment columns in its header line",
    );
  }
  const out: Record<string, number> = {};
  for (const { line, no } of lines.slice(headed ? 1 : 0)) {
    const cells = line.split(",");
    const name = cells[allele]?.trim() ?? "";
    const group = cells[v2]?.trim() ?? "";
    if (!/^DPB1\*/.test(name)) {
      throw new CradleError(
        "REFERENCE_CORRUPT",
        `tce/dpb_tce.csv line ${no}: "${name}" is not a DPB1 allele`,
      );
    }
    const m = /^([123])[a$]*$/.exec(group);
    if (m?.[1]) out[name] = Number(m[1]);
    else if (group !== "0" && group !== "NA" && group !== "") {
      throw new CradleError(
        "REFERENCE_CORRUPT",
        `tce/dpb_tce.csv line ${no}: group "${group}" of ${name} is not 1, 2 or 3 (marked $ or a), 0 or NA`,
      );
    }
  }
  return out;
}

/** Parses `wmda/md5checksum.txt` ("MD5 (wmda/x.txt) = hex") into path → hex. */
export function parseMd5Checksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { line } of dataLines(text)) {
    const m = /^MD5 \((.+)\) = ([0-9a-f]{32})$/i.exec(line);
    if (m?.[1] && m[2]) out.set(m[1], m[2].toLowerCase());
  }
  return out;
}
