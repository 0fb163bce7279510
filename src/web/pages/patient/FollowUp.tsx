/**
 * A patient's consents, follow-up visits with their typed forms, and adverse events. What the user may do
 * comes with the record (`actions`, from the server's roles); the choices are the services' own types.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { PatientOutcomes } from "../../../outcomes/schemas";
import { ApiError, type User, api } from "../../api";
import { ErrorNote } from "../../components";
import { AdverseEvents } from "./AdverseEvents";
import { Consents } from "./Consents";
import { Death } from "./Death";
import { Visits } from "./Visits";

export function PatientFollowUp({ mrn, user }: { mrn: string; user: User }) {
  const { data, error } = useQuery({
    queryKey: ["patient", mrn, "outcomes"],
    queryFn: () => api.patientOutcomes(mrn),
  });
  const spec = useQuery({ queryKey: ["follow-up-forms"], queryFn: api.forms });
  const queries = useQueryClient();
  // A consent, a form or an event changes the patient's record too (its actions, its plans' state).
  const reload = () => void queries.invalidateQueries({ queryKey: ["patient", mrn] });
  // A user who may not read outcomes sees nothing of them (the server refuses the record).
  if (error instanceof ApiError && error.status === 403) return null;
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  const may = (a: PatientOutcomes["actions"][number]) => data.actions.includes(a);
  return (
    <>
      <Consents mrn={mrn} consents={data.consents} may={may} reload={reload} user={user} />
      <Visits followUp={data.followUp} spec={spec.data} mayRecord={may("recordFollowUp")} reload={reload} />
      {data.death && <Death mrn={mrn} death={data.death} mayCorrect={may("correctDeath")} reload={reload} />}
      <AdverseEvents
        mrn={mrn}
        events={data.adverseEvents}
        mayRecord={may("recordAdverseEvent")}
        mayReport={may("reportAdverseEvent")}
        reload={reload}
      />
    </>
  );
}
