/** A recall's actions: each with its notice, who closed it, when and what was done; open ones closable. */
import { Table, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { RecallAction } from "../../../bank/quality/recall-schemas.js";
import { api } from "../../api";
import { ListTable, SubmitRow, when } from "../../components";

function CloseAction({ id, action, onDone }: { id: string; action: RecallAction; onDone: () => void }) {
  const [outcome, setOutcome] = useState("");
  const send = useMutation({
    mutationFn: () => api.closeRecallAction(id, action.id, outcome),
    onSuccess: onDone,
  });
  return (
    <form
      className="no-print"
      aria-label={`Close action ${action.seq}`}
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <TextInput
        label={`What was done (action ${action.seq})`}
        name="outcome"
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
      />
      <SubmitRow button="Close the action" busy={send.isPending} done="" error={send.error} />
    </form>
  );
}

export function RecallActions({
  id,
  actions,
  mayClose,
  onDone,
}: { id: string; actions: RecallAction[]; mayClose: boolean; onDone: () => void }) {
  return (
    <>
      <Title order={2}>Actions ({actions.filter((a) => a.state === "open").length} open)</Title>
      <ListTable
        className="list"
        aria-label="Recall actions"
        head={["#", "Action", "Notice", "State", "Closed"]}
      >
        <Table.Tbody>
          {actions.map((a) => (
            <Table.Tr key={a.id} data-action={a.seq} data-kind={a.kind}>
              <Table.Td>{a.seq}</Table.Td>
              <Table.Td>{a.description}</Table.Td>
              <Table.Td>{a.message ? <pre className="notice">{a.message}</pre> : "—"}</Table.Td>
              <Table.Td data-testid="action-state">{a.state}</Table.Td>
              <Table.Td>
                {a.state === "closed" ? (
                  `${when(a.closedAt)} by ${a.closedBy}: ${a.outcome}`
                ) : mayClose ? (
                  <CloseAction id={id} action={a} onDone={onDone} />
                ) : (
                  "—"
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
    </>
  );
}
