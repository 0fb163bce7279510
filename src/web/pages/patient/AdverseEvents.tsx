/**
 * Adverse events with their CTCAE coding and expedited-report clocks (due, overdue by days, submitted with
 * date, reference and who), the form to record a submission, and the form to record an event when allowed.
 */
import type { PatientOutcomes } from "../../../outcomes/schemas";
import { api } from "../../api";
import { Form, utcDay } from "../../components";
import { AdverseEventForm } from "./AdverseEventForm";
import { reportText } from "./report-state";

export function AdverseEvents({
  mrn,
  events,
  mayRecord,
  mayReport,
  reload,
}: {
  mrn: string;
  events: PatientOutcomes["adverseEvents"];
  mayRecord: boolean;
  mayReport: boolean;
  reload: () => void;
}) {
  const open = events.filter((e) => e.report.state === "due" || e.report.state === "overdue");
  return (
    <>
      <h2>Adverse events</h2>
      <table className="list ae-list">
        <thead>
          <tr>
            <th>Onset</th>
            <th>Term (CTCAE v5.0)</th>
            <th>Grade</th>
            <th>Serious</th>
            <th>Attribution</th>
            <th>Expected</th>
            <th>Expedited report</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className={e.report.state === "overdue" ? "overdue" : ""}>
              <td>{utcDay(e.onsetAt)}</td>
              <td>
                {e.term}
                {e.otherSpecify ? `: ${e.otherSpecify}` : ""}{" "}
                {e.coding === "not-coded" ? (
                  <span className="tag" title="free text recorded before CTCAE coding">
                    not coded
                  </span>
                ) : (
                  <span className="mono" title={e.soc ?? ""}>
                    {e.meddraCode}
                  </span>
                )}
              </td>
              <td className="num">{e.grade}</td>
              <td>{e.serious ? "yes" : "no"}</td>
              <td>{e.attribution}</td>
              <td>{e.expected ? "yes" : "no"}</td>
              <td className={`report ${e.report.state}`}>{reportText(e, e.report)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayReport && open.length > 0 && (
        <Form
          title="Record an expedited report's submission"
          button="Record submission"
          fields={[
            {
              name: "id",
              label: "Event",
              options: open.map((e) => e.id),
            },
            { name: "reportedAt", label: "Submitted (blank: now)", type: "datetime" },
            { name: "reference", label: "Reference (e.g. IND safety report number)" },
          ]}
          onSubmit={async (b) => {
            const { id, ...sent } = b as { id: string; reportedAt: string; reference: string };
            await api.reportAdverseEvent(id ?? "", sent);
            reload();
            return "submission recorded";
          }}
        />
      )}
      {mayRecord && (
        <AdverseEventForm
          mrn={mrn}
          done={() => {
            reload();
          }}
        />
      )}
    </>
  );
}
