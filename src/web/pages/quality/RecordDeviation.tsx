import { api } from "../../api";
import { DEVIATION_KINDS } from "../../bank-lists";
/**
 * Recording a deviation (issue 18): planned or unplanned, when it was discovered, what happened, and the
 * DINs it touched (a DIN alone is every product of the DIN). The server checks the text's length, the DINs
 * and the products' states; a refusal shows on the field it names.
 */
import { Form } from "../../components";

/** The DINs typed, separated by commas, spaces or new lines; none is sent as none (the server decides). */
export function dinsOf(text: unknown): { din: string }[] {
  return String(text ?? "")
    .split(/[\s,;]+/)
    .filter((d) => d !== "")
    .map((din) => ({ din }));
}

export function RecordDeviation({ onDone }: { onDone: () => void }) {
  return (
    <Form
      title="Record a deviation"
      button="Record the deviation"
      fields={[
        { name: "kind", label: "Planned or unplanned", required: true, options: DEVIATION_KINDS },
        // The 45-day clock starts at discovery: a time left empty is refused, not taken as now.
        { name: "discoveredAt", label: "Discovered at", type: "datetime", required: true, whenEmpty: "omit" },
        { name: "description", label: "What happened (at least 10 characters)", required: true },
        { name: "products", label: "DINs it touched (separated by commas or spaces)" },
      ]}
      onSubmit={async ({ products, ...rest }) => {
        const dins = dinsOf(products);
        const d = await api.recordDeviation({
          ...rest,
          ...(dins.length > 0 ? { products: dins } : {}),
        } as never);
        onDone();
        return `Deviation recorded (${d.links.length} link(s))`;
      }}
    />
  );
}
