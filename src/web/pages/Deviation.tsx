/**
 * One deviation's record, printable (the print style drops the navigation and the forms): what happened
 * and when it was discovered, what it touched, the impact assessment, the 21 CFR 1271.350(b) report clock
 * and the report as submitted, the CAPAs opened from it, and the closing decision with its signature
 * (printed name, time, meaning: 21 CFR 11.50). A quality manager records the FDA report and opens and
 * completes CAPAs here; assessing and closing stay on the quality dashboard beside the other open records.
 */
import { Group, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import type { Capa } from "../../bank/quality/deviation-schemas.js";
import { type User, api } from "../api";
import { CAPA_KINDS } from "../bank-lists";
import { ErrorNote, Form, ListTable, PrintButton, when } from "../components";
import { ReportSubmitted } from "./quality/ReportSubmitted";

function Capas({ capas, manages, onDone }: { capas: Capa[]; manages: boolean; onDone: () => void }) {
  if (capas.length === 0) return <p>No CAPA was opened from this deviation.</p>;
  return (
    <ListTable
      aria-label="CAPAs from this deviation"
      head={["Due", "Kind", "Owner", "Action", "State", "Outcome"]}
    >
      <Table.Tbody>
        {capas.map((c) => (
          <Table.Tr key={c.id} data-capa={c.id}>
            <Table.Td className="mono">
              {c.overdue ? <strong>{c.dueDate} overdue</strong> : c.dueDate}
            </Table.Td>
            <Table.Td>{c.kind}</Table.Td>
            <Table.Td>{c.owner}</Table.Td>
            <Table.Td>{c.description}</Table.Td>
            <Table.Td data-testid="capa-state">{c.state}</Table.Td>
            <Table.Td>
              {c.outcome ? (
                `${c.outcome} (${when(c.completedAt)}, ${c.completedBy})`
              ) : manages ? (
                <div className="no-print">
                  <Form
                    title={`Complete the CAPA due ${c.dueDate}`}
                    showTitle={false}
                    button="Record as done"
                    fields={[{ name: "outcome", label: "What was done and its effect", required: true }]}
                    onSubmit={async (b) => {
                      await api.completeCapa(c.id, { outcome: String(b.outcome ?? "") });
                      onDone();
                      return undefined;
                    }}
                  />
                </div>
              ) : (
                "—"
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}

export function DeviationPage({ id, user }: { id: string; user: User }) {
  const queries = useQueryClient();
  const record = useQuery({ queryKey: ["quality", "deviation", id], queryFn: () => api.deviationRecord(id) });
  const reload = () => void queries.invalidateQueries({ queryKey: ["quality"] });
  const manages = user.roles.includes("quality-manager");
  const data = record.data;
  const d = data?.deviation;
  return (
    <section className="deviation-record">
      <Title order={1}>Deviation</Title>
      <p className="no-print">
        <Link to="/quality">Back to the quality dashboard</Link>
      </p>
      <ErrorNote error={record.error} />
      {data && d && (
        <>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{d.kind}</dd>
            <dt>Discovered</dt>
            <dd>{when(d.discoveredAt)}</dd>
            <dt>Recorded</dt>
            <dd>
              {when(d.recordedAt)} by {d.recordedBy}
            </dd>
            <dt>What happened</dt>
            <dd>{d.description}</dd>
            <dt>State</dt>
            <dd data-testid="deviation-state">{d.state}</dd>
            <dt>In distributed products</dt>
            <dd>{d.distributed ? "yes" : "no"}</dd>
            <dt>Impact</dt>
            <dd>
              {d.impact === null
                ? "not assessed"
                : `${d.impact} (${when(d.assessedAt)}, ${d.assessedBy}; ${d.reportable ? "reportable to FDA" : "not reportable"})`}
            </dd>
            {d.report && (
              <>
                <dt>Report to FDA (1271.350(b))</dt>
                <dd data-testid="deviation-report">
                  {d.report.submittedAt
                    ? `submitted ${when(d.report.submittedAt)} by ${d.report.submittedBy}, reference ${d.report.reference}`
                    : `due ${d.report.dueDate} (${d.report.state})`}
                </dd>
              </>
            )}
            {data.signature && (
              <>
                <dt>Closed</dt>
                <dd data-testid="deviation-signature">
                  {d.decision === "accept" ? "products accepted" : "products rejected"},{" "}
                  {when(data.signature.signedAt)}, signed by {data.signature.printedName} (meaning "
                  {data.signature.meaning}")
                </dd>
              </>
            )}
          </dl>
          <Group className="no-print" my="sm">
            <PrintButton />
          </Group>
          <Title order={2}>What it touched ({d.links.length})</Title>
          {d.links.length === 0 ? (
            <p>Nothing is linked.</p>
          ) : (
            <ListTable aria-label="What the deviation touched" head={["Kind", "Reference"]}>
              <Table.Tbody>
                {d.links.map((l) => (
                  <Table.Tr key={`${l.kind}/${l.ref}`}>
                    <Table.Td>{l.kind}</Table.Td>
                    <Table.Td className="mono">
                      {l.kind === "product" && l.din ? (
                        <Link to={`/products/${encodeURIComponent(l.din)}`}>{l.din}</Link>
                      ) : (
                        l.ref
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
          )}
          {manages && d.reportable === true && d.report && !d.report.submittedAt && (
            <div className="no-print">
              <ReportSubmitted
                to="FDA"
                referenceLabel="FDA's reference (e.g. the Form 3486 number)"
                onSubmit={async (b) => {
                  await api.reportDeviation(id, b);
                  reload();
                }}
              />
            </div>
          )}
          <Title order={2}>CAPAs ({data.capas.length})</Title>
          <Capas capas={data.capas} manages={manages} onDone={reload} />
          {manages && (
            <div className="no-print">
              <Form
                title="Open a CAPA from this deviation"
                button="Open the CAPA"
                fields={[
                  { name: "kind", label: "Corrective or preventive", required: true, options: CAPA_KINDS },
                  { name: "description", label: "The action (at least 10 characters)", required: true },
                  { name: "owner", label: "Owner (user name)", required: true },
                  { name: "dueDate", label: "Due date (YYYY-MM-DD)", required: true },
                ]}
                onSubmit={async (b) => {
                  await api.openCapa({ ...b, deviationId: id } as never);
                  reload();
                  return "CAPA opened";
                }}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
