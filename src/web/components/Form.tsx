/**
 * One form for every step a user records: labelled Mantine fields named as the API names them, required
 * ones marked, numbers and local times converted (a time is entered on the user's clock and leaves as an
 * instant; empty means now), and the server's refusal shown on the field at fault in the user's words. The
 * server checks the rules; the form only carries the values.
 */
import { Checkbox, NativeSelect, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../api";
import { SubmitRow } from "./SubmitRow";
import { inUserWords } from "./field-words";
import { localTimesIn, localToInstant, zoneName } from "./format";

export interface Field {
  name: string;
  label: string;
  type?: "text" | "number" | "password" | "datetime" | "checkbox";
  options?: string[];
  placeholder?: string;
  /** Marked with an asterisk; the server still decides (a missing value is its refusal, shown here). */
  required?: boolean;
  /** The field takes barcode scans itself (the scanner leaves every field alone; this says so to the user). */
  scan?: boolean;
  /**
   * A time left empty: "now" (the default: most steps are recorded as they happen) or "omit" (a time that
   * must be entered, such as a randomisation's: sent absent, so the server refuses it rather than guess).
   */
  whenEmpty?: "now" | "omit";
}

/** The field a refusal names, matched to the form's field of that name (a dotted path by its first part). */
function faultOf(error: unknown, fields: Field[]): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const f = error.field;
  return fields.find((x) => x.name === f || f.startsWith(`${x.name}.`))?.name;
}

export function Form({
  title,
  fields,
  button,
  onSubmit,
  initial = {},
  showTitle = true,
}: {
  title: string;
  fields: Field[];
  button: string;
  /** Sends the body; resolves to the message to show when done. */
  onSubmit: (body: Record<string, unknown>) => Promise<string | undefined>;
  initial?: Record<string, string | boolean>;
  /** False inside a dialog, whose own title names the form. */
  showTitle?: boolean;
}) {
  const [values, setValues] = useState<Record<string, string | boolean>>(initial);
  const [done, setDone] = useState("");
  const send = useMutation({
    mutationFn: onSubmit,
    onMutate: () => setDone(""),
    onSuccess: (message) => {
      setDone(message ?? `${title}: done`);
      setValues(initial);
    },
  });
  const fault = faultOf(send.error, fields);
  const errorOf = (f: Field) =>
    fault === f.name && send.error instanceof ApiError
      ? localTimesIn(inUserWords(send.error.message, send.error.field))
      : undefined;
  const set = (name: string, v: string | boolean) => setValues({ ...values, [name]: v });
  const zone = zoneName();
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        const body: Record<string, unknown> = {};
        for (const f of fields) {
          const v = values[f.name];
          // A time left empty is now: most steps are recorded as they happen.
          if (f.type === "datetime") {
            const at = localToInstant(String(v ?? ""));
            if (at) body[f.name] = at;
            else if (f.whenEmpty !== "omit") body[f.name] = new Date().toISOString();
            continue;
          }
          if (v === undefined || v === "") continue;
          if (f.type === "number") body[f.name] = Number(v);
          else body[f.name] = v;
        }
        send.mutate(body);
      }}
    >
      <Stack gap="xs">
        {showTitle && <Title order={3}>{title}</Title>}
        {fields.map((f) => {
          const common = {
            name: f.name,
            label: f.label,
            withAsterisk: f.required === true,
            "aria-required": f.required === true ? true : undefined,
            error: errorOf(f),
          };
          if (f.options)
            return (
              <NativeSelect
                key={f.name}
                {...common}
                value={String(values[f.name] ?? "")}
                onChange={(e) => set(f.name, e.currentTarget.value)}
                data={[{ value: "", label: "—" }, ...f.options]}
              />
            );
          if (f.type === "checkbox")
            return (
              <Checkbox
                key={f.name}
                name={f.name}
                label={f.label}
                error={common.error}
                checked={values[f.name] === true}
                onChange={(e) => set(f.name, e.currentTarget.checked)}
              />
            );
          return (
            <TextInput
              key={f.name}
              {...common}
              type={f.type === "datetime" ? "datetime-local" : f.type === "password" ? "password" : "text"}
              inputMode={f.type === "number" ? "decimal" : undefined}
              description={
                f.type === "datetime" ? `Your local time (${zone})` : f.scan ? "Scan or type" : undefined
              }
              placeholder={f.placeholder}
              autoComplete={f.type === "password" ? "current-password" : "off"}
              value={String(values[f.name] ?? "")}
              onChange={(e) => set(f.name, e.currentTarget.value)}
            />
          );
        })}
        <SubmitRow button={button} busy={send.isPending} done={done} error={send.error} />
      </Stack>
    </Paper>
  );
}
