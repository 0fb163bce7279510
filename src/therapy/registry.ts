/**
 * Therapy's patients as other services ask about them (a search report, a reservation): the registered
 * patient's canonical MRN, or undefined. A malformed MRN is no one's, like an unknown one; the asking
 * service names the field and refuses.
 */
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import type { Tx } from "../store/write.js";
import { getPatient } from "./patients.js";

export const PATIENT_REGISTRY = {
  async registered(db: Store["db"] | Tx, mrnText: string): Promise<string | undefined> {
    try {
      return (await getPatient(db, mrnText)).mrn;
    } catch (e) {
      if (e instanceof CradleError && (e.code === "PATIENT_NOT_FOUND" || e.code === "INVALID_INPUT"))
        return undefined;
      throw e;
    }
  },
};
