/** Registering a collection: the bag's facts, the collection time on the user's clock (sent as an instant). */
import { Button, Group, NativeSelect, Paper, SimpleGrid, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../api";
import { SOURCES, STORAGE_KINDS } from "../bank-lists";
import { ErrorNote, fieldError, localToInstant, zoneName } from "../components";

/** Name, label, placeholder, and whether the server requires it (FIN or DIN: one of the two). */
const FIELDS: [string, string, string | undefined, boolean][] = [
  ["fin", "Facility (FIN) to allocate a DIN", "G1234", false],
  ["din", "…or the DIN on the bag", "scan or key", false],
  ["donorId", "Donor (local id, never a name)", undefined, true],
  ["motherId", "Mother (cord blood)", undefined, false],
  ["consentRef", "Consent reference", undefined, true],
  ["site", "Collection site", undefined, true],
  ["volumeMl", "Volume (mL)", undefined, true],
  ["productCode", "Product code", "S1234V00", true],
  ["aboRhD", "ABO/RhD", "O+", false],
];

export function Register() {
  const [v, setV] = useState<Record<string, string>>({
    source: "cord-blood",
    storageTemperature: "cryopreserved",
  });
  const [collectedAt, setCollectedAt] = useState("");
  const navigate = useNavigate();
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.register(body),
    onSuccess: (p) => navigate(`/products/${p.din}`),
  });
  const error = send.error;
  return (
    <section>
      <Title order={1}>Register a collection</Title>
      <Paper
        component="form"
        withBorder
        p="md"
        mt="sm"
        className="register"
        aria-label="Register a collection"
        onSubmit={(e) => {
          e.preventDefault();
          const body: Record<string, unknown> = { ...v, collectedAt: localToInstant(collectedAt) ?? "" };
          if (v.volumeMl) body.volumeMl = Number(v.volumeMl);
          for (const k of Object.keys(body)) if (body[k] === "") delete body[k];
          send.mutate(body);
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <NativeSelect
            name="source"
            label="Source"
            withAsterisk
            value={v.source}
            onChange={(e) => setV({ ...v, source: e.currentTarget.value })}
            data={SOURCES}
            error={fieldError(error, "source")}
          />
          {FIELDS.map(([name, label, placeholder, required]) => (
            <TextInput
              key={name}
              name={name}
              label={label}
              withAsterisk={required}
              placeholder={placeholder}
              inputMode={name === "volumeMl" ? "decimal" : undefined}
              value={v[name] ?? ""}
              onChange={(e) => setV({ ...v, [name]: e.currentTarget.value })}
              error={fieldError(error, name)}
            />
          ))}
          <TextInput
            name="collectedAt"
            type="datetime-local"
            label="Collected at"
            description={`Your local time (${zoneName()})`}
            withAsterisk
            value={collectedAt}
            onChange={(e) => setCollectedAt(e.currentTarget.value)}
            error={fieldError(error, "collectedAt")}
          />
          <NativeSelect
            name="storageTemperature"
            label="Storage"
            withAsterisk
            value={v.storageTemperature}
            onChange={(e) => setV({ ...v, storageTemperature: e.currentTarget.value })}
            data={STORAGE_KINDS}
            error={fieldError(error, "storageTemperature")}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={send.isPending}>
            Register
          </Button>
        </Group>
        <ErrorNote error={error} />
      </Paper>
    </section>
  );
}
