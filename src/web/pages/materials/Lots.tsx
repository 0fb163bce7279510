/**
 * Lots by receipt: what, from whom, lot number, expiry, acceptance. The lab receives a lot (pending); quality
 * accepts or rejects it with a reason. The server refuses what a role may not do and names the field.
 */
import { SimpleGrid, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { LOT_DECISIONS, LOT_KINDS } from "../../bank-lists";
import { ErrorNote, Form, ListTable, day } from "../../components";

export function Lots() {
  const queries = useQueryClient();
  const lots = useQuery({ queryKey: ["lots"], queryFn: () => api.lots() });
  const done = () => void queries.invalidateQueries({ queryKey: ["lots"] });
  const list = lots.data ?? [];
  const pending = list.filter((l) => l.acceptance !== "rejected");
  return (
    <>
      <Title order={2}>Reagent and supply lots</Title>
      <ErrorNote error={lots.error} />
      {lots.data && list.length === 0 && <p>No lot is received yet.</p>}
      {list.length > 0 && (
        <ListTable
          className="list"
          aria-label="Lots"
          head={["Lot", "Material", "Kind", "Supplier", "Expires", "Acceptance", "Decided"]}
        >
          <Table.Tbody>
            {list.map((l) => (
              <Table.Tr key={l.id} data-lot={l.lotNumber}>
                <Table.Td className="mono">{l.lotNumber}</Table.Td>
                <Table.Td>{l.material}</Table.Td>
                <Table.Td>{l.kind}</Table.Td>
                <Table.Td>{l.supplier}</Table.Td>
                <Table.Td>{l.expiresOn}</Table.Td>
                <Table.Td data-testid="acceptance">{l.acceptance}</Table.Td>
                <Table.Td>
                  {l.decidedBy ? `${l.decidedBy}, ${day(l.decidedAt)}: ${l.decisionReason}` : "—"}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" my="sm">
        <Form
          title="Receive a lot"
          button="Receive"
          fields={[
            { name: "kind", label: "Kind", required: true, options: LOT_KINDS },
            { name: "material", label: "Material", required: true, placeholder: "DMSO 55% / Dextran 40 5%" },
            { name: "supplier", label: "Supplier", required: true },
            { name: "lotNumber", label: "Lot number", required: true },
            { name: "expiresOn", label: "Expires on (YYYY-MM-DD, last day of use)", required: true },
            { name: "receivedAt", label: "Received at (empty: now)", type: "datetime" },
          ]}
          onSubmit={async (b) => {
            const lot = await api.addLot(b as never);
            done();
            return `lot ${lot.lotNumber} received, pending acceptance`;
          }}
        />
        <Form
          title="Accept or reject a lot"
          button="Record the decision"
          fields={[
            {
              name: "id",
              label: "Lot",
              required: true,
              options: pending.map((l) => l.lotNumber),
            },
            { name: "decision", label: "Decision", required: true, options: LOT_DECISIONS },
            {
              name: "reason",
              label: "Reason",
              required: true,
              placeholder: "certificate of analysis checked",
            },
          ]}
          onSubmit={async ({ id, ...b }) => {
            const lot = pending.find((l) => l.lotNumber === id);
            const decided = await api.decideLot(lot?.id ?? String(id ?? ""), b as never);
            done();
            return `lot ${decided.lotNumber} ${decided.acceptance}`;
          }}
        />
      </SimpleGrid>
    </>
  );
}
