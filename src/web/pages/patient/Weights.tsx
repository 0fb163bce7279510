/** The weights recorded (doses per kg use the latest), and the form to record one when the server allows. */
import { Table, Title } from "@mantine/core";
import type { Weight } from "../../../therapy/schemas.js";
import { api } from "../../api";
import { Form, ListTable, when } from "../../components";

export function Weights({
  mrn,
  weights,
  mayRecord,
  reload,
}: { mrn: string; weights: Weight[]; mayRecord: boolean; reload: () => void }) {
  return (
    <>
      <Title order={2}>Weights</Title>
      <ListTable className="list">
        <Table.Tbody>
          {weights.map((w) => (
            <Table.Tr key={w.measuredAt}>
              <Table.Td>{when(w.measuredAt)}</Table.Td>
              <Table.Td className="num">{w.grams} g</Table.Td>
              <Table.Td>{w.recordedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      {mayRecord && (
        <Form
          title="Record a weight"
          button="Record weight"
          fields={[
            { name: "grams", label: "Grams", type: "number" },
            { name: "measuredAt", label: "Measured (blank: now)", type: "datetime" },
          ]}
          onSubmit={async (body) => {
            await api.recordWeight(mrn, Number(body.grams), String(body.measuredAt));
            reload();
            return undefined;
          }}
        />
      )}
    </>
  );
}
