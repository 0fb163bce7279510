/** Recalls (issue 18): every recall with its state, and the look-back that opens a new one. */
import { Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../api";
import { ErrorNote, ListTable, when } from "../components";
import { LookbackPanel } from "./recalls/LookbackPanel";

export function Recalls() {
  const recalls = useQuery({ queryKey: ["recalls"], queryFn: () => api.recalls() });
  const list = recalls.data ?? [];
  return (
    <section>
      <Title order={1}>Look-back and recalls</Title>
      <ErrorNote error={recalls.error} />
      {recalls.data && list.length === 0 && <p>No recall is recorded.</p>}
      {list.length > 0 && (
        <ListTable
          className="list"
          aria-label="Recalls"
          head={["Opened", "From", "Reason", "Products", "Open actions", "State"]}
        >
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Link to={`/recalls/${r.id}`}>{when(r.openedAt)}</Link>
                </Table.Td>
                <Table.Td>
                  {r.origin} <span className="mono">{r.originRef}</span>
                </Table.Td>
                <Table.Td>{r.reason}</Table.Td>
                <Table.Td>{r.products}</Table.Td>
                <Table.Td>{r.openActions}</Table.Td>
                <Table.Td>{r.state}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      <LookbackPanel />
    </section>
  );
}
