/**
 * Adverse events with their CTCAE coding and expedited-report clocks (due, overdue by days, submitted with
 * date, reference and who), the form to record a submission, and the form to record an event when allowed.
 */
import { Table, Title } from "@mantine/core";
import type { PatientOutcomes } from "../../../outcomes/schemas";
import { api } from "../../api";
import { Form, ListTable, day } from "../../components";
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
      <Title order={2}>Adverse events</Title>
      <ListTable
        className="list ae-list"
        head={[
          "Onset",
          "Term (CTCAE v5.0)",
          "Grade",
          "Serious",
          "Attribution",
          "Expected",
          "Expedited report",
        ]}
      >
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id} className={e.report.state === "overdue" ? "overdue" : ""}>
              <Table.Td>{day(e.onsetAt)}</Table.Td>
              <Table.Td>
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
              </Table.Td>
              <Table.Td className="num">{e.grade}</Table.Td>
              <Table.Td>{e.serious ? "yes" : "no"}</Table.Td>
              <Table.Td>{e.attribution}</Table.Td>
              <Table.Td>{e.expected ? "yes" : "no"}</Table.Td>
              <Table.Td className={`report ${e.report.state}`}>{reportText(e, e.report)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
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
