/**
 * Freezer and tank monitoring (issue 18, part 4): how each device is watched (the threshold it alarms
 * past, the LN2 level, the minutes before an unacknowledged alarm escalates and before a quiet sensor counts
 * as silent, the second person), its token and its last reading. A quality manager sets the thresholds and
 * makes or rotates a device's token (shown once: only its hash is kept); the lab and quality import a CSV
 * of readings and run the alarm sweep by hand. Readings from a monitoring system arrive over the API.
 */
import {
  Alert,
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { MonitoringSettings, MonitoringSettingsInput } from "../../bank/quality/monitoring-schemas.js";
import { type User, api } from "../api";
import { ErrorNote, Form, ListTable, SubmitRow, when } from "../components";

function TokenButton({ device, onToken }: { device: MonitoringSettings; onToken: (t: string) => void }) {
  const make = useMutation({
    mutationFn: () => api.deviceToken(device.device),
    onSuccess: (t) => onToken(`${t.device}: ${t.token}`),
  });
  return (
    <>
      <Button size="xs" variant="outline" loading={make.isPending} onClick={() => make.mutate()}>
        {device.hasToken ? "Rotate the token" : "Make a token"}
      </Button>
      <ErrorNote error={make.error} />
    </>
  );
}

function Devices({
  devices,
  manages,
  onToken,
}: {
  devices: MonitoringSettings[];
  manages: boolean;
  onToken: (t: string) => void;
}) {
  if (devices.length === 0) return <p>No device is monitored yet.</p>;
  return (
    <ListTable
      aria-label="Monitored devices"
      head={[
        "Device",
        "Kind",
        "Alarms warmer than",
        "LN2 at least",
        "Escalates after",
        "Silent after",
        "Second person",
        "Token",
        "Last reading",
      ]}
    >
      <Table.Tbody>
        {devices.map((d) => (
          <Table.Tr key={d.device} data-device={d.device}>
            <Table.Td className="mono">{d.device}</Table.Td>
            <Table.Td>{d.kind}</Table.Td>
            <Table.Td className="num">{d.maxCelsius} °C</Table.Td>
            <Table.Td className="num">{d.minLn2Level === null ? "—" : `${d.minLn2Level} %`}</Table.Td>
            <Table.Td className="num">{d.ackMinutes} min</Table.Td>
            <Table.Td className="num">{d.silentMinutes} min</Table.Td>
            <Table.Td>{d.escalateTo}</Table.Td>
            <Table.Td>
              {d.hasToken ? `set ${when(d.tokenSetAt)}` : "none"}
              {manages && <TokenButton device={d} onToken={onToken} />}
            </Table.Td>
            <Table.Td className="mono">{d.lastReadingAt ? when(d.lastReadingAt) : "none yet"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}

/** A CSV pasted or read from a file (header `at,celsius[,ln2_level]`), for one device. */
function ImportReadings({ devices, onDone }: { devices: string[]; onDone: () => void }) {
  const [device, setDevice] = useState("");
  const [csv, setCsv] = useState("");
  const [done, setDone] = useState("");
  const send = useMutation({
    mutationFn: () => api.importReadings(device, csv),
    onMutate: () => setDone(""),
    onSuccess: (o) => {
      setDone(
        `${o.stored} readings stored, ${o.duplicates} already had; alarms raised: ${o.alarmsRaised.length}`,
      );
      setCsv("");
      onDone();
    },
  });
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label="Import readings"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3}>Import readings</Title>
        <NativeSelect
          label="Device"
          withAsterisk
          value={device}
          onChange={(e) => setDevice(e.currentTarget.value)}
          data={[{ value: "", label: "—" }, ...devices]}
        />
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="A CSV file of readings"
          onChange={async (e) => {
            const f = e.currentTarget.files?.[0];
            if (f) setCsv(await f.text());
          }}
        />
        <Textarea
          label="Readings (CSV: at,celsius[,ln2_level], times with their offset)"
          withAsterisk
          autosize
          minRows={3}
          maxRows={12}
          className="mono"
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
        />
        <SubmitRow button="Import the readings" busy={send.isPending} done={done} error={send.error} />
      </Stack>
    </Paper>
  );
}

function Sweep({ onDone }: { onDone: () => void }) {
  const sweep = useMutation({ mutationFn: () => api.sweepAlarms(), onSuccess: onDone });
  return (
    <Group my="sm">
      <Button variant="outline" loading={sweep.isPending} onClick={() => sweep.mutate()}>
        Run the alarm sweep now
      </Button>
      {sweep.data && (
        <span className="ok">
          Silent sensors alarmed: {sweep.data.raised.length}; alarms escalated: {sweep.data.escalated.length}
        </span>
      )}
      <ErrorNote error={sweep.error} />
    </Group>
  );
}

export function MonitoringPage({ user }: { user: User }) {
  const queries = useQueryClient();
  const settings = useQuery({ queryKey: ["quality", "monitoring"], queryFn: () => api.monitoring() });
  const manages = user.roles.includes("quality-manager");
  // The storage model names the devices a setting may be for; only the settings form needs it, and an
  // auditor, who may read quality but not storage, would only earn a refusal.
  const storage = useQuery({
    queryKey: ["storage", "devices"],
    queryFn: () => api.storageDevices(),
    enabled: manages,
  });
  const [token, setToken] = useState("");
  const reload = () => void queries.invalidateQueries({ queryKey: ["quality"] });
  const imports = manages || user.roles.includes("lab-technologist");
  const known = (settings.data ?? []).map((d) => d.device);
  const all = [...new Set([...(storage.data ?? []).map((d) => d.name), ...known])].sort();
  return (
    <section>
      <Title order={1}>Monitoring</Title>
      <p>
        <Link to="/quality">Back to the quality dashboard</Link>
      </p>
      <ErrorNote error={settings.error} />
      {settings.isPending && <p className="loading">Loading…</p>}
      {token && (
        <Alert color="yellow" role="alert" my="sm">
          <strong>The device's new token: copy it now.</strong> <Code>{token}</Code> It is shown only this
          once (Cradle keeps only its hash); the monitoring system sends it as{" "}
          <Code>Authorization: Bearer …</Code> with each post to /api/monitoring/readings. Any earlier token
          of this device no longer works.
        </Alert>
      )}
      {settings.data && <Devices devices={settings.data} manages={manages} onToken={setToken} />}
      {imports && <Sweep onDone={reload} />}
      {manages && (
        <Form
          title="Set how a device is monitored"
          button="Save the settings"
          fields={[
            { name: "device", label: "Device", required: true, options: all },
            {
              name: "maxCelsius",
              label: "Alarm when warmer than (°C; an LN2 tank: −150 if empty)",
              type: "number",
            },
            { name: "minLn2Level", label: "Alarm when the LN2 level is below (%)", type: "number" },
            {
              name: "ackMinutes",
              label: "Minutes before an unacknowledged alarm escalates (15 if empty)",
              type: "number",
            },
            {
              name: "silentMinutes",
              label: "Minutes without a reading before it is silent (30 if empty)",
              type: "number",
            },
            { name: "escalateTo", label: "Second person (user name)", required: true },
          ]}
          onSubmit={async (b) => {
            const saved = await api.setMonitoring(b as MonitoringSettingsInput);
            reload();
            return `${saved.device}: saved`;
          }}
        />
      )}
      {imports && <ImportReadings devices={known} onDone={reload} />}
    </section>
  );
}
