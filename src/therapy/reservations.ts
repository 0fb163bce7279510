import type { Act } from "../accounts/act.js";
/**
 * Reserving a bank product for a registered patient (issue 14): the MRN is read as keyed or scanned, and
 * the bank reserves only when therapy's patient records know it. The route and the CLI call this, never
 * the bank's reserveProduct with a name of their own.
 */
import { type PatientRegistry, type ProductRef, type Reservation, reserveProduct } from "../bank/index.js";
import { isCradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { parseMrn, patientExists } from "./patients.js";

/** Therapy's patients, as the bank asks about them inside its transaction. */
export const REGISTERED_PATIENTS: PatientRegistry = {
  async registered(tx, text) {
    let mrn: string;
    try {
      mrn = parseMrn(text, "patientId");
    } catch (e) {
      if (isCradleError(e)) return undefined;
      throw e;
    }
    return (await patientExists(tx, mrn)) ? mrn : undefined;
  },
};

/** Reserves a product for the patient with this MRN; refuses (audited) an MRN no patient has. */
export async function reserveForPatient(
  store: Store,
  ref: ProductRef,
  mrnText: string,
  reason: string,
  act: Act,
): Promise<Reservation> {
  // A malformed MRN is bad input (422 naming the field), refused before anything is asked or written.
  const mrn = typeof mrnText === "string" && mrnText.trim() !== "" ? parseMrn(mrnText, "patientId") : mrnText;
  return reserveProduct(store, ref, mrn, reason, act, REGISTERED_PATIENTS);
}
