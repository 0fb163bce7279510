/**
 * Divide an undivided product into divisions by volume (POST …/divide, { volumesMl }): the user types the
 * volumes, one per division; the server checks 2 to 26 of them adding up to the product's volume.
 */
import { Anchor, List, Text } from "@mantine/core";
import { Link } from "react-router";
import type { Product } from "../../../bank/schemas.js";
import { api } from "../../api";
import { StepDialog } from "./StepDialog";

/** "12.5, 12.5" → [12.5, 12.5]; a piece that is not a number goes as typed, for the server to name. */
export function volumesOf(text: string): unknown[] {
  return text
    .split(/[,;\s]+/)
    .filter((x) => x !== "")
    .map((x) => (/^\d+(\.\d+)?$/.test(x) ? Number(x) : x));
}

export function DivideDialog({
  din,
  volumeMl,
  onDone,
}: { din: string; volumeMl: number; onDone: () => void }) {
  return (
    <StepDialog
      opener="Divide…"
      title="Divide into divisions"
      button="Divide"
      intro={
        <Text size="sm">
          One volume per division (2 to 26), separated by commas; together they make the product's {volumeMl}{" "}
          mL.
        </Text>
      }
      fields={[
        {
          name: "volumesMl",
          label: "Volumes per division (mL)",
          placeholder: `e.g. ${volumeMl / 2}, ${volumeMl / 2}`,
          required: true,
        },
      ]}
      onClose={onDone}
      onSubmit={async (form) => {
        const divisions = (await api.step(din, "divide", {
          volumesMl: volumesOf(String(form.volumesMl ?? "")),
        })) as Product[];
        return (
          <>
            <Text>Divided into {divisions.length} divisions:</Text>
            <List className="divisions">
              {divisions.map((d) => (
                <List.Item key={d.id}>
                  <Anchor component={Link} underline="always" to={`/products/${d.din}?product=${d.code}`}>
                    {d.code}
                  </Anchor>{" "}
                  — {d.volumeMl} mL, {d.status.replace("_", " ")}
                </List.Item>
              ))}
            </List>
          </>
        );
      }}
    />
  );
}
