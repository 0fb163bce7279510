/**
 * Printing a product's label, and every print made. The server decides the kind (final while released and
 * on no open hold, otherwise QUARANTINE — NOT FOR RELEASE) and records each print; any print after the
 * first final label is a reprint, which the server refuses without a reason. The dialog says which it will
 * be from the list of prints and shows the server's answer; the printed PDF opens in a new tab.
 */
import { Button, Modal, Table, TextInput, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type LabelPrint as Print, api } from "../../api";
import { ErrorNote, ListTable, whenExact } from "../../components";

const KIND_WORDS = { final: "final label", quarantine: "quarantine label (QUARANTINE — NOT FOR RELEASE)" };

function PrintDialog({
  din,
  code,
  reprint,
  done,
}: { din: string; code?: string; reprint: boolean; done: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [error, setError] = useState<unknown>();
  const [printed, setPrinted] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
    setError(undefined);
    try {
      const label = await api.printLabel(din, code, reason || undefined);
      setPrinted(`Printed the ${KIND_WORDS[label.kind]}, copy ${label.copy}.`);
      window.open(URL.createObjectURL(label.blob), "_blank", "noopener");
      done();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <Button type="button" onClick={open}>
        {reprint ? "Reprint label" : "Print label"}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={reprint ? "Reprint the label" : "Print the label"}
        size="md"
      >
        <form onSubmit={submit} aria-label="Print the label">
          <p>
            The server prints the final label if the product is released and on no open hold, otherwise the
            quarantine label; it says which below once printed.
          </p>
          {reprint && <p>A final label was printed before: this is a reprint and needs a reason.</p>}
          <TextInput
            name="reason"
            label={reprint ? "Reason for the reprint" : "Reason (only for a reprint)"}
            withAsterisk={reprint}
            maxLength={1000}
          />
          <ErrorNote error={error} />
          {printed && (
            <output className="printed" data-testid="printed">
              {printed}
            </output>
          )}
          <Button type="submit" mt="sm">
            {reprint ? "Reprint" : "Print"}
          </Button>{" "}
          <Button type="button" variant="default" mt="sm" onClick={close}>
            Close
          </Button>
        </form>
      </Modal>
    </>
  );
}

function Prints({ prints }: { prints: Print[] }) {
  if (prints.length === 0) return <p>No label printed yet.</p>;
  return (
    <ListTable className="list label-prints" head={["Copy", "When", "Who", "Kind", "Reason"]}>
      <Table.Tbody>
        {prints.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>{p.copy}</Table.Td>
            <Table.Td>{whenExact(p.printedAt)}</Table.Td>
            <Table.Td>{p.printedBy}</Table.Td>
            <Table.Td>{p.kind}</Table.Td>
            <Table.Td>{p.reason ?? ""}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}

/** The label prints of a product, and the print action when the server offers it to this user. */
export function LabelPrint({ din, code, mayPrint }: { din: string; code?: string; mayPrint: boolean }) {
  const prints = useQuery({
    queryKey: ["product", din, code, "label-prints"],
    queryFn: () => api.labelPrints(din, code),
  });
  const queries = useQueryClient();
  // A print is in the product's audit history too: the page's queries of this DIN are stale.
  const done = () => void queries.invalidateQueries({ queryKey: ["product", din] });
  const reprint = (prints.data ?? []).some((p) => p.kind === "final");
  return (
    <div className="label-print">
      <Title order={2}>Label prints</Title>
      <ErrorNote error={prints.error} />
      {mayPrint && prints.data && <PrintDialog din={din} code={code} reprint={reprint} done={done} />}
      {prints.data && <Prints prints={prints.data} />}
    </div>
  );
}
