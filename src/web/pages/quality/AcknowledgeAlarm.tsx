/** Acknowledging an open alarm, signed (meaning "reviewed"): from the dashboard's list and the alarm's record. */
import type { Alarm } from "../../../bank/quality/monitoring-schemas.js";
import { type User, api } from "../../api";
import { SigningDialog, codeField, takeCode } from "../../components";

export function AcknowledgeAlarm({ alarm, user, onDone }: { alarm: Alarm; user: User; onDone: () => void }) {
  return (
    <SigningDialog
      opener="Acknowledge…"
      title={`Acknowledge the alarm on ${alarm.device}: sign as ${user.printedName}, meaning "reviewed"`}
      button="Sign the acknowledgement"
      fields={[
        { name: "note", label: "What you saw and did first", required: true },
        { name: "password", label: "Your password", type: "password", required: true },
        ...codeField(user),
      ]}
      onSubmit={async (form) => {
        const [body, code] = takeCode(form);
        await api.acknowledgeAlarm(alarm.id, body, code);
        onDone();
        return undefined;
      }}
    />
  );
}
