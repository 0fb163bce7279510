/** Paths to the reference data beside the checkout (`../shared`), never copied into the repository. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const SHARED = resolve(
  process.env.CRADLE_SHARED_DIR ?? join(import.meta.dirname, "..", "..", "..", "shared"),
);
export const HLA_3440 = join(SHARED, "data", "imgt-hla", "3.44.0");
export const HLA_3580 = join(SHARED, "data", "imgt-hla", "3.58.0");
export const MAC_SUBSET = join(SHARED, "data", "mac", "alpha.v3.subset.txt");
export const PYARD_FEATURES = join(SHARED, "peer-tests", "pyard");

export function requireShared(): void {
  if (!existsSync(HLA_3440)) {
    throw new Error(
      `reference data not found at ${SHARED}: put shared/ beside the checkout or set CRADLE_SHARED_DIR`,
    );
  }
}

/** NCI's CTCAE v5.0 spreadsheet, as published (a U.S. government work). */
export const CTCAE_FILE = join(SHARED, "data", "ctcae", "CTCAE_v5.0_2017-11-27.xlsx");
