/**
 * The patient's recorded death, the one every report, curve and export reads: its date and cause, where it
 * was first recorded (a grade 5 adverse event or a vital-status form) and any correction; a physician may
 * correct the date or cause with a reason (the record before stays in the audit trail).
 */
import { Alert, Title } from "@mantine/core";
import type { PatientOutcomes } from "../../../outcomes/schemas";
import { api } from "../../api";
import { Form, when } from "../../components";

export function Death({
  mrn,
  death,
  mayCorrect,
  reload,
}: { mrn: string; death: NonNullable<PatientOutcomes["death"]>; mayCorrect: boolean; reload: () => void }) {
  const source = death.source === "adverse-event" ? "a fatal adverse event" : "a vital-status form";
  return (
    <section aria-label="Death">
      <Title order={2}>Death</Title>
      <Alert color="gray" className="death" title={`Died on ${death.diedOn}`}>
        {death.cause}. Recorded from {source} by {death.recordedBy} on {when(death.recordedAt)}
        {death.correctedAt
          ? `; corrected by ${death.correctedBy} on ${when(death.correctedAt)}: ${death.correctionReason}`
          : ""}
        .
      </Alert>
      {mayCorrect && (
        <Form
          title="Correct the recorded death"
          button="Correct"
          fields={[
            { name: "diedOn", label: "Date of death (YYYY-MM-DD)", required: true },
            { name: "cause", label: "Cause", required: true },
            { name: "reason", label: "Why it is corrected", required: true },
          ]}
          initial={{ diedOn: death.diedOn, cause: death.cause }}
          onSubmit={async (body) => {
            await api.correctDeath(mrn, body);
            reload();
            return "The recorded death is corrected";
          }}
        />
      )}
    </section>
  );
}
