/** Each plan's follow-up visits against their due dates, and the form to record one when allowed. */
import type { FormSpecs, PatientOutcomes } from "../../../outcomes/schemas";
import { utcDay } from "../../components";
import { FollowUpForm } from "./FollowUpForm";

export function Visits({
  followUp,
  spec,
  mayRecord,
  reload,
}: { followUp: PatientOutcomes["followUp"]; spec?: FormSpecs; mayRecord: boolean; reload: () => void }) {
  return (
    <>
      <h2>Follow-up</h2>
      {followUp.map((f) => (
        <div key={f.planId} className="follow-up">
          <h3>{f.protocolId}</h3>
          <table className="list visits">
            <thead>
              <tr>
                <th>Visit</th>
                <th>Due</th>
                <th>State</th>
                <th>Forms recorded</th>
                <th>Window</th>
              </tr>
            </thead>
            <tbody>
              {f.visits.map((v) => (
                <tr key={v.visit} data-visit={v.visit}>
                  <td>{v.visit}</td>
                  <td>{utcDay(v.dueAt)}</td>
                  <td>
                    <span className={`dose ${v.state}`}>{v.state}</span>
                  </td>
                  <td>{v.recorded.join(", ") || "—"}</td>
                  <td className={v.outOfWindow.length ? "out-of-window" : ""}>
                    {v.outOfWindow.length
                      ? v.outOfWindow
                          .map(
                            (o) =>
                              `${o.form}: out of window, day ${o.day} (${o.daysOff > 0 ? "+" : ""}${o.daysOff} d)`,
                          )
                          .join("; ")
                      : `day ${v.day} ± ${v.tolerance}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {mayRecord && spec && f.visits.length > 0 && (
            <FollowUpForm planId={f.planId} visits={f.visits} spec={spec} onDone={reload} />
          )}
        </div>
      ))}
    </>
  );
}
