/** Ship a reserved product (POST …/shipment): where it goes, who carries it, in which dry shipper. */
import { Text } from "@mantine/core";
import type { Shipment } from "../../../bank/schemas.js";
import { api } from "../../api";
import { when } from "../../components";
import { StepDialog } from "./StepDialog";

export function ShipDialog({
  din,
  code,
  onDone,
}: { din: string; code: string | undefined; onDone: () => void }) {
  return (
    <StepDialog
      opener="Ship…"
      title="Ship to the infusing centre"
      button="Ship"
      fields={[
        { name: "destination", label: "Destination", placeholder: "Children's Hospital BMT", required: true },
        { name: "courier", label: "Courier", required: true },
        { name: "shipperId", label: "Dry shipper serial number", scan: true, required: true },
      ]}
      onClose={onDone}
      onSubmit={async (form) => {
        const s = (await api.step(din, "shipment", form, code)) as Shipment;
        return (
          <Text>
            Shipped {when(s.shippedAt)} to {s.destination} by {s.courier} in shipper {s.shipperId}; it must
            stay at or below {s.maxCelsius} °C
            {s.minCelsius === null ? "" : ` and at or above ${s.minCelsius} °C`}. Upload the shipper's
            temperature log when it arrives.
          </Text>
        );
      }}
    />
  );
}
