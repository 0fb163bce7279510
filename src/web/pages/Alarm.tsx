/**
 * One freezer or tank alarm, printable: what the reading was against which threshold, when it began, was
 * raised, escalated, acknowledged and recovered, and the products stored in the device with their exposure
 * (to the minute, down to rack, box and position; from the storage history, so one moved or shipped out
 * meanwhile is listed with when it left). The lab or quality acknowledges an open alarm; once it is
 * acknowledged and the device is back in range, a quality manager closes it with the actions taken and the
 * product impact assessment, signed (meaning "approved"). The server decides every state and signature.
 */
import { Group, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import type { Alarm } from "../../bank/quality/monitoring-schemas.js";
import { type User, api } from "../api";
import { ErrorNote, ListTable, PrintButton, SigningDialog, codeField, takeCode, when } from "../components";
import { AcknowledgeAlarm } from "./quality/AcknowledgeAlarm";

const WHAT: Record<Alarm["kind"], string> = {
  excursion: "warmer than the threshold",
  "ln2-low": "LN2 level below the threshold",
  silent: "no reading (a silent sensor)",
};

function reading(a: Alarm): string {
  if (a.value === null || a.threshold === null) return "—";
  const unit = a.kind === "ln2-low" ? " %" : " °C";
  return `${a.value}${unit} (threshold ${a.threshold}${unit})`;
}

function Products({ alarm }: { alarm: Alarm }) {
  if (alarm.products.length === 0) return <p>No product was stored in {alarm.device} during the alarm.</p>;
  return (
    <ListTable
      aria-label="Products in the device"
      head={["DIN", "Location", "Rack", "Box", "Position", "Left the device", "Exposure (minutes)"]}
    >
      <Table.Tbody>
        {alarm.products.map((p) => (
          <Table.Tr key={p.productId}>
            <Table.Td className="mono">
              <Link to={`/products/${encodeURIComponent(p.din)}`}>{p.din}</Link>
            </Table.Td>
            <Table.Td>{p.location}</Table.Td>
            <Table.Td>{p.rack}</Table.Td>
            <Table.Td>{p.box}</Table.Td>
            <Table.Td className="mono">{p.position}</Table.Td>
            <Table.Td className="mono">{p.leftAt ? when(p.leftAt) : "still there"}</Table.Td>
            <Table.Td className="num">{Math.round(p.exposureMinutes)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}

function Steps({ alarm, user, onDone }: { alarm: Alarm; user: User; onDone: () => void }) {
  const acknowledges = user.roles.some((r) => r === "quality-manager" || r === "lab-technologist");
  const closes = user.roles.includes("quality-manager");
  if (alarm.state === "open" && acknowledges)
    return <AcknowledgeAlarm alarm={alarm} user={user} onDone={onDone} />;
  if (alarm.state === "acknowledged" && closes) {
    if (alarm.recoveredAt === null) return <p>It can be closed once a reading is back in range.</p>;
    return (
      <SigningDialog
        opener="Close the alarm…"
        title={`Close the alarm on ${alarm.device}: sign as ${user.printedName}, meaning "approved"`}
        button="Sign and close"
        fields={[
          { name: "actions", label: "The actions taken (at least 10 characters)", required: true },
          {
            name: "impact",
            label: "The product impact assessment (at least 10 characters)",
            required: true,
          },
          { name: "password", label: "Your password", type: "password", required: true },
          ...codeField(user),
        ]}
        onSubmit={async (form) => {
          const [body, code] = takeCode(form);
          await api.closeAlarm(alarm.id, body, code);
          onDone();
          return undefined;
        }}
      />
    );
  }
  return null;
}

export function AlarmPage({ id, user }: { id: string; user: User }) {
  const queries = useQueryClient();
  const alarm = useQuery({ queryKey: ["quality", "alarm", id], queryFn: () => api.alarm(id) });
  const reload = () => void queries.invalidateQueries({ queryKey: ["quality"] });
  const a = alarm.data;
  return (
    <section className="alarm-record">
      <Title order={1}>Alarm{a ? ` on ${a.device}` : ""}</Title>
      <p className="no-print">
        <Link to="/quality">Back to the quality dashboard</Link> ·{" "}
        <Link to="/quality/monitoring">Monitoring</Link>
      </p>
      <ErrorNote error={alarm.error} />
      {alarm.isPending && <p className="loading">Loading…</p>}
      {a && (
        <>
          <dl className="facts">
            <dt>Device</dt>
            <dd className="mono">{a.device}</dd>
            <dt>What</dt>
            <dd>{WHAT[a.kind]}</dd>
            <dt>Reading</dt>
            <dd>{reading(a)}</dd>
            <dt>State</dt>
            <dd data-testid="alarm-state">{a.state}</dd>
            <dt>Began</dt>
            <dd>{when(a.startedAt)}</dd>
            <dt>Raised</dt>
            <dd>{when(a.raisedAt)}</dd>
            <dt>Back in range</dt>
            <dd>{a.recoveredAt ? when(a.recoveredAt) : "not yet"}</dd>
            <dt>Escalated</dt>
            <dd>{a.escalatedAt ? `${when(a.escalatedAt)} to ${a.escalatedTo}` : "no"}</dd>
            <dt>Acknowledged</dt>
            <dd>
              {a.acknowledgedAt ? `${when(a.acknowledgedAt)} by ${a.acknowledgedBy}: ${a.ackNote}` : "no"}
            </dd>
            {a.closedAt && (
              <>
                <dt>Actions taken</dt>
                <dd>{a.actions}</dd>
                <dt>Product impact</dt>
                <dd>{a.impact}</dd>
                <dt>Closed</dt>
                <dd data-testid="alarm-closed">
                  {when(a.closedAt)} by {a.closedBy} (signed, meaning "approved")
                </dd>
              </>
            )}
          </dl>
          <Group className="no-print" my="sm">
            <Steps alarm={a} user={user} onDone={reload} />
            <PrintButton />
          </Group>
          <Title order={2}>Products in the device ({a.products.length})</Title>
          <Products alarm={a} />
        </>
      )}
    </section>
  );
}
