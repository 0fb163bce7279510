/** Adverse events with their expedited-report deadlines, and the form to record one when allowed. */
import type { NewAdverseEvent, PatientOutcomes } from "../../../outcomes/schemas";
import { api } from "../../api";
import { Form, utcDay } from "../../components";

// Keyed by the type's union: a value added on the server fails this page's type check.
const ATTRIBUTIONS: Record<NewAdverseEvent["attribution"], true> = {
  unrelated: true,
  unlikely: true,
  possible: true,
  probable: true,
  definite: true,
};

export function AdverseEvents({
  mrn,
  events,
  mayRecord,
  reload,
}: { mrn: string; events: PatientOutcomes["adverseEvents"]; mayRecord: boolean; reload: () => void }) {
  return (
    <>
      <h2>Adverse events</h2>
      <table className="list">
        <thead>
          <tr>
            <th>Onset</th>
            <th>Term</th>
            <th>Grade</th>
            <th>Serious</th>
            <th>Attribution</th>
            <th>Expected</th>
            <th>Expedited report</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className={e.expedited && !e.reportedAt ? "overdue" : ""}>
              <td>{utcDay(e.onsetAt)}</td>
              <td>{e.term}</td>
              <td className="num">{e.grade}</td>
              <td>{e.serious ? "yes" : "no"}</td>
              <td>{e.attribution}</td>
              <td>{e.expected ? "yes" : "no"}</td>
              <td>
                {e.expedited
                  ? e.reportedAt
                    ? `sent ${utcDay(e.reportedAt)}`
                    : `due ${utcDay(e.reportDueAt)}`
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayRecord && (
        <Form
          title="Record an adverse event"
          button="Record event"
          fields={[
            { name: "term", label: "CTCAE v5 term" },
            { name: "grade", label: "Grade (1–5)", type: "number" },
            { name: "serious", label: "Serious", type: "checkbox" },
            {
              name: "attribution",
              label: "Attribution to the product",
              options: Object.keys(ATTRIBUTIONS),
            },
            { name: "expected", label: "Expected", type: "checkbox" },
            { name: "onsetAt", label: "Onset (blank: now)", type: "datetime" },
            { name: "description", label: "Description" },
          ]}
          onSubmit={async (b) => {
            const e = await api.recordAdverseEvent({
              serious: false,
              expected: false,
              description: "",
              ...b,
              mrn,
            });
            reload();
            return e.expedited ? `recorded: expedited report due ${utcDay(e.reportDueAt)}` : "recorded";
          }}
        />
      )}
    </>
  );
}
