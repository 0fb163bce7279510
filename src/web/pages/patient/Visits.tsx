/** Each plan's follow-up visits against their due dates, and the form to record one when allowed. */
import { Table, Title } from "@mantine/core";
import type { FormSpecs, PatientOutcomes } from "../../../outcomes/schemas";
import { ListTable, day } from "../../components";
import { FollowUpForm } from "./FollowUpForm";

export function Visits({
  followUp,
  spec,
  mayRecord,
  reload,
}: { followUp: PatientOutcomes["followUp"]; spec?: FormSpecs; mayRecord: boolean; reload: () => void }) {
  return (
    <>
      <Title order={2}>Follow-up</Title>
      {followUp.map((f) => (
        <div key={f.planId} className="follow-up">
          <Title order={3}>{f.protocolId}</Title>
          <ListTable className="list visits" head={["Visit", "Due", "State", "Forms recorded", "Window"]}>
            <Table.Tbody>
              {f.visits.map((v) => (
                <Table.Tr key={v.visit} data-visit={v.visit}>
                  <Table.Td>{v.visit}</Table.Td>
                  <Table.Td>{day(v.dueAt)}</Table.Td>
                  <Table.Td>
                    <span className={`dose ${v.state}`}>{v.state}</span>
                  </Table.Td>
                  <Table.Td>{v.recorded.join(", ") || "—"}</Table.Td>
                  <Table.Td className={v.outOfWindow.length ? "out-of-window" : ""}>
                    {v.outOfWindow.length
                      ? v.outOfWindow
                          .map(
                            (o) =>
                              `${o.form}: out of window, day ${o.day} (${o.daysOff > 0 ? "+" : ""}${o.daysOff} d)`,
                          )
                          .join("; ")
                      : `day ${v.day} ± ${v.tolerance}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ListTable>
          {mayRecord && spec && f.visits.length > 0 && (
            <FollowUpForm planId={f.planId} visits={f.visits} spec={spec} onDone={reload} />
          )}
        </div>
      ))}
    </>
  );
}
