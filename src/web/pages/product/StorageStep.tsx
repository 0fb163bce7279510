/**
 * The Store and Move steps: the position is chosen from the storage model (device, rack and box, then a
 * free slot of the box's grid) or typed (a scanned or written label). Either way the server reads it to
 * its canonical key and refuses an occupied, undefined or out-of-grid slot; the refusal shows on the field.
 */
import { Paper, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api";
import { SubmitRow, fieldError } from "../../components";
import { PositionPicker } from "../storage/PositionPicker";

function PositionStep({
  din,
  product,
  title,
  button,
  field,
  reason,
  onDone,
}: {
  din: string;
  product?: string;
  title: string;
  button: string;
  /** The body's name for the position: "location" to store, "to" to move. */
  field: "location" | "to";
  /** Moving says why. */
  reason: boolean;
  onDone: () => void;
}) {
  const [position, setPosition] = useState("");
  const [why, setWhy] = useState("");
  const [done, setDone] = useState("");
  const queries = useQueryClient();
  const send = useMutation({
    mutationFn: () =>
      api.step(
        din,
        field === "location" ? "storage" : "move",
        { [field]: position.trim(), ...(reason ? { reason: why } : {}) },
        product,
      ) as Promise<Record<string, string>>,
    onMutate: () => setDone(""),
    onSuccess: (answer) => {
      setDone(`${title}: ${answer.stored ?? answer.moved ?? "done"}`);
      setPosition("");
      setWhy("");
      // Occupancy changed: the storage page and every grid read anew.
      void queries.invalidateQueries({ queryKey: ["storage"] });
      onDone();
    },
  });
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3}>{title}</Title>
        <PositionPicker position={position} onPick={setPosition} />
        <TextInput
          name={field}
          label={field === "location" ? "Position" : "New position"}
          description="Pick a free slot above, or scan or type device/rack/box/position"
          placeholder="LN2-01/R03/B12/A1"
          withAsterisk
          aria-required
          autoComplete="off"
          value={position}
          onChange={(e) => setPosition(e.currentTarget.value)}
          error={fieldError(send.error, field)}
        />
        {reason && (
          <TextInput
            name="reason"
            label="Reason"
            withAsterisk
            aria-required
            value={why}
            onChange={(e) => setWhy(e.currentTarget.value)}
            error={fieldError(send.error, "reason")}
          />
        )}
        <SubmitRow button={button} busy={send.isPending} done={done} error={send.error} />
      </Stack>
    </Paper>
  );
}

export function StoreStep(p: { din: string; product?: string; onDone: () => void }) {
  return <PositionStep {...p} title="Store" button="Store" field="location" reason={false} />;
}

export function MoveStep(p: { din: string; product?: string; onDone: () => void }) {
  return <PositionStep {...p} title="Move" button="Move" field="to" reason />;
}
