/** The audit events of the trail or of one record: who, when, what and why. */
import type { AuditEvent } from "../api";

export function AuditTable({ events, showRecord }: { events: AuditEvent[]; showRecord: boolean }) {
  return (
    <table className="list audit">
      <thead>
        <tr>
          <th>#</th>
          <th>When (UTC)</th>
          <th>Who</th>
          <th>What</th>
          {showRecord && <th>Record</th>}
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {events.map((a) => (
          <tr key={a.seq}>
            <td>{a.seq}</td>
            <td>{a.at.slice(0, 19).replace("T", " ")}</td>
            <td>{a.actor}</td>
            <td>{a.action}</td>
            {showRecord && (
              <td className="mono">
                {a.entityType} {a.entityId}
              </td>
            )}
            <td>{a.reason ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
