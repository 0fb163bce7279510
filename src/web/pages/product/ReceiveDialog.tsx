/**
 * The receiving centre's check (POST …/receipt, { condition, excursionReason? }): the server reads the
 * shipment's temperature log and refuses receipt while an excursion, or a missing log, has no reason.
 */
import { Text } from "@mantine/core";
import type { Excursion, Product } from "../../../bank/schemas.js";
import { api } from "../../api";
import { ExcursionList } from "./ExcursionList";
import { StepDialog } from "./StepDialog";

export function ReceiveDialog({
  din,
  code,
  onDone,
}: { din: string; code: string | undefined; onDone: () => void }) {
  return (
    <StepDialog
      opener="Receive…"
      title="Receive the shipment"
      button="Receive"
      intro={
        <Text size="sm">
          The temperature log is checked on receipt: an excursion, or no log, needs the reason it is still
          accepted.
        </Text>
      }
      fields={[
        {
          name: "condition",
          label: "Condition on arrival",
          placeholder: "shipper intact, seals unbroken, labels match",
          required: true,
        },
        { name: "excursionReason", label: "Why it is accepted (excursion or no log)" },
      ]}
      onClose={onDone}
      onSubmit={async (form) => {
        const r = (await api.step(din, "receipt", form, code)) as {
          product: Product;
          excursions: Excursion[];
        };
        return (
          <>
            <Text>Received: the product is now {r.product.status}.</Text>
            <ExcursionList excursions={r.excursions} />
            {r.excursions.length > 0 && (
              <Text size="sm">Accepted with the reason given: {String(form.excursionReason)}</Text>
            )}
          </>
        );
      }}
    />
  );
}
