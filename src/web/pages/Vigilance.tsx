/**
 * One adverse reaction or product complaint, printable: what the treating centre reported and when the bank
 * learned of it (the clocks start there), the product and its donor, the other products of the same DIN and
 * donor (the product impact), the bank's investigation, the reports due — 21 CFR 1271.350(a) to FDA within
 * 15 days for a serious reaction involving a communicable disease, the EU authority within the bank's
 * configured days for a serious one — and the closing signature. Quality records each step; the server
 * refuses a step out of order (a close before the investigation or with a report not submitted).
 */
import { Group, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import type { ReportClock } from "../../bank/quality/deviation-schemas.js";
import type { VigilanceCase } from "../../bank/quality/vigilance-schemas.js";
import { type User, api } from "../api";
import {
  ErrorNote,
  Form,
  ListTable,
  PrintButton,
  SigningDialog,
  codeField,
  takeCode,
  when,
} from "../components";
import { ReportSubmitted } from "./quality/ReportSubmitted";

const AUTHORITY = { fda: "FDA (21 CFR 1271.350(a))", eu: "the EU authority (SoHO)" } as const;

function clockText(c: ReportClock): string {
  return c.submittedAt
    ? `submitted ${when(c.submittedAt)} by ${c.submittedBy}, reference ${c.reference}`
    : `due ${c.dueDate} (${c.state})`;
}

function Related({ c }: { c: VigilanceCase }) {
  if (c.related.length === 0) return <p>No other product shares this DIN or donor.</p>;
  return (
    <ListTable aria-label="Related products" head={["DIN", "Status", "Relation"]}>
      <Table.Tbody>
        {c.related.map((r) => (
          <Table.Tr key={r.productId}>
            <Table.Td className="mono">
              <Link to={`/products/${encodeURIComponent(r.din)}`}>{r.din}</Link>
            </Table.Td>
            <Table.Td>{r.status}</Table.Td>
            <Table.Td>{r.relation === "same-din" ? "same collection" : "same donor"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}

function Steps({ c, user, onDone }: { c: VigilanceCase; user: User; onDone: () => void }) {
  if (!user.roles.includes("quality-manager") || c.state === "closed") return null;
  const due = (["fda", "eu"] as const).filter((k) => c[k] !== null && !c[k]?.submittedAt);
  return (
    <div className="no-print">
      {c.state === "open" && (
        <Form
          title="Record the investigation"
          button="Record the findings"
          fields={[
            { name: "findings", label: "The bank's findings (at least 10 characters)", required: true },
          ]}
          onSubmit={async (b) => {
            await api.investigateVigilance(c.id, String(b.findings ?? ""));
            onDone();
            return "Investigation recorded";
          }}
        />
      )}
      {due.map((authority) => (
        <ReportSubmitted
          key={authority}
          to={AUTHORITY[authority]}
          onSubmit={async (b) => {
            await api.reportVigilance(c.id, { ...b, authority });
            onDone();
          }}
        />
      ))}
      {c.state === "investigated" && (
        <Group my="sm">
          <SigningDialog
            opener="Close the case…"
            title={`Close the case: sign as ${user.printedName}, meaning "approved"`}
            button="Sign and close"
            fields={[
              { name: "reason", label: "The decision and why (at least 10 characters)", required: true },
              { name: "password", label: "Your password", type: "password", required: true },
              ...codeField(user),
            ]}
            onSubmit={async (form) => {
              const [body, code] = takeCode(form);
              await api.closeVigilance(c.id, body, code);
              onDone();
              return undefined;
            }}
          />
        </Group>
      )}
    </div>
  );
}

export function VigilancePage({ id, user }: { id: string; user: User }) {
  const queries = useQueryClient();
  const one = useQuery({ queryKey: ["quality", "vigilance", id], queryFn: () => api.vigilanceCase(id) });
  const reload = () => void queries.invalidateQueries({ queryKey: ["quality"] });
  const c = one.data;
  return (
    <section className="vigilance-record">
      <Title order={1}>{c?.kind === "complaint" ? "Product complaint" : "Adverse reaction"}</Title>
      <p className="no-print">
        <Link to="/quality">Back to the quality dashboard</Link>
      </p>
      <ErrorNote error={one.error} />
      {one.isPending && <p className="loading">Loading…</p>}
      {c && (
        <>
          <dl className="facts">
            <dt>Product</dt>
            <dd className="mono">
              <Link to={`/products/${encodeURIComponent(c.din)}`}>{c.din}</Link>
            </dd>
            <dt>Reported by</dt>
            <dd>
              {c.centre}
              {c.shippedAs && ` (shipped to it as ${c.shippedAs}, renamed since)`}
            </dd>
            <dt>The bank learned of it</dt>
            <dd>{when(c.learnedAt)}</dd>
            <dt>Recorded</dt>
            <dd>
              {when(c.recordedAt)} by {c.recordedBy}
            </dd>
            <dt>What was reported</dt>
            <dd>{c.description}</dd>
            <dt>Serious</dt>
            <dd>{c.serious ? "yes" : "no"}</dd>
            <dt>Communicable disease</dt>
            <dd>{c.communicableDisease ? "yes" : "no"}</dd>
            <dt>State</dt>
            <dd data-testid="vigilance-state">{c.state}</dd>
            <dt>Investigation</dt>
            <dd>
              {c.investigation
                ? `${c.investigation} (${when(c.investigatedAt)}, ${c.investigatedBy})`
                : "not yet"}
            </dd>
            <dt>Report to FDA</dt>
            <dd data-testid="vigilance-fda">{c.fda ? clockText(c.fda) : "not required"}</dd>
            <dt>Report to the EU authority</dt>
            <dd data-testid="vigilance-eu">{c.eu ? clockText(c.eu) : "not required"}</dd>
            {c.closedAt && (
              <>
                <dt>Closed</dt>
                <dd data-testid="vigilance-closed">
                  {when(c.closedAt)} by {c.closedBy} (signed, meaning "approved")
                </dd>
              </>
            )}
          </dl>
          <Group className="no-print" my="sm">
            <PrintButton />
          </Group>
          <Title order={2}>Products of the same collection or donor ({c.related.length})</Title>
          <Related c={c} />
          <Steps c={c} user={user} onDone={reload} />
        </>
      )}
    </section>
  );
}
