/** Whose search it is: the patient a search or a report is for must be registered (therapy answers who is). */
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";

type Db = Store["db"] | Tx;

/** Who the patients are: answered by their owner (therapy) — the same shape the bank asks. */
export interface ReportPatients {
  /** The registered patient's MRN in its canonical form, or undefined when no patient has it. */
  registered(tx: Db, mrnText: string): Promise<string | undefined>;
}

/** The registered patient's MRN, or PATIENT_NOT_FOUND naming `field`: a search is never for a guessed baby. */
export async function registeredOrRefuse(
  db: Db,
  patients: ReportPatients,
  mrnText: string,
  field: string,
  why: string,
): Promise<string> {
  const mrn = await patients.registered(db, mrnText);
  if (mrn === undefined) {
    throw new CradleError(
      "PATIENT_NOT_FOUND",
      `${field} "${mrnText}": no registered patient has this medical record number; ${why}`,
      { field, value: mrnText },
    );
  }
  return mrn;
}
