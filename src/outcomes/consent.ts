/**
 * A patient's consent as outcomes records it: the consent service's record, with therapy's check that the
 * patient exists (consent sits below therapy and cannot look). Faces record a patient's consent here; every
 * other consent function is the consent service's own (src/consent).
 */
import type { Act } from "../accounts/act.js";
import { type Consent, type NewConsent, recordConsent as recordSubjectConsent } from "../consent/index.js";
import type { Store } from "../store/connect.js";
import { getPatient } from "../therapy/index.js";

/** Records a patient's consent; the signed-in staff member witnesses it and signs with the password again. */
export function recordConsent(store: Store, input: NewConsent, password: string, act: Act): Promise<Consent> {
  return recordSubjectConsent(
    store,
    input,
    password,
    act,
    async (tx, mrn) => (await getPatient(tx, mrn)).mrn,
  );
}

export { withdrawConsent } from "../consent/index.js";
