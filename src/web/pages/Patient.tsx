/**
 * A patient's page: identity and wristband, weights, eligibility and enrolment, each plan's doses against
 * their windows with live countdowns, dose orders with the arithmetic, and the infusions given.
 */
import { useState } from "react";
import type { RuleResult } from "../../contract/rules.js";
import type { Eligibility, PlanRecord } from "../../therapy/schemas.js";
import { type User, api } from "../api";
import { Countdown, ErrorNote, Form, sci } from "../components";
import { Link } from "../router";
import { useLoad } from "../use-load";
import { PatientFollowUp } from "./PatientFollowUp";
const utc = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "—");

export function Rules({ results }: { results: RuleResult[] }) {
  return (
    <ul className="rules">
      {results.map((r) => (
        <li key={r.rule + r.reason} className={r.passed ? "pass" : "fail"}>
          <b>
            {r.passed ? "✓" : "✗"} {r.rule}
          </b>{" "}
          {r.reason}
        </li>
      ))}
    </ul>
  );
}

/** A plan's doses and orders; its forms are the actions the server says this user may take on it now. */
function PlanView({ plan, reload }: { plan: PlanRecord; reload: () => void }) {
  const open = plan.doses.filter((d) => d.state === "due" || d.state === "upcoming");
  const may = (a: PlanRecord["actions"][number]) => plan.actions.includes(a);
  return (
    <div className="plan" data-plan={plan.id}>
      <h3>
        {plan.protocolId} v{plan.protocolVersion} <span className={`status ${plan.state}`}>{plan.state}</span>
      </h3>
      <p>
        Enrolled {utc(plan.enrolledAt)} by {plan.enrolledBy}; consent {plan.consentRef} ({plan.consentBy})
        {plan.day0 ? `; day 0 ${utc(plan.day0)}` : ""}
        {plan.conditioningFrom ? `; conditioning from ${utc(plan.conditioningFrom)}` : ""}
      </p>
      <table className="list doses">
        <thead>
          <tr>
            <th>Dose</th>
            <th>Window</th>
            <th>State</th>
            <th>Order</th>
          </tr>
        </thead>
        <tbody>
          {plan.doses.map((d) => {
            const order = [...plan.orders]
              .reverse()
              .find((o) => o.doseNumber === d.number && o.state !== "cancelled");
            return (
              <tr key={d.number} data-dose={d.number}>
                <td className="num">{d.number}</td>
                <td>
                  {utc(d.earliest)} – {utc(d.latest)}
                </td>
                <td>
                  <span className={`dose ${d.state}`}>{d.state}</span>{" "}
                  {d.state === "due" && <Countdown until={d.latest} />}
                  {d.state === "upcoming" && <Countdown until={d.earliest} label="opens" />}
                  {d.missedReason ? ` (${d.missedReason})` : ""}
                </td>
                <td>
                  {order ? (
                    <>
                      <span className="mono">{order.productId}</span>: draw <b>{order.drawMl} mL</b> (
                      {sci(order.deliveredPerKg)} cells/kg, {order.state})
                      <br />
                      <small>{order.arithmetic}</small>
                      {order.given && (
                        <>
                          <br />
                          <b>
                            Given {order.given.volumeMl} mL = {sci(order.given.perKg)} cells/kg
                          </b>{" "}
                          (ordered {sci(order.deliveredPerKg)}) <small>{order.given.arithmetic}</small>
                        </>
                      )}
                      <br />
                      <small className="mono">order {order.id}</small>
                      {order.replacesId && <small> replaces {order.replacesId}</small>}
                      {order.exceptionReason && (
                        <>
                          <br />
                          <small className="signature">Signed exception: {order.exceptionReason}</small>
                        </>
                      )}
                      {may("bedside") && (order.state === "ordered" || order.state === "verified") ? (
                        <>
                          {" "}
                          <Link to={`/bedside?plan=${plan.id}&order=${order.id}`}>Bedside check</Link>
                        </>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="columns">
        {may("orderDose") && (
          <Form
            title="Order a dose"
            button="Order"
            initial={{ doseNumber: String(open[0]?.number ?? "") }}
            fields={[
              { name: "doseNumber", label: "Dose", type: "number" },
              { name: "din", label: "DIN" },
              { name: "productCode", label: "Product code", placeholder: "S1234100 or S12341A0" },
              { name: "targetPerKg", label: "Cells/kg (blank: the protocol's)", type: "number" },
              { name: "exceptionReason", label: "Reason for a dose outside the protocol" },
              { name: "password", label: "Password (signs the exception)", type: "password" },
              { name: "replaces", label: "Replaces order (id, when the dose has one)" },
              { name: "replaceReason", label: "Why it is replaced" },
            ]}
            onSubmit={async (body) => {
              const o = await api.orderDose(plan.id, body);
              reload();
              return `ordered: draw ${o.drawMl} mL`;
            }}
          />
        )}
        {may("recordMissed") && (
          <Form
            title="Record a dose as not given"
            button="Record"
            fields={[
              { name: "number", label: "Dose", type: "number" },
              { name: "reason", label: "Reason" },
            ]}
            onSubmit={async (body) => {
              await api.recordMissed(plan.id, Number(body.number), String(body.reason ?? ""));
              reload();
              return undefined;
            }}
          />
        )}
      </div>
    </div>
  );
}

export function PatientPage({ mrn, user }: { mrn: string; user: User }) {
  const { data, error, loading, reload } = useLoad(() => api.patient(mrn), [mrn]);
  const protocols = useLoad(() => api.protocols(), []);
  const [eligibility, setEligibility] = useState<Eligibility & { protocol: string }>();
  const [eligibilityError, setEligibilityError] = useState<unknown>();
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <p className="loading">Loading…</p>;
  if (!data) return null;
  const p = data.patient;
  const active = (protocols.data ?? []).filter((x) => x.active && x.current).map((x) => x.protocol.id);
  return (
    <section className="patient">
      <h1>
        {p.familyName}, {p.givenName} <span className="mono">{p.mrn}</span>
      </h1>
      <div className="columns">
        <div>
          <h2>Identity</h2>
          <dl>
            <dt>Born</dt>
            <dd>
              {utc(p.birthAt)} (recorded at {p.birthOffset})
            </dd>
            <dt>Sex</dt>
            <dd>{p.sex}</dd>
            <dt>Gestational age</dt>
            <dd>
              {p.gestationalWeeks}+{p.gestationalDays} weeks
            </dd>
            <dt>Birth weight</dt>
            <dd>{p.birthWeightGrams} g</dd>
            <dt>Mother</dt>
            <dd>{p.motherMrn ?? "—"}</dd>
            <dt>Diagnosis</dt>
            <dd>
              {p.icd10} {p.diagnosis} ({p.indication})
            </dd>
            <dt>HLA</dt>
            <dd className="mono">{p.hla ?? "—"}</dd>
            <dt>Antibodies</dt>
            <dd>
              {p.antibodies.length
                ? p.antibodies.map((a) => `${a.specificity} (MFI ${a.mfi ?? "?"})`).join(", ")
                : "none recorded"}
            </dd>
            <dt>Cord blood collected</dt>
            <dd>{p.cordBloodCollectedMl === null ? "—" : `${p.cordBloodCollectedMl} mL`}</dd>
            <dt>Respiratory support</dt>
            <dd>{p.respiratorySupport ?? "—"}</dd>
          </dl>
        </div>
        <div>
          <h2>Wristband</h2>
          <img
            className="wristband"
            src={`/api/patients/${encodeURIComponent(p.mrn)}/wristband.svg`}
            alt={`wristband of ${p.mrn}`}
          />
          <p>
            <a
              href={`/api/patients/${encodeURIComponent(p.mrn)}/wristband.svg`}
              target="_blank"
              rel="noreferrer"
            >
              Open to print
            </a>
          </p>
          <h2>Weights</h2>
          <table className="list">
            <tbody>
              {data.weights.map((w) => (
                <tr key={w.measuredAt}>
                  <td>{utc(w.measuredAt)}</td>
                  <td className="num">{w.grams} g</td>
                  <td>{w.recordedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.actions.includes("recordWeight") && (
            <Form
              title="Record a weight"
              button="Record weight"
              fields={[
                { name: "grams", label: "Grams", type: "number" },
                { name: "measuredAt", label: "Measured (blank: now)", type: "datetime" },
              ]}
              onSubmit={async (body) => {
                await api.recordWeight(p.mrn, Number(body.grams), String(body.measuredAt));
                reload();
                return undefined;
              }}
            />
          )}
        </div>
      </div>

      <h2>Plans</h2>
      {data.plans.length === 0 && <p>Not enrolled on any protocol.</p>}
      {data.plans.map((plan) => (
        <PlanView key={plan.id} plan={plan} reload={reload} />
      ))}

      <h2>Eligibility and enrolment</h2>
      <p>
        {(protocols.data ?? []).map((x) => (
          <button
            key={x.protocol.id}
            type="button"
            onClick={async () => {
              setEligibilityError(undefined);
              try {
                setEligibility({ protocol: x.protocol.id, ...(await api.eligibility(p.mrn, x.protocol.id)) });
              } catch (e) {
                setEligibilityError(e);
              }
            }}
          >
            Check {x.protocol.id}
          </button>
        ))}
      </p>
      <ErrorNote error={eligibilityError} />
      {eligibility && (
        <div className="eligibility">
          <p>
            <b>{eligibility.protocol}</b>: {eligibility.eligible ? "eligible now" : "not eligible now"}
          </p>
          <Rules results={eligibility.results} />
        </div>
      )}
      {data.actions.includes("enrol") && (
        <Form
          title="Enrol (needs the parents' treatment consent, recorded below)"
          button="Enrol"
          fields={[
            { name: "protocol", label: "Protocol (activated)", options: active },
            { name: "day0", label: "Day 0 (transplants)", type: "datetime" },
          ]}
          onSubmit={async (body) => {
            if (!body.day0 || String(body.protocol) !== "allogeneic-cord-blood-transplant")
              body.day0 = undefined;
            await api.enrol({ ...body, mrn: p.mrn });
            reload();
            return undefined;
          }}
        />
      )}

      <h2>Infusions</h2>
      {data.infusions.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Started</th>
              <th>Product</th>
              <th>Volume</th>
              <th>Route</th>
              <th>Where</th>
              <th>Reactions</th>
              <th>Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {data.infusions.map((i) => (
              <tr key={i.id}>
                <td>{utc(i.startedAt)}</td>
                <td className="mono">
                  <Link to={`/products/${i.productId.split(":")[0]}`}>{i.productId}</Link>
                </td>
                <td className="num">
                  {i.volumeMl} mL: {sci(i.givenPerKg)} cells/kg (ordered {sci(i.orderedPerKg)})
                  {i.overrideReason && (
                    <small className="signature"> Signed override: {i.overrideReason}</small>
                  )}
                </td>
                <td>{i.route}</td>
                <td>{i.location}</td>
                <td>
                  {i.reactions.length
                    ? i.reactions.map((r) => `${r.description} (${r.severity})`).join("; ")
                    : "none"}
                </td>
                <td>{i.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PatientFollowUp mrn={p.mrn} user={user} />
    </section>
  );
}
