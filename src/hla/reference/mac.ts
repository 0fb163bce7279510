/**
 * NMDP multiple allele codes, in the `alpha.v3.txt` layout: a "LAST UPDATED" line, a header
 * ("*<TAB>CODE<TAB>SUBTYPE"), then rows "flag<TAB>CODE<TAB>01/02".
 */
import { CradleError } from "../../errors.js";

export interface MacDictionary {
  /** "LAST UPDATED: …" text of the file, "" when absent. */
  updated: string;
  /** Code → subtypes in file order: ["01", "02"] or ["15:01", "35:43"]. */
  codes: Map<string, readonly string[]>;
}

export function parseMacFile(text: string, file = "MAC file"): MacDictionary {
  const codes = new Map<string, readonly string[]>();
  let updated = "";
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (i < 3 && /LAST UPDATED/i.test(line)) {
      updated = line.replace(/^"|"$/g, "").trim();
      continue;
    }
    const cols = line.split("\t");
    const code = cols[1]?.trim();
    const subtypes = cols[2]?.trim();
    if (code === "CODE") continue;
    if (!code || !subtypes || !/^[A-Z]+$/.test(code)) {
      throw new CradleError(
        "REFERENCE_CORRUPT",
        `${file}: line ${i + 1}: expected "flag<TAB>CODE<TAB>subtypes"`,
        {
          file,
          line: i + 1,
        },
      );
    }
    codes.set(code, subtypes.split("/"));
  }
  if (codes.size === 0) throw new CradleError("REFERENCE_CORRUPT", `${file}: no codes found`, { file });
  return { updated, codes };
}
