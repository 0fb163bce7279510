/** Discard with the reason (POST …/discard, { reason }): the server refuses a status that cannot be discarded. */
import { Text } from "@mantine/core";
import { api } from "../../api";
import { StepDialog } from "./StepDialog";

export function DiscardDialog({
  din,
  code,
  onDone,
}: { din: string; code: string | undefined; onDone: () => void }) {
  return (
    <StepDialog
      opener="Discard…"
      title="Discard this product"
      button="Discard"
      color="red.9"
      intro={
        <Text size="sm">The product leaves the inventory for good; the reason is kept in its history.</Text>
      }
      fields={[{ name: "reason", label: "Reason", required: true }]}
      onClose={onDone}
      onSubmit={async (form) => {
        await api.step(din, "discard", form, code);
        return <Text>Discarded. The reason is in the product's history.</Text>;
      }}
    />
  );
}
