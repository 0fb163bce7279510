/**
 * The deviations not closed (issue 18), each with its steps for a quality manager: "Assess" (the impact
 * and whether it is reportable to FDA under 21 CFR 1271.350(b)) and "Close…", a signed decision that
 * accepts the products (they may then be released) or rejects them. The server decides which step a
 * deviation's state allows and answers a refusal shown in the dialog.
 */
import { Button, Group, Modal, Table } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link } from "react-router";
import type { Deviation } from "../../../bank/quality/deviation-schemas.js";
import { type User, api } from "../../api";
import { DEVIATION_DECISIONS } from "../../bank-lists";
import { Form, ListTable, SigningDialog, codeField, takeCode, when } from "../../components";

function Assess({ deviation, onDone }: { deviation: Deviation; onDone: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const title = "Assess the deviation";
  return (
    <>
      <Button variant="outline" onClick={open}>
        Assess
      </Button>
      <Modal
        closeButtonProps={{ "aria-label": "Close the dialog" }}
        opened={opened}
        onClose={close}
        title={title}
      >
        <Form
          title={title}
          showTitle={false}
          button="Record the assessment"
          fields={[
            { name: "impact", label: "Impact assessment (at least 10 characters)", required: true },
            {
              name: "reportable",
              label: "Reportable to FDA (a deviation in distributed products, 21 CFR 1271.350(b))",
              type: "checkbox",
            },
          ]}
          onSubmit={async (b) => {
            await api.assessDeviation(deviation.id, {
              impact: String(b.impact ?? ""),
              reportable: b.reportable === true,
            });
            close();
            onDone();
            return undefined;
          }}
        />
      </Modal>
    </>
  );
}

export function OpenDeviations({
  deviations,
  user,
  onDone,
}: { deviations: Deviation[]; user: User; onDone: () => void }) {
  if (deviations.length === 0) return <p>No deviation is open.</p>;
  const manages = user.roles.includes("quality-manager");
  return (
    <ListTable
      aria-label="Deviations"
      head={["Discovered", "Kind", "State", "Description", "Products", ...(manages ? ["Steps"] : [])]}
    >
      <Table.Tbody>
        {deviations.map((x) => (
          <Table.Tr key={x.id} data-deviation={x.id}>
            <Table.Td className="mono">{when(x.discoveredAt)}</Table.Td>
            <Table.Td>{x.kind}</Table.Td>
            <Table.Td data-testid="deviation-state">{x.state}</Table.Td>
            <Table.Td>
              <Link to={`/quality/deviations/${x.id}`}>{x.description}</Link>
              {x.impact && (
                <>
                  {" "}
                  (impact: {x.impact}
                  {x.reportable ? ", reportable" : ""})
                </>
              )}
            </Table.Td>
            <Table.Td className="mono">
              {x.links
                .filter((l) => l.kind === "product")
                .map((l) => l.ref)
                .join(", ") || "—"}
            </Table.Td>
            {manages && (
              <Table.Td>
                <Group gap="xs">
                  {x.state === "open" && <Assess deviation={x} onDone={onDone} />}
                  <SigningDialog
                    opener="Close…"
                    title={`Close the deviation: sign as ${user.printedName}, meaning "approved"`}
                    button="Sign and close"
                    fields={[
                      {
                        name: "decision",
                        label: "Decision: accept (the products may be released) or reject",
                        required: true,
                        options: DEVIATION_DECISIONS,
                      },
                      { name: "reason", label: "Justification (at least 10 characters)", required: true },
                      { name: "password", label: "Your password", type: "password", required: true },
                      ...codeField(user),
                    ]}
                    onSubmit={async (form) => {
                      const [body, code] = takeCode(form);
                      await api.closeDeviation(x.id, body, code);
                      onDone();
                      return undefined;
                    }}
                  />
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
