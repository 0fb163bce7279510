/**
 * The freezer monitoring alarms not closed (issue 18): an open one is acknowledged with a signature
 * ("Acknowledge…", meaning "reviewed") by the lab or the quality manager; the server decides whether the
 * alarm's state allows it and who may sign. Escalated alarms name the second person they went to.
 */
import { Table } from "@mantine/core";
import { Link } from "react-router";
import type { Alarm } from "../../../bank/quality/monitoring-schemas.js";
import type { User } from "../../api";
import { ListTable, when } from "../../components";
import { AcknowledgeAlarm } from "./AcknowledgeAlarm";

export function OpenAlarms({ alarms, user, onDone }: { alarms: Alarm[]; user: User; onDone: () => void }) {
  if (alarms.length === 0) return <p>No alarm is open.</p>;
  const acknowledges = user.roles.some((r) => r === "quality-manager" || r === "lab-technologist");
  return (
    <ListTable
      aria-label="Alarms"
      head={[
        "Device",
        "Kind",
        "State",
        "Since",
        "Escalated to",
        "Products",
        ...(acknowledges ? ["Steps"] : []),
      ]}
    >
      <Table.Tbody>
        {alarms.map((a) => (
          <Table.Tr key={a.id} data-alarm={a.id}>
            <Table.Td className="mono">
              <Link to={`/quality/alarms/${a.id}`}>{a.device}</Link>
            </Table.Td>
            <Table.Td>{a.kind}</Table.Td>
            <Table.Td data-testid="alarm-state">
              {a.state}
              {a.acknowledgedBy && ` by ${a.acknowledgedBy}: ${a.ackNote ?? ""}`}
            </Table.Td>
            <Table.Td className="mono">{when(a.startedAt)}</Table.Td>
            <Table.Td>{a.escalatedTo ?? "—"}</Table.Td>
            <Table.Td>{a.products.length}</Table.Td>
            {acknowledges && (
              <Table.Td>
                {a.state === "open" ? <AcknowledgeAlarm alarm={a} user={user} onDone={onDone} /> : "—"}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
