/** The parents' consents: in force or withdrawn, and the forms to record or withdraw one when allowed. */
import { useState } from "react";
import type { Consent, NewConsent } from "../../../consent/schemas";
import type { PatientOutcomes } from "../../../outcomes/schemas";
import { type User, api } from "../../api";
import { Form, codeField, takeCode, utcDay } from "../../components";

// Records keyed by the types' unions: a value added to a list on the server fails this page's type check.
const SCOPES: Record<NewConsent["scope"], true> = {
  "cord-blood-banking": true,
  treatment: true,
  research: true,
  "data-sharing": true,
};
const RELATIONSHIPS: Record<NewConsent["relationship"], true> = {
  mother: true,
  father: true,
  "legal-guardian": true,
};

export function Consents({
  mrn,
  consents,
  may,
  reload,
  user,
}: {
  user: User;
  mrn: string;
  consents: Consent[];
  may: (a: PatientOutcomes["actions"][number]) => boolean;
  reload: () => void;
}) {
  const [withdrawing, setWithdrawing] = useState<string>();
  return (
    <>
      <h2>Consents</h2>
      <table className="list consents">
        <thead>
          <tr>
            <th>Scope</th>
            <th>Document</th>
            <th>Signed by</th>
            <th>Signed</th>
            <th>Witness</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {consents.map((c) => (
            <tr key={c.id}>
              <td>{c.scope}</td>
              <td>
                {c.document} v{c.documentVersion}
              </td>
              <td>
                {c.signedBy} ({c.relationship})
              </td>
              <td>{utcDay(c.signedAt)}</td>
              <td>{c.witness}</td>
              <td>
                {c.withdrawnAt ? (
                  `withdrawn ${utcDay(c.withdrawnAt)}: ${c.withdrawalReason}`
                ) : may("withdrawConsent") ? (
                  <button type="button" onClick={() => setWithdrawing(c.id)}>
                    Withdraw
                  </button>
                ) : (
                  "in force"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {withdrawing && (
        <Form
          title="Withdraw consent"
          button="Withdraw now"
          fields={[{ name: "reason", label: "Reason" }]}
          onSubmit={async (b) => {
            await api.withdrawConsent(withdrawing, String(b.reason ?? ""));
            setWithdrawing(undefined);
            reload();
            return "withdrawn";
          }}
        />
      )}
      {may("recordConsent") && (
        <Form
          title="Record a consent"
          button="Record consent"
          fields={[
            {
              name: "scope",
              label: "Scope",
              options: Object.keys(SCOPES),
            },
            { name: "document", label: "Consent document" },
            { name: "documentVersion", label: "Version" },
            { name: "signedBy", label: "Signed by (parent or guardian)" },
            { name: "relationship", label: "Relationship", options: Object.keys(RELATIONSHIPS) },
            { name: "signedAt", label: "Signed (blank: now)", type: "datetime" },
            { name: "password", label: "Your password (you witness)", type: "password" },
            ...codeField(user),
          ]}
          onSubmit={async (form) => {
            const [b, code] = takeCode(form);
            await api.recordConsent({ ...b, mrn }, code);
            reload();
            return undefined;
          }}
        />
      )}
    </>
  );
}
