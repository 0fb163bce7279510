/** The parents' consents: in force or withdrawn, and the forms to record or withdraw one when allowed. */
import { Button, Table, Title } from "@mantine/core";
import { useState } from "react";
import type { Consent, NewConsent } from "../../../consent/schemas";
import type { PatientOutcomes } from "../../../outcomes/schemas";
import { type User, api } from "../../api";
import { Form, ListTable, codeField, day, takeCode } from "../../components";

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
      <Title order={2}>Consents</Title>
      <ListTable
        className="list consents"
        head={["Scope", "Document", "Signed by", "Signed", "Witness", "State"]}
      >
        <Table.Tbody>
          {consents.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.scope}</Table.Td>
              <Table.Td>
                {c.document} v{c.documentVersion}
              </Table.Td>
              <Table.Td>
                {c.signedBy} ({c.relationship})
              </Table.Td>
              <Table.Td>{day(c.signedAt)}</Table.Td>
              <Table.Td>{c.witness}</Table.Td>
              <Table.Td>
                {c.withdrawnAt ? (
                  `withdrawn ${day(c.withdrawnAt)}: ${c.withdrawalReason}`
                ) : may("withdrawConsent") ? (
                  <Button
                    type="button"
                    variant="default"
                    size="compact-sm"
                    onClick={() => setWithdrawing(c.id)}
                  >
                    Withdraw
                  </Button>
                ) : (
                  "in force"
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
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
