/**
 * Record a processing step, with the reagent or supply lots and the equipment it used picked from the
 * bank's lists (accepted lots, defined equipment). The server refuses an expired or unaccepted lot and
 * equipment out of calibration or maintenance at the step's time, naming it.
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import { PROCESSING_STEPS } from "../../bank-lists";
import { Form } from "../../components";

/** The form's single lot and equipment picks as the API's lists. */
export function withMaterials(
  form: Record<string, unknown>,
  lots: { id: string; lotNumber: string }[],
): Record<string, unknown> {
  const { lot, lot2, asset, ...body } = form;
  const lotIds = [lot, lot2]
    .filter((x) => typeof x === "string" && x !== "")
    .map((n) => lots.find((l) => l.lotNumber === n)?.id ?? String(n));
  return {
    ...body,
    ...(lotIds.length > 0 ? { lotIds } : {}),
    ...(typeof asset === "string" && asset !== "" ? { assetIds: [asset] } : {}),
  };
}

export function ProcessingStep({
  din,
  product,
  onDone,
}: { din: string; product?: string; onDone: () => void }) {
  const lots = useQuery({ queryKey: ["lots"], queryFn: () => api.lots() });
  const equipment = useQuery({ queryKey: ["equipment"], queryFn: () => api.equipment() });
  const usable = (lots.data ?? []).filter((l) => l.acceptance === "accepted");
  const lotNumbers = usable.map((l) => l.lotNumber);
  return (
    <Form
      title="Record processing"
      button="Record"
      fields={[
        { name: "step", required: true, label: "Step", options: PROCESSING_STEPS },
        { name: "performedAt", label: "Performed at (empty: now)", type: "datetime" },
        { name: "volumeAfterMl", label: "Volume after (mL)", type: "number" },
        { name: "lot", label: "Lot used", options: lotNumbers },
        { name: "lot2", label: "Another lot used", options: lotNumbers },
        { name: "asset", label: "Equipment used", options: (equipment.data ?? []).map((e) => e.assetId) },
        { name: "complete", label: "Processing complete", type: "checkbox" },
      ]}
      onSubmit={async (form) => {
        await api.step(din, "processing", withMaterials(form, usable), product);
        onDone();
        return undefined;
      }}
    />
  );
}
