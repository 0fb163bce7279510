/** A patient's outcomes for a page or a command: consents, follow-up of every plan, adverse events. */
import type { Store } from "../store/connect.js";
import { getPatient } from "../therapy/patients.js";
import { plansOf } from "../therapy/plans.js";
import { type AdverseEvent, adverseEventsOf } from "./adverse-events.js";
import { type Consent, consentsOf } from "./consent.js";
import { type FollowUpForm, type Visit, formsByPlan, formsOf, scheduleOf } from "./follow-up.js";

export interface PatientOutcomes {
  consents: Consent[];
  followUp: { planId: string; protocolId: string; visits: Visit[]; forms: FollowUpForm[] }[];
  adverseEvents: AdverseEvent[];
}

export async function patientOutcomes(store: Store, mrn: string, now: Date): Promise<PatientOutcomes> {
  const patient = await getPatient(store.db, mrn);
  const plans = await plansOf(store.db, patient.mrn, now);
  const byPlan = formsByPlan(await formsOf(store.db, { mrn: patient.mrn }));
  return {
    consents: await consentsOf(store.db, patient.mrn),
    followUp: plans.map((p) => {
      const mine = byPlan.get(p.id) ?? [];
      return {
        planId: p.id,
        protocolId: p.protocolId,
        visits: scheduleOf(p, patient.birthAt, mine, now),
        forms: mine,
      };
    }),
    adverseEvents: await adverseEventsOf(store.db, patient.mrn),
  };
}
