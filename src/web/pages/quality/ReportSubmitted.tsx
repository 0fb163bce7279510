/**
 * A report to an authority recorded as submitted: the authority's reference and when it went (entered, never
 * assumed now: the clock is judged on it). Used by the deviation (1271.350(b)) and vigilance records.
 */
import { Form } from "../../components";

export function ReportSubmitted({
  to,
  referenceLabel = "The authority's reference",
  onSubmit,
}: {
  /** Whom it went to, as the form's title says it. */
  to: string;
  referenceLabel?: string;
  onSubmit: (body: { reference: string; submittedAt: string }) => Promise<void>;
}) {
  return (
    <Form
      title={`Record the report to ${to}`}
      button="Record the report as submitted"
      fields={[
        { name: "reference", label: referenceLabel, required: true },
        { name: "submittedAt", label: "Submitted at", type: "datetime", required: true, whenEmpty: "omit" },
      ]}
      onSubmit={async (b) => {
        // The server checks both (an absent time is its refusal, named on the field).
        await onSubmit(b as { reference: string; submittedAt: string });
        return "Report recorded";
      }}
    />
  );
}
