/** Reserving the product for a patient chosen from the patient records (never a typed name). */
import { Paper, Stack, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api";
import { PatientPicker, SubmitRow, fieldError } from "../../components";

export function ReserveStep({ din, product, onDone }: { din: string; product?: string; onDone: () => void }) {
  const [patientId, setPatientId] = useState("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState("");
  const send = useMutation({
    mutationFn: () => api.step(din, "reservation", { patientId, reason }, product),
    onMutate: () => setDone(""),
    onSuccess: () => {
      setDone(`Reserved for ${patientId}`);
      setReason("");
      onDone();
    },
  });
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label="Reserve for a patient"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3}>Reserve for a patient</Title>
        <PatientPicker value={patientId} onChange={setPatientId} error={send.error} />
        <TextInput
          name="reason"
          label="Reason"
          withAsterisk
          aria-required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(send.error, "reason")}
        />
        <SubmitRow button="Reserve" busy={send.isPending} done={done} error={send.error} />
      </Stack>
    </Paper>
  );
}
