/**
 * A patient's page: identity and wristband, weights, eligibility and enrolment, each plan's doses against
 * their windows with live countdowns, dose orders with the arithmetic, and the infusions given.
 */
import { Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type User, api } from "../api";
import { ErrorNote } from "../components";
import { Eligibility } from "./patient/Eligibility";
import { PatientFollowUp } from "./patient/FollowUp";
import { Identity, Wristband } from "./patient/Identity";
import { Infusions } from "./patient/Infusions";
import { PlanView } from "./patient/Plan";
import { Weights } from "./patient/Weights";

export function PatientPage({ mrn, user }: { mrn: string; user: User }) {
  const {
    data,
    error,
    isPending: loading,
  } = useQuery({
    queryKey: ["patient", mrn],
    queryFn: () => api.patient(mrn),
  });
  const protocols = useQuery({ queryKey: ["protocols"], queryFn: api.protocols });
  const queries = useQueryClient();
  // A change on the page makes the whole patient stale: the record and its outcomes (["patient", mrn, …]).
  const reload = () => void queries.invalidateQueries({ queryKey: ["patient", mrn] });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <p className="loading">Loading…</p>;
  if (!data) return null;
  const p = data.patient;
  return (
    <section className="patient">
      <Title order={1}>
        {p.familyName}, {p.givenName} <span className="mono">{p.mrn}</span>
      </Title>
      <div className="columns">
        <div>
          <Identity p={p} />
        </div>
        <div>
          <Wristband mrn={p.mrn} />
          <Weights
            mrn={p.mrn}
            weights={data.weights}
            mayRecord={data.actions.includes("recordWeight")}
            reload={reload}
          />
        </div>
      </div>

      <Title order={2}>Plans</Title>
      {data.plans.length === 0 && <p>Not enrolled on any protocol.</p>}
      {data.plans.map((plan) => (
        <PlanView key={plan.id} plan={plan} reload={reload} user={user} />
      ))}

      <Eligibility
        mrn={p.mrn}
        protocols={protocols.data ?? []}
        mayEnrol={data.actions.includes("enrol")}
        reload={reload}
      />
      <Infusions infusions={data.infusions} />
      <PatientFollowUp mrn={p.mrn} user={user} />
    </section>
  );
}
