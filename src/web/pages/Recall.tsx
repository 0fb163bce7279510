/**
 * One recall's record, printable (the print style drops the navigation and the forms): why, what was found
 * and where each product was, each action with who closed it and when, the notices, and the closing
 * signature. The actions and the close are offered as the server's answer allows.
 */
import { Group, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { User } from "../api";
import { api } from "../api";
import { ErrorNote, PrintButton, SigningDialog, codeField, takeCode, when } from "../components";
import { AffectedTable } from "./recalls/AffectedTable";
import { RecallActions } from "./recalls/RecallActions";

export function RecallPage({ id, user }: { id: string; user: User }) {
  const queries = useQueryClient();
  const recall = useQuery({ queryKey: ["recalls", id], queryFn: () => api.recall(id) });
  const reload = () => void queries.invalidateQueries({ queryKey: ["recalls"] });
  const data = recall.data;
  return (
    <section className="recall-record">
      <Title order={1}>Recall</Title>
      <ErrorNote error={recall.error} />
      {data && (
        <>
          <dl className="facts">
            <dt>From</dt>
            <dd>
              {data.recall.origin} <span className="mono">{data.recall.originRef}</span>
              {data.recall.windowFrom &&
                ` (${when(data.recall.windowFrom)} to ${when(data.recall.windowTo)})`}
            </dd>
            <dt>Reason</dt>
            <dd>{data.recall.reason}</dd>
            <dt>Opened</dt>
            <dd>
              {when(data.recall.openedAt)} by {data.recall.openedBy}
            </dd>
            <dt>State</dt>
            <dd data-testid="recall-state">{data.recall.state}</dd>
            {data.signature && (
              <>
                <dt>Closed</dt>
                <dd data-testid="recall-signature">
                  {when(data.recall.closedAt)}, signed by {data.signature.printedName} (meaning "
                  {data.signature.meaning}"): {data.recall.closeNote}
                </dd>
              </>
            )}
          </dl>
          <Group className="no-print" my="sm">
            <PrintButton />
            {data.mayClose && (
              <SigningDialog
                opener="Close the recall…"
                title={`Close the recall: sign as ${user.printedName}, meaning "approved"`}
                button="Sign and close"
                fields={[
                  { name: "note", label: "How the recall ended", required: true },
                  { name: "password", label: "Your password", type: "password", required: true },
                  ...codeField(user),
                ]}
                onSubmit={async (form) => {
                  const [body, code] = takeCode(form);
                  await api.closeRecall(id, body, code);
                  reload();
                  return undefined;
                }}
              />
            )}
          </Group>
          <Title order={2}>Products ({data.products.length})</Title>
          <AffectedTable
            products={data.products.map((p) => ({
              ...p.whereabouts,
              status: `${p.statusAtRecall} → ${p.status}`,
              onHold: p.onHold,
            }))}
            label="Recalled products"
          />
          <RecallActions id={id} actions={data.actions} mayClose={data.mayCloseActions} onDone={reload} />
        </>
      )}
    </section>
  );
}
