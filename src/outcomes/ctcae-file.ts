/**
 * Reads NCI's CTCAE v5.0 spreadsheet (CTCAE_v5.0_2017-11-27.xlsx, a U.S. government work) from a path at
 * run time (CRADLE_CTCAE_FILE); it is never copied into the repository. The first sheet is the clean copy.
 */
import { existsSync } from "node:fs";
import readXlsxFile from "read-excel-file/node";
import { CradleError } from "../errors.js";
import { type CtcaeDictionary, ctcaeFromRows } from "./ctcae-dictionary.js";

export async function loadCtcae(path: string): Promise<CtcaeDictionary> {
  if (!existsSync(path)) {
    throw new CradleError(
      "REFERENCE_NOT_FOUND",
      `the CTCAE v5.0 spreadsheet ${path} does not exist: download CTCAE_v5.0_2017-11-27.xlsx from NCI and set CRADLE_CTCAE_FILE`,
      { reference: "ctcae", path },
    );
  }
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(path);
  } catch (e) {
    throw new CradleError(
      "REFERENCE_CORRUPT",
      `the CTCAE spreadsheet ${path} could not be read: ${String(e)}`,
      {
        reference: "ctcae",
        path,
      },
    );
  }
  const first = sheets[0];
  if (!first)
    throw new CradleError("REFERENCE_CORRUPT", `${path} has no sheet`, { reference: "ctcae", path });
  return ctcaeFromRows(first.data as unknown[][]);
}
