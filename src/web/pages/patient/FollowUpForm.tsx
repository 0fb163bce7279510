/** One follow-up form, its fields drawn from the server's description of the form. */
import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { FormSpecs } from "../../../outcomes/schemas";
import { api } from "../../api";
import { ErrorNote, fieldError, localToInstant, zoneName } from "../../components";

export function FollowUpForm({
  planId,
  visits,
  spec,
  onDone,
}: { planId: string; visits: { visit: string; forms: string[] }[]; spec: FormSpecs; onDone: () => void }) {
  const [visit, setVisit] = useState(visits.find((v) => v.forms.length)?.visit ?? "");
  const forms = visits.find((v) => v.visit === visit)?.forms ?? [];
  const [form, setForm] = useState("");
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [observedAt, setObservedAt] = useState("");
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState("");
  const fields = Object.entries(spec[form] ?? {});
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label="Record a follow-up form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        const data: Record<string, unknown> = {};
        for (const [name, f] of fields) {
          const v = values[name];
          if (v === undefined || v === "") continue;
          data[name] = f.kind === "number" ? Number(v) : f.kind === "boolean" ? v === true : v;
        }
        try {
          await api.recordFollowUp({
            planId,
            visit,
            form,
            observedAt: localToInstant(observedAt) ?? new Date().toISOString(),
            data,
          });
          setDone(`${form} recorded for ${visit}`);
          setValues({});
          onDone();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <Stack gap="xs">
        <Title order={3}>Record a follow-up form</Title>
        <NativeSelect
          name="visit"
          label="Visit"
          withAsterisk
          value={visit}
          onChange={(e) => setVisit(e.currentTarget.value)}
          data={visits.map((v) => v.visit)}
          error={fieldError(error, "visit")}
        />
        <NativeSelect
          name="form"
          label="Form"
          withAsterisk
          value={form}
          onChange={(e) => setForm(e.currentTarget.value)}
          data={[{ value: "", label: "—" }, ...forms]}
          error={fieldError(error, "form")}
        />
        <TextInput
          name="observedAt"
          type="datetime-local"
          label="Observed (blank: now)"
          description={`Your local time (${zoneName()})`}
          value={observedAt}
          onChange={(e) => setObservedAt(e.currentTarget.value)}
          error={fieldError(error, "observedAt")}
        />
        {fields.map(([name, f]) => {
          const common = {
            name,
            label: f.what,
            withAsterisk: f.required === true,
            error: fieldError(error, `data.${name}`),
          };
          const set = (v: string | boolean) => setValues({ ...values, [name]: v });
          if (f.kind === "boolean")
            return (
              <Checkbox
                key={name}
                name={name}
                label={f.what}
                error={common.error}
                checked={values[name] === true}
                onChange={(e) => set(e.currentTarget.checked)}
              />
            );
          if (f.kind === "choice")
            return (
              <NativeSelect
                key={name}
                {...common}
                value={String(values[name] ?? "")}
                onChange={(e) => set(e.currentTarget.value)}
                data={[{ value: "", label: "—" }, ...(f.values ?? [])]}
              />
            );
          if (f.kind === "number" && f.integer && (f.max ?? 0) - (f.min ?? 0) <= 10)
            // A score of a few steps (an organ score 0–3): a choice among its values, never free text.
            return (
              <NativeSelect
                key={name}
                {...common}
                value={String(values[name] ?? "")}
                onChange={(e) => set(e.currentTarget.value)}
                data={[
                  { value: "", label: "—" },
                  ...Array.from({ length: (f.max ?? 0) - (f.min ?? 0) + 1 }, (_, i) =>
                    String((f.min ?? 0) + i),
                  ),
                ]}
              />
            );
          return (
            <TextInput
              key={name}
              {...common}
              type={f.kind === "number" ? "number" : f.kind === "date" ? "date" : "text"}
              {...(f.kind === "number" ? { min: f.min, max: f.max, step: f.integer ? 1 : "any" } : {})}
              placeholder={f.kind === "number" ? `${f.min} to ${f.max}` : ""}
              value={String(values[name] ?? "")}
              onChange={(e) => set(e.currentTarget.value)}
            />
          );
        })}
        <Group gap="sm">
          <Button type="submit">Record form</Button>
          {done && (
            <Text size="sm" c="green.9" className="ok">
              {done}
            </Text>
          )}
        </Group>
        <ErrorNote error={error} />
      </Stack>
    </Paper>
  );
}
