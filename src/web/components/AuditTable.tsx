/** The audit events of the trail or of one record: who, when, what and why. */
import { Table } from "@mantine/core";
import type { AuditEvent } from "../api";
import { ListTable } from "./ListTable";
import { whenExact } from "./format";

export function AuditTable({ events, showRecord }: { events: AuditEvent[]; showRecord: boolean }) {
  return (
    <ListTable className="list audit">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>What</Table.Th>
          {showRecord && <Table.Th>Record</Table.Th>}
          <Table.Th>Why</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((a) => (
          <Table.Tr key={a.seq}>
            <Table.Td>{a.seq}</Table.Td>
            <Table.Td>{whenExact(a.at)}</Table.Td>
            <Table.Td>{a.actor}</Table.Td>
            <Table.Td>{a.action}</Table.Td>
            {showRecord && (
              <Table.Td className="mono">
                {a.entityType} {a.entityId}
              </Table.Td>
            )}
            <Table.Td>{a.reason ?? ""}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
