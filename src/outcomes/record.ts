/**
 * A patient's outcomes for a page or a command: consents, follow-up of every plan, adverse events, and
 * the actions the reader may take on them (from OUTCOME_ROLES: pages keep no copy of the roles).
 */
import type { Act } from "../accounts/act.js";
import { consentsOf } from "../consent/index.js";
import { check } from "../contract/validate.js";
import type { Store } from "../store/connect.js";
import { getPatient, plansOf } from "../therapy/index.js";
import { allowOutcomes, outcomeActionsOf } from "./act.js";
import { adverseEventsOf } from "./adverse-events.js";
import { deathOf } from "./deaths.js";
import { formsByPlan, formsOf, scheduleOf } from "./follow-up.js";
import { reportClock } from "./report-clock.js";
import { MrnParamsSchema, type PatientOutcomes } from "./schemas.js";

export async function patientOutcomes(store: Store, mrn: string, act: Act): Promise<PatientOutcomes> {
  allowOutcomes(act, "readOutcomes", "read outcomes");
  check(MrnParamsSchema, { mrn });
  const patient = await getPatient(store.db, mrn);
  const plans = await plansOf(store.db, patient.mrn, act.at);
  const byPlan = formsByPlan(await formsOf(store.db, { mrn: patient.mrn }));
  return {
    consents: await consentsOf(store.db, patient.mrn),
    followUp: plans.map((p) => {
      const mine = byPlan.get(p.id) ?? [];
      return {
        planId: p.id,
        protocolId: p.protocolId,
        visits: scheduleOf(p, patient, mine, act.at),
        forms: mine,
      };
    }),
    adverseEvents: (await adverseEventsOf(store.db, patient.mrn)).map((e) => ({
      ...e,
      report: reportClock(e, act.at),
    })),
    death: (await deathOf(store.db, patient.mrn)) ?? null,
    actions: outcomeActionsOf(act.user),
  };
}
